/**
 * Real-fleet rules (issue 19): driving limit with breaks, multi-trip reloads, work limits across
 * vehicles, balanced workloads. Every solution goes through the independent checker.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { shutdownWorkers, solve } from '../src/solve.ts';
import type { Problem, Solution } from '../src/types.ts';
import { checkSolution } from './checker.ts';
import { jobOrder, lineMatrix, prng, solveChecked } from './helpers.ts';

afterAll(() => shutdownWorkers());

const H = 3600;
const stepsOf = (sol: Solution, vehicle = 0) =>
  sol.routes.find((r) => r.vehicle === vehicle)?.steps.map((s) => s.type) ?? [];

describe('driving limit (EU 561/2006)', () => {
  // Stops 2.5 h apart on a line; the van drives from the depot (0) to 1 then 2, open route.
  const p = (maxDrivingS?: number, jobs = 2): Problem => ({
    matrices: lineMatrix(jobs + 1, 2.5 * H),
    vehicles: [
      {
        id: 'van',
        start: 0,
        ...(maxDrivingS !== undefined ? { maxDrivingS } : {}),
        breaks: [{ id: 'rest', timeWindows: [[0, 48 * H]], serviceS: 0.75 * H }],
      },
    ],
    jobs: Array.from({ length: jobs }, (_, i) => ({ id: `j${i + 1}`, location: i + 1, serviceS: 600 })),
  });

  it('puts the 45 min break between two 2.5 h legs when driving is limited to 4.5 h', async () => {
    const sol = await solveChecked(p(4.5 * H));
    expect(sol.unassigned).toEqual([]);
    expect(jobOrder(sol)).toEqual(['j1', 'rest', 'j2']);
  });

  it('leaves out a job that would need a second break, naming the driving limit', async () => {
    const sol = await solveChecked(p(4.5 * H, 3));
    expect(sol.unassigned).toEqual([{ id: 'j3', type: 'job', reason: 'max_driving' }]);
  });

  it('a break shorter than drivingBreakS (a 30-minute lunch) does not end the driving period', async () => {
    const lunch = (drivingBreakS?: number): Problem => {
      const q = p(4.5 * H);
      q.vehicles[0]!.breaks = [{ id: 'lunch', timeWindows: [[0, 48 * H]], serviceS: 0.5 * H }];
      return drivingBreakS === undefined ? q : { ...q, vehicles: [{ ...q.vehicles[0]!, drivingBreakS }] };
    };
    // Any break ends it by default: the lunch between the legs makes both jobs fit.
    expect((await solveChecked(lunch())).unassigned).toEqual([]);
    // With 45 min required, the lunch does not count: 5 h of driving is over the limit.
    const sol = await solveChecked(lunch(0.75 * H));
    expect(sol.unassigned).toEqual([{ id: 'j2', type: 'job', reason: 'max_driving' }]);
  });

  it('the checker refuses 5 h of driving before the break', async () => {
    const sol = await solve(p(), { maxIterations: 1000, timeLimitMs: 600_000, seed: 1 });
    const order = jobOrder(sol);
    // Without the rule the break goes anywhere; force the bad order to see the checker catch it.
    const limited = p(4.5 * H);
    if (order.indexOf('rest') !== 1) expect(() => checkSolution(limited, sol)).toThrow(/drives/);
  });
});

describe('multi-trip (reload at the depot)', () => {
  // Four deliveries of 1 on a line, a van of capacity 2 starting and ending at the depot (0).
  const p = (reload?: Problem['vehicles'][number]['reload']): Problem => ({
    matrices: lineMatrix(5, 60),
    vehicles: [{ id: 'van', start: 0, end: 0, capacity: [2], ...(reload ? { reload } : {}) }],
    jobs: [1, 2, 3, 4].map((i) => ({ id: i, location: i, delivery: [1], serviceS: 120 })),
  });

  it('without a reload, half the jobs are left out for capacity', async () => {
    const sol = await solveChecked(p());
    expect(sol.unassigned.map((u) => u.reason)).toEqual(['capacity', 'capacity']);
  });

  it('with a reload, one van serves all in two trips, loading each trip at the depot', async () => {
    const sol = await solveChecked(p({ reloadS: 900, maxTrips: 2 }));
    expect(sol.unassigned).toEqual([]);
    const route = sol.routes[0];
    expect(stepsOf(sol)).toEqual(['start', 'job', 'job', 'reload', 'job', 'job', 'end']);
    const reload = route?.steps.find((s) => s.type === 'reload');
    expect(reload?.location).toBe(0);
    expect((reload?.departure ?? 0) - (reload?.serviceStart ?? 0)).toBe(900);
    // Each trip starts with its own two deliveries on board.
    expect(route?.steps.map((s) => s.load[0])).toEqual([2, 1, 0, 2, 1, 0, 0]);
    // Optimal: near jobs in one trip, far ones in the other (2·2 + 2·4 legs of 60 s).
    expect(sol.summary.travelS).toBe(12 * 60);
  });

  it('opens a second trip for a shipment when the first trip comes back full', async () => {
    // A collection of 2 early (the van comes back with it), then a shipment of 2 that can only
    // be picked up later: it fits only after a reload. Found at once, without any search.
    const q: Problem = {
      matrices: lineMatrix(4, 60),
      vehicles: [{ id: 'van', start: 0, end: 0, capacity: [2], reload: { reloadS: 300, maxTrips: 2 } }],
      jobs: [{ id: 'collect', location: 1, pickup: [2], serviceS: 60, timeWindows: [[0, 200]] }],
      shipments: [
        {
          pickup: { id: 'p', location: 2, serviceS: 60, timeWindows: [[1000, 2000]] },
          delivery: { id: 'd', location: 3, serviceS: 60 },
          amount: [2],
        },
      ],
    };
    for (const maxIterations of [0, 200]) {
      const sol = await solveChecked(q, { maxIterations, timeLimitMs: 600_000, seed: 1 });
      expect(sol.unassigned).toEqual([]);
      expect(stepsOf(sol)).toEqual(['start', 'job', 'reload', 'pickup', 'delivery', 'end']);
      expect(sol.routes[0]?.steps.map((s) => s.load[0])).toEqual([0, 2, 0, 2, 0, 0]);
    }
  });

  it('a parked reload is not a step: one trip when one is enough', async () => {
    const q = p({ reloadS: 900 });
    q.jobs = q.jobs?.slice(0, 2);
    const sol = await solveChecked(q);
    expect(stepsOf(sol)).toEqual(['start', 'job', 'job', 'end']);
    expect(sol.routes[0]?.durationS).toBe(4 * 60 + 2 * 120);
  });
});

describe('work limits across vehicles', () => {
  // Driver A has two day shifts (vehicles a1, a2); driver B one (b1) that costs more to use.
  const p = (limit?: number): Problem => ({
    matrices: lineMatrix(5, 600),
    vehicles: [
      { id: 'a1', start: 0, end: 0, timeWindow: [0, 10 * H] },
      { id: 'a2', start: 0, end: 0, timeWindow: [24 * H, 34 * H] },
      { id: 'b1', start: 0, end: 0, timeWindow: [0, 10 * H], costs: { fixed: 5000 } },
    ],
    jobs: [1, 2, 3, 4].map((i) => ({ id: i, location: i, serviceS: H })),
    ...(limit !== undefined ? { workLimits: [{ id: 'driver A week', vehicles: ['a1', 'a2'], maxWorkS: limit }] } : {}),
  });

  it('without a cap, driver A does everything', async () => {
    const sol = await solveChecked(p());
    expect(sol.routes.map((r) => r.vehicleId)).not.toContain('b1');
  });

  it("a weekly cap on driver A's shifts brings in driver B", async () => {
    // All four jobs take 4 h of service + 80 min of driving: over A's 5 h.
    const sol = await solveChecked(p(5 * H));
    expect(sol.unassigned).toEqual([]);
    expect(sol.routes.map((r) => r.vehicleId)).toContain('b1');
    const a = sol.routes.filter((r) => r.vehicleId !== 'b1').reduce((s, r) => s + r.durationS, 0);
    expect(a).toBeLessThanOrEqual(5 * H);
  });

  it('names the work limit when nobody else can take a job', async () => {
    const q = p(2 * H);
    q.vehicles = q.vehicles.slice(0, 2);
    const sol = await solveChecked(q);
    expect(sol.unassigned.length).toBeGreaterThan(0);
    expect(new Set(sol.unassigned.map((u) => u.reason))).toEqual(new Set(['work_limit']));
  });
});

describe('balanced workloads', () => {
  // Six one-hour jobs in a cluster 10 minutes from the depot, three free vans.
  const p = (balance?: number): Problem => ({
    matrices: lineMatrix(16, 60),
    vehicles: ['a', 'b', 'c'].map((id) => ({ id, start: 0, end: 0 })),
    jobs: [10, 11, 12, 13, 14, 15].map((i) => ({ id: i, location: i, serviceS: 1800 })),
    ...(balance !== undefined ? { balance } : {}),
  });
  const longest = (s: Solution) => Math.max(...s.routes.map((r) => r.durationS));

  it('off: the cheapest plan, one van; on: the work is spread and the longest day is shorter', async () => {
    const off = await solveChecked(p());
    expect(off.routes).toHaveLength(1);
    const on = await solveChecked(p(1));
    expect(on.unassigned).toEqual([]);
    expect(on.routes.length).toBeGreaterThan(1);
    expect(longest(on)).toBeLessThan(longest(off));
    // Route costs stay travel costs (the balance term only steers the search).
    expect(on.summary.cost).toBe(on.summary.travelS);
  });

  it('turns a plan of few vans with long waits into more vans with shorter days', async () => {
    // Nine vans; ten 10-minute jobs 5–10 minutes from the depot, one window per hour of the day.
    const q: Problem = {
      matrices: lineMatrix(11, 300),
      vehicles: Array.from({ length: 9 }, (_, i) => ({ id: `v${i}`, start: 0, end: 0, timeWindow: [0, 14 * H] })),
      jobs: Array.from({ length: 10 }, (_, i) => ({
        id: i,
        location: 1 + (i % 2),
        serviceS: 600,
        timeWindows: [[(i + 1) * H, (i + 1) * H + 1800]] as [number, number][],
      })),
    };
    const off = await solveChecked(q);
    const on = await solveChecked({ ...q, balance: 1 });
    expect(off.routes.length).toBeLessThanOrEqual(2);
    expect(on.unassigned).toEqual([]);
    expect(on.routes.length).toBeGreaterThan(off.routes.length);
    expect(longest(on)).toBeLessThan(longest(off) / 2);
  });

  it('balance 0 changes nothing', async () => {
    const a = await solve(p(), { maxIterations: 300, timeLimitMs: 600_000, seed: 3 });
    const b = await solve(p(0), { maxIterations: 300, timeLimitMs: 600_000, seed: 3 });
    expect(b.routes).toEqual(a.routes);
  });
});

describe('input checks name the field', () => {
  const base = (): Problem => ({
    matrices: lineMatrix(3),
    vehicles: [
      { id: 'a', start: 0, end: 0 },
      { id: 'b', start: 0, end: 0 },
    ],
    jobs: [{ id: 1, location: 1 }],
  });
  const cases: [string, (p: Problem) => void, RegExp][] = [
    [
      'a reload without a start',
      (p) => {
        p.vehicles[0] = { id: 'a', reload: { reloadS: 60 } };
      },
      /^vehicles\[0\]\.reload: needs a start/,
    ],
    [
      'a reload of one trip less than one',
      (p) => {
        p.vehicles[0] = { id: 'a', start: 0, reload: { reloadS: 60, maxTrips: 0 } };
      },
      /^vehicles\[0\]\.reload\.maxTrips: /,
    ],
    [
      'a driving limit of zero',
      (p) => {
        p.vehicles[0] = { id: 'a', start: 0, maxDrivingS: 0 };
      },
      /^vehicles\[0\]\.maxDrivingS: /,
    ],
    [
      'a work limit naming an unknown vehicle',
      (p) => {
        p.workLimits = [{ id: 'w', vehicles: ['a', 'zz'], maxWorkS: 100 }];
      },
      /^workLimits\[0\]\.vehicles: unknown vehicle zz/,
    ],
    [
      'a vehicle in three work limits',
      (p) => {
        p.workLimits = [1, 2, 3].map((id) => ({ id, vehicles: ['a'], maxWorkS: 100 }));
      },
      /^workLimits\[2\]\.vehicles: vehicle a is in more than 2 work limits/,
    ],
    [
      'a negative balance',
      (p) => {
        p.balance = -1;
      },
      /^balance: /,
    ],
  ];
  for (const [what, mutate, re] of cases) {
    it(`refuses ${what}`, async () => {
      const p = base();
      mutate(p);
      await expect(solve(p, { timeLimitMs: 100 })).rejects.toThrow(re);
    });
  }
});

describe('random instances with every rule at once', () => {
  it('are solved feasibly (checker: trips, driving, work limits, windows, shipments)', async () => {
    const rnd = prng(19);
    for (let k = 0; k < Number(process.env.RULES_FUZZ_COUNT ?? 30); k++) {
      const n = 14;
      const pos = Array.from({ length: n }, () => [rnd() * 100, rnd() * 100] as const);
      const durations = pos.map((a) => pos.map((b) => Math.round(Math.hypot(a[0] - b[0], a[1] - b[1]))));
      const win = (): [number, number][] | undefined => {
        const r = rnd();
        if (r < 0.4) return undefined;
        const s = Math.floor(rnd() * 600);
        if (r < 0.7) return [[s, s + 300]];
        return [
          [s, s + 80],
          [s + 300, s + 500],
        ];
      };
      const p: Problem = {
        matrices: { durations, distances: durations },
        vehicles: Array.from({ length: 3 }, (_, i) => ({
          id: `v${i}`,
          start: 0,
          ...(rnd() < 0.2 ? {} : { end: 0 }),
          capacity: [4],
          timeWindow: [0, 1200] as const,
          ...(rnd() < 0.5 ? { reload: { reloadS: Math.floor(rnd() * 60), maxTrips: 2 + Math.floor(rnd() * 2) } } : {}),
          ...(rnd() < 0.5 ? { maxDrivingS: 150 + Math.floor(rnd() * 200) } : {}),
          breaks: Array.from({ length: Math.floor(rnd() * 3) }, (_, b) => ({
            id: `b${i}.${b}`,
            timeWindows: [[0, 1200]] as [number, number][],
            serviceS: 20,
          })),
          ...(rnd() < 0.3 ? { costs: { fixed: 100 } } : {}),
        })),
        jobs: Array.from({ length: 10 }, (_, j) => ({
          id: j,
          location: 1 + Math.floor(rnd() * (n - 1)),
          serviceS: 15,
          setupS: rnd() < 0.3 ? 5 : 0,
          delivery: [Math.floor(rnd() * 3)],
          pickup: [rnd() < 0.2 ? 1 : 0],
          ...(win() !== undefined ? { timeWindows: win() } : {}),
        })),
        shipments: Array.from({ length: 2 }, (_, j) => ({
          pickup: { id: `p${j}`, location: 1 + Math.floor(rnd() * (n - 1)) },
          delivery: { id: `d${j}`, location: 1 + Math.floor(rnd() * (n - 1)) },
          amount: [1],
        })),
        ...(rnd() < 0.6
          ? { workLimits: [{ id: 'w', vehicles: ['v0', 'v1'], maxWorkS: 300 + Math.floor(rnd() * 900) }] }
          : {}),
        ...(rnd() < 0.5 ? { balance: rnd() * 2 } : {}),
      };
      const sol = await solve(p, { maxIterations: 400, timeLimitMs: 600_000, seed: k });
      expect(() => checkSolution(p, sol), `instance ${k}`).not.toThrow();
    }
  }, 120_000);
});
