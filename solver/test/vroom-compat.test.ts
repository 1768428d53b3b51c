/**
 * VROOM compatibility, both ways: VROOM's documented examples and a converter output go through
 * fromVroom → solve → toVroom and are checked field by field against the documented output
 * schema (test/vroom-schema.ts) and the documented example outputs; inputs the solver does not
 * model are refused by name; the inputs it models mean what they mean in VROOM.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ProblemError } from '../src/errors.ts';
import { shutdownWorkers, solve } from '../src/solve.ts';
import { fromVroom, toVroom } from '../src/vroom.ts';
import { checkSolution } from './checker.ts';
import { checkVroomOutput } from './vroom-schema.ts';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const cli = new URL('../dist/cli.js', import.meta.url).pathname;

type Out = {
  summary: Record<string, unknown>;
  unassigned: Record<string, unknown>[];
  routes: (Record<string, unknown> & { steps: Record<string, unknown>[] })[];
};

/** An iteration budget and a seed, not a clock: the same answer on any machine, under any load. */
async function run(input: unknown): Promise<Out> {
  const problem = fromVroom(input);
  const sol = await solve(problem, { maxIterations: 2000, timeLimitMs: 600_000, seed: 1 });
  checkSolution(problem, sol);
  const out = toVroom(sol, problem, { loadingMs: 1 });
  checkVroomOutput(out);
  return out as unknown as Out;
}

/** Example 2 of VROOM's docs: one vehicle 0 → 3, two jobs, a durations matrix only. */
const example2 = () => fixture('vroom-docs/example_2.json');

function refusal(input: unknown): string {
  try {
    fromVroom(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ProblemError);
    return (e as ProblemError).field;
  }
  throw new Error('accepted');
}

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

