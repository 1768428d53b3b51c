/**
 * VROOM compatibility, both ways: VROOM's documented examples and a converter output go through
 * fromVroom → solve → toVroom and are checked field by field against the documented output
 * schema (test/vroom-schema.ts) and the documented example outputs; inputs the solver does not
 * model are refused by name (test/vroom-input.test.ts); the inputs it models mean what they mean in
 * VROOM (there too).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { shutdownWorkers } from '../src/solve.ts';
import { fromVroom } from '../src/vroom.ts';
import { example2, fixture, type Out, refusal, run } from './vroom-harness.ts';

afterAll(async () => {
  await shutdownWorkers();
});

describe('VROOM documented examples', () => {
  it('example 2 (custom matrix) gives the documented output, value for value', async () => {
    const out = await run(example2());
    const doc = fixture('vroom-docs/example_2_sol.json') as unknown as Out;
    for (const k of ['cost', 'routes', 'unassigned', 'setup', 'service', 'duration', 'waiting_time', 'priority'])
      expect(out.summary[k], `summary.${k}`).toBe(doc.summary[k]);
    expect(out.summary.violations).toEqual([]);
    // No distance matrix in input: no distance anywhere, as in the documented output.
    expect(out.summary).not.toHaveProperty('distance');
    const [route] = out.routes;
    const [docRoute] = doc.routes;
    expect(Object.keys(route ?? {}).sort()).toEqual(Object.keys(docRoute ?? {}).sort());
    route?.steps.forEach((s, i) => {
      const d = docRoute?.steps[i] ?? {};
      expect(Object.keys(s).sort(), `step ${i} keys`).toEqual(Object.keys(d).sort());
      for (const k of Object.keys(d)) expect(s[k], `step ${i}.${k}`).toEqual(d[k]);
    });
  });

  it('example 1 (coordinates, break, shipment, skills) has every documented field', async () => {
    // Without a routing engine, coordinates use our speed model: a road speed like OSRM's here.
    const out = await run({ ...fixture('vroom-docs/example_1.json'), speed_model: { speed_mps: 20 } });
    expect(out.unassigned).toEqual([]);
    const doc = fixture('vroom-docs/example_1_sol.json') as unknown as Out;
    // `amount` (deprecated) is sent by VROOM's source but absent from this documented output.
    const keys = (o: object) =>
      Object.keys(o).filter((k) => k !== 'geometry' && k !== 'computing_times' && k !== 'amount');
    expect(keys(out.summary).sort()).toEqual(keys(doc.summary).sort());
    expect(out.routes).toHaveLength(doc.routes.length);
    for (const r of out.routes) {
      const d = doc.routes.find((x) => x.vehicle === r.vehicle) ?? doc.routes[0];
      expect(keys(r).sort()).toEqual(keys(d ?? {}).sort());
      for (const s of r.steps) {
        const same = d?.steps.find((x) => x.type === s.type);
        if (same) expect(Object.keys(s).sort(), `${String(s.type)} step`).toEqual(Object.keys(same).sort());
      }
    }
    // The shipment's amount counts as delivered and picked up, as VROOM reports it.
    expect(out.summary.delivery).toEqual(doc.summary.delivery);
    expect(out.summary.pickup).toEqual(doc.summary.pickup);
    expect(out.summary.amount).toEqual(out.summary.delivery);
    const pickup = out.routes.flatMap((r) => r.steps).find((s) => s.type === 'pickup');
    expect(pickup?.job).toBe(4);
  });

  it('example 3 (vehicle steps, plan mode) is refused naming the steps, and solves without them', async () => {
    const input = fixture('vroom-docs/example_3.json');
    expect(refusal(input)).toBe('vehicles[0].steps');
    for (const v of input.vehicles as Record<string, unknown>[]) delete v.steps;
    const out = await run(input);
    // 10 units on two vans of 4: VROOM's plan mode reports a load violation; solving leaves some out.
    expect((out.summary.delivery as number[])[0]).toBeLessThanOrEqual(8);
    expect(out.unassigned.length).toBeGreaterThan(0);
  });
});

describe('converter output (vroom-scripts)', () => {
  it('Li & Lim lc101 (pdptw_to_json.py): shipment amounts delivered and picked up, coordinates beside indices', async () => {
    const input = fixture('converters/pdptw-lc101.json');
    const out = await run(input);
    expect(out.unassigned).toEqual([]);
    // 53 shipments, 990 units: VROOM reports them in both totals.
    expect(out.summary.delivery).toEqual([990]);
    expect(out.summary.pickup).toEqual([990]);
    const steps = out.routes.flatMap((r) => r.steps);
    expect(steps.filter((s) => s.type === 'pickup')).toHaveLength(53);
    for (const s of steps) {
      expect(s.location, `${String(s.type)} ${String(s.id)}`).toHaveLength(2);
      expect(typeof s.location_index).toBe('number');
    }
    // No `costs`: cost is travel time, as in VROOM.
    expect(out.summary.cost).toBeCloseTo(out.summary.duration as number, 6);
  });

  it('Solomon C101 (vrptw_to_json.py): every job served, delivery totals, no distance without distances', async () => {
    const input = fixture('converters/vrptw-C101.json');
    const out = await run(input);
    expect(out.unassigned).toEqual([]);
    const jobs = input.jobs as { delivery: number[] }[];
    const total = jobs.reduce((a, j) => a + (j.delivery[0] ?? 0), 0);
    expect(out.summary.delivery).toEqual([total]);
    expect(out.routes.reduce((a, r) => a + ((r.delivery as number[])[0] ?? 0), 0)).toBe(total);
    expect(out.summary).not.toHaveProperty('distance');
    expect(out.summary.cost).toBeCloseTo(out.summary.duration as number, 6);
  });

  it('HVRP13 solves with per-vehicle costs and the documented schema', async () => {
    const input = fixture('converters/hvrp-HVRP13.json');
    const out = await run(input);
    expect(out.unassigned).toEqual([]);
    // durations = distances × 1000 and per_hour = 3600 × rate: cost is 1000 × Σ rate × distance.
    const problem = fromVroom(input);
    const byId = new Map(problem.vehicles.map((v) => [v.id, v]));
    for (const r of out.routes) {
      const v = byId.get(r.vehicle as number);
      expect(r.cost).toBeCloseTo(((v?.costs?.perHour ?? 0) / 3600) * (r.duration as number), 3);
    }
  });
});
