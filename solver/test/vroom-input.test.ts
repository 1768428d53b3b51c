/**
 * VROOM input semantics: what the solver does not model is refused by name, what it models means
 * what it means in VROOM (costs, profiles, setups, breaks, shipments, locations), and the time
 * limit is a cap.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { shutdownWorkers } from '../src/solve.ts';
import { fromVroom } from '../src/vroom.ts';
import { cli, example2, refusal, run } from './vroom-harness.ts';

afterAll(async () => {
  await shutdownWorkers();
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