describe('VROOM input semantics', () => {
  it('costs with only `fixed` keep travel at the default 3600 per hour', async () => {
    const input = example2();
    (input.vehicles as Record<string, unknown>[])[0]!.costs = { fixed: 100 };
    const out = await run(input);
    expect(out.summary.cost).toBe(5461 + 100);
  });

  it('refuses what it does not model, naming the field', () => {
    const base = () =>
      example2() as { vehicles: Record<string, unknown>[]; jobs: Record<string, unknown>[] } & Record<string, unknown>;
    let p = base();
    p.vehicles[0]!.costs = { per_task_hour: 100 };
    expect(refusal(p)).toBe('vehicles[0].costs.per_task_hour');
    p = base();
    p.vehicles[0]!.costs = { per_task_hour: 0 };
    expect(() => fromVroom(p)).not.toThrow();
    p = base();
    p.jobs[1]!.service_per_type = { van: 60 };
    expect(refusal(p)).toBe('jobs[1].service_per_type');
    p = base();
    p.jobs[0]!.setup_per_type = { van: 60 };
    expect(refusal(p)).toBe('jobs[0].setup_per_type');
    p = base();
    p.vehicles[0]!.breaks = [{ id: 1, time_windows: [[0, 10]], max_load: [3] }];
    expect(refusal(p)).toBe('vehicles[0].breaks[0].max_load');
    p = base();
    (p.matrices as Record<string, Record<string, unknown>>).car!.costs = [
      [0, 1, 1, 1],
      [1, 0, 1, 1],
      [1, 1, 0, 1],
      [1, 1, 1, 0],
    ];
    expect(refusal(p)).toBe('matrices.car.costs');
    p = base();
    p.shipments = [
      {
        pickup: { id: 1, location_index: 1, service_per_type: { van: 5 } },
        delivery: { id: 1, location_index: 2 },
      },
    ];
    expect(refusal(p)).toBe('shipments[0].pickup.service_per_type');
  });

  it('uses each vehicle’s own profile, whatever the key order', async () => {
    const car = (example2().matrices as Record<string, unknown>).car;
    const bike = {
      durations: [
        [0, 10, 10, 10],
        [10, 0, 10, 10],
        [10, 10, 0, 10],
        [10, 10, 10, 0],
      ],
    };
    for (const matrices of [
      { car, bike },
      { bike, car },
    ]) {
      const input = example2();
      input.matrices = matrices;
      (input.vehicles as Record<string, unknown>[])[0]!.profile = 'bike';
      const out = await run(input);
      expect(out.summary.cost).toBe(30);
    }
    // A car and a bike, each job reachable only on one network: each vehicle takes its own.
    const mixed = {
      vehicles: [
        { id: 'car', profile: 'car', start_index: 0, end_index: 0 },
        { id: 'bike', profile: 'bike', start_index: 0, end_index: 0 },
      ],
      jobs: [
        { id: 1, location_index: 1 },
        { id: 2, location_index: 2 },
      ],
      matrices: {
        bike: {
          durations: [
            [0, null, 50],
            [null, 0, null],
            [50, null, 0],
          ],
        },
        car: {
          durations: [
            [0, 100, null],
            [100, 0, null],
            [null, null, 0],
          ],
        },
      },
    };
    const out = await run(mixed);
    const served = Object.fromEntries(
      out.routes.map((r) => [r.vehicle, r.steps.filter((s) => s.type === 'job').map((s) => s.id)]),
    );
    expect(served).toEqual({ car: [1], bike: [2] });
    expect(out.summary.cost).toBe(300);
    const missing = example2();
    (missing.vehicles as Record<string, unknown>[])[0]!.profile = 'truck';
    expect(refusal(missing)).toBe('vehicles[0].profile');
  });

  it('reports setup apart from service, descriptions, priorities and a later start instead of waiting', async () => {
    const input = {
      vehicles: [{ id: 7, description: 'small van', start_index: 0, end_index: 0, time_window: [0, 10000] }],
      jobs: [
        {
          id: 1,
          description: 'bakery',
          location_index: 1,
          setup: 60,
          service: 120,
          priority: 5,
          time_windows: [[1000, 1100]],
        },
        { id: 2, location_index: 1, setup: 60, service: 30, priority: 2, time_windows: [[1150, 3000]] },
        { id: 3, description: 'far away', location_index: 2, time_windows: [[0, 10]] },
      ],
      matrices: {
        car: {
          durations: [
            [0, 100, 5000],
            [100, 0, 5000],
            [5000, 5000, 0],
          ],
          distances: [
            [0, 700, 9000],
            [700, 0, 9000],
            [9000, 9000, 0],
          ],
        },
      },
    };
    const out = await run(input);
    const [route] = out.routes;
    expect(route?.description).toBe('small van');
    const steps = route?.steps ?? [];
    const first = steps[1] ?? {};
    // Setup once per location, reported apart from the service.
    expect(steps.filter((s) => s.type === 'job').map((s) => s.setup)).toEqual([60, 0]);
    expect(out.summary.setup).toBe(60);
    expect(out.summary.service).toBe(150);
    expect(route?.priority).toBe(7);
    expect(out.summary.priority).toBe(7);
    expect(first.description).toBe('bakery');
    // The window opens at 1000 and the job is 100 s away: leave at 900 rather than wait 900 s.
    expect(steps[0]?.arrival).toBe(900);
    expect(first.arrival).toBe(1000);
    expect(first.waiting_time).toBe(0);
    expect(out.summary.waiting_time).toBe(0);
    expect(out.summary.distance).toBe(1400);
    expect(out.unassigned).toEqual([
      { id: 3, type: 'job', description: 'far away', location_index: 2, reason: 'time_window' },
    ]);
  });

  it('starts later rather than waiting before a break', async () => {
    const input = {
      vehicles: [
        {
          id: 1,
          start_index: 0,
          end_index: 0,
          time_window: [0, 10000],
          breaks: [{ id: 9, description: 'lunch', time_windows: [[500, 600]], service: 100 }],
        },
      ],
      jobs: [{ id: 1, location_index: 1, time_windows: [[1000, 1100]] }],
      matrices: {
        car: {
          durations: [
            [0, 100],
            [100, 0],
          ],
        },
      },
    };
    const out = await run(input);
    const steps = out.routes[0]?.steps ?? [];
    expect(steps.map((s) => s.type)).toEqual(['start', 'break', 'job', 'end']);
    expect(steps[1]?.description).toBe('lunch');
    expect(steps[1]?.waiting_time).toBe(0);
    expect(steps[0]?.arrival).toBe(500);
    // What waiting is left comes before the job's window, after the break.
    expect(steps[2]?.arrival).toBe(700);
    expect(steps[2]?.waiting_time).toBe(300);
    expect(out.summary.waiting_time).toBe(300);
  });

  it('reports shipment amounts in delivery and pickup, `job` on both halves, and both halves when left out', async () => {
    const input = {
      vehicles: [{ id: 1, start_index: 0, end_index: 0, capacity: [10] }],
      shipments: [
        { amount: [6], pickup: { id: 1, location_index: 1 }, delivery: { id: 1, location_index: 2 } },
        {
          amount: [20],
          pickup: { id: 2, location_index: 1, description: 'too big' },
          delivery: { id: 2, location_index: 2 },
        },
      ],
      matrices: {
        car: {
          durations: [
            [0, 5, 9],
            [5, 0, 5],
            [9, 5, 0],
          ],
        },
      },
    };
    const out = await run(input);
    const [route] = out.routes;
    expect(route?.delivery).toEqual([6]);
    expect(route?.pickup).toEqual([6]);
    expect(route?.amount).toEqual([6]);
    expect(route?.steps.filter((s) => s.type === 'pickup' || s.type === 'delivery').map((s) => s.job)).toEqual([1, 1]);
    expect(out.summary.unassigned).toBe(2);
    expect(out.unassigned.map((u) => [u.id, u.type, u.description])).toEqual([
      [2, 'pickup', 'too big'],
      [2, 'delivery', undefined],
    ]);
  });
});

describe('VROOM input semantics, continued', () => {
  /** A line: travel 100 s (and 700 m when `withDistances`) between neighbouring indices. */
  const line = (n: number, withDistances: boolean) => {
    const m = (k: number) =>
      Array.from({ length: n }, (_, a) => Array.from({ length: n }, (_, b) => Math.abs(a - b) * k));
    return withDistances ? { durations: m(100), distances: m(700) } : { durations: m(100) };
  };

  it('shows coordinates given beside a matrix index, in steps and in unassigned, as VROOM does', async () => {
    const input = {
      vehicles: [{ id: 1, start: [2.35, 48.85], start_index: 0, end_index: 0, capacity: [1] }],
      jobs: [
        { id: 1, location: [2.36, 48.86], location_index: 1, delivery: [1] },
        { id: 2, location: [2.37, 48.87], location_index: 2, delivery: [1] },
      ],
      matrices: { car: line(3, true) },
    };
    const out = await run(input);
    const steps = out.routes[0]?.steps ?? [];
    expect(steps[0]).toMatchObject({ type: 'start', location: [2.35, 48.85], location_index: 0 });
    const served = steps[1] ?? {};
    expect(served.location_index).toBe(served.id === 1 ? 1 : 2);
    expect(served.location).toEqual(served.id === 1 ? [2.36, 48.86] : [2.37, 48.87]);
    // No coordinates given for the end: only its index.
    expect(steps.at(-1)).not.toHaveProperty('location');
    const [left] = out.unassigned;
    expect(left).toMatchObject({ type: 'job', location_index: left?.id === 1 ? 1 : 2 });
    expect(left?.location).toEqual(left?.id === 1 ? [2.36, 48.86] : [2.37, 48.87]);
    const bad = { ...input, jobs: [{ id: 1, location: 'here', location_index: 1 }] };
    expect(refusal(bad)).toBe('jobs[0].location');
  });

  it('refuses distance costs and limits on matrices without distances (VROOM would ask its routing engine)', () => {
    const base = () => ({
      vehicles: [{ id: 1, start_index: 0, end_index: 0 } as Record<string, unknown>],
      jobs: [{ id: 1, location_index: 1 }],
      matrices: { car: line(2, false) },
    });
    let p = base();
    p.vehicles[0]!.costs = { per_km: 5 };
    expect(refusal(p)).toBe('vehicles[0].costs.per_km');
    p = base();
    p.vehicles[0]!.max_distance = 1000;
    expect(refusal(p)).toBe('vehicles[0].max_distance');
    p = base();
    p.vehicles[0]!.costs = { per_km: 0 };
    expect(() => fromVroom(p)).not.toThrow();
    p = { ...base(), matrices: { car: line(2, true) } };
    p.vehicles[0]!.max_distance = 1000;
    expect(() => fromVroom(p)).not.toThrow();
  });

  it('names locations as VROOM does: *_index with matrices, coordinates without', () => {
    const withMatrix = (vehicle: Record<string, unknown>, job: Record<string, unknown>) => ({
      vehicles: [{ id: 1, ...vehicle }],
      jobs: [{ id: 1, ...job }],
      matrices: { car: line(2, false) },
    });
    expect(refusal(withMatrix({ start_index: 0 }, { location: [2.3, 48.8] }))).toBe('jobs[0].location_index');
    expect(refusal(withMatrix({ start_index: 5 }, { location_index: 1 }))).toBe('vehicles[0].start_index');
    expect(refusal(withMatrix({ end_index: 0 }, { location_index: 7 }))).toBe('jobs[0].location_index');
    const noMatrix = { vehicles: [{ id: 1, start_index: 0 }], jobs: [{ id: 1, location: [2.3, 48.8] }] };
    // Without matrices an index alone would silently leave the vehicle without a start.
    expect(refusal(noMatrix)).toBe('vehicles[0].start');
    expect(refusal({ ...noMatrix, matrices: { car: { distances: [[0]] } } })).toBe('matrices.car.durations');
  });

  it('refuses vehicles on two profiles without matrices per profile', () => {
    const input = {
      vehicles: [
        { id: 1, start: [2.35, 48.85] },
        { id: 2, profile: 'bike', start: [2.35, 48.85] },
      ],
      jobs: [{ id: 1, location: [2.36, 48.86] }],
    };
    expect(refusal(input)).toBe('vehicles[1].profile');
    const oneProfile = { ...input, vehicles: input.vehicles.map((v) => ({ ...v, profile: 'bike' })) };
    expect(() => fromVroom(oneProfile)).not.toThrow();
  });

  it('omits distance when a profile in use comes without distances', async () => {
    const input = {
      vehicles: [
        { id: 'car', profile: 'car', start_index: 0, end_index: 0 },
        { id: 'bike', profile: 'bike', start_index: 0, end_index: 0 },
      ],
      jobs: [{ id: 1, location_index: 1 }],
      matrices: {
        car: line(2, true),
        bike: {
          durations: [
            [0, 10],
            [10, 0],
          ],
        },
      },
    };
    const out = await run(input);
    expect(out.summary).not.toHaveProperty('distance');
    for (const r of out.routes) {
      expect(r).not.toHaveProperty('distance');
      for (const s of r.steps) expect(s).not.toHaveProperty('distance');
    }
  });
});

describe('time limit is a cap', () => {
  it('returns before a limit far beyond the test once a small problem has converged', () => {
    // No clock in the assertions: with a 10-minute limit, only the convergence stop lets the CLI
    // answer before spawnSync's guard kills it (status null). Timings are printed by `pnpm bench`.
    const r = spawnSync('node', [cli, '--time-limit', '600'], {
      input: JSON.stringify(example2()),
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      summary: { cost: number; computing_times: { solving: number; loading: number } };
    };
    expect(out.summary.cost).toBe(5461);
    expect(out.summary.computing_times.loading).toBeGreaterThanOrEqual(0);
  }, 130_000);
});
