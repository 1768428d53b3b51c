import { afterAll, describe, expect, it } from 'vitest';
import { shutdownWorkers } from '../src/solve.ts';
import type { Problem } from '../src/types.ts';
import { jobOrder, lineMatrix, solveChecked } from './helpers.ts';

afterAll(() => shutdownWorkers());

/** An iteration budget and a seed, not a clock: the same answer on any machine, under any load. */
const BUDGET = { maxIterations: 1000, timeLimitMs: 600_000, seed: 1 };

describe('solve on hand-checkable instances', () => {
  it("uses two routes when one vehicle's capacity cannot hold both jobs", async () => {
    const p: Problem = {
      matrices: lineMatrix(3),
      vehicles: [
        { id: 'a', start: 0, end: 0, capacity: [1] },
        { id: 'b', start: 0, end: 0, capacity: [1] },
      ],
      jobs: [
        { id: 1, location: 1, delivery: [1] },
        { id: 2, location: 2, delivery: [1] },
      ],
    };
    const sol = await solveChecked(p, BUDGET);
    expect(sol.routes).toHaveLength(2);
    expect(sol.unassigned).toEqual([]);
    expect(sol.summary.cost).toBe(20 + 40);
  });

  it('serves the far job first when its window closes early', async () => {
    const p: Problem = {
      matrices: lineMatrix(3),
      vehicles: [{ id: 'a', start: 0, end: 0 }],
      jobs: [
        { id: 'near', location: 1, timeWindows: [[30, 100]] },
        { id: 'far', location: 2, timeWindows: [[0, 25]] },
      ],
    };
    const sol = await solveChecked(p, BUDGET);
    expect(jobOrder(sol)).toEqual(['far', 'near']);
  });

  it('gives a job needing a skill to the only vehicle that has it, and reports a skill nobody has', async () => {
    const p: Problem = {
      matrices: lineMatrix(3),
      vehicles: [
        { id: 'plain', start: 0, end: 0 },
        { id: 'cold', start: 0, end: 0, skills: ['fridge'] },
      ],
      jobs: [
        { id: 'ice', location: 1, skills: ['fridge'] },
        { id: 'piano', location: 2, skills: ['crane'] },
      ],
    };
    const sol = await solveChecked(p, BUDGET);
    expect(sol.routes.map((r) => r.vehicleId)).toEqual(['cold']);
    expect(sol.unassigned).toEqual([{ id: 'piano', type: 'job', reason: 'skills' }]);
  });

  it("visits a shipment's pickup before its delivery, even when the delivery is on the way", async () => {
    const p: Problem = {
      matrices: lineMatrix(4),
      vehicles: [{ id: 'a', start: 0, end: 0, capacity: [1] }],
      shipments: [{ pickup: { id: 'p', location: 3 }, delivery: { id: 'd', location: 1 }, amount: [1] }],
    };
    const sol = await solveChecked(p, BUDGET);
    expect(jobOrder(sol)).toEqual(['p', 'd']);
    expect(sol.routes[0]?.steps.map((s) => s.load[0])).toEqual([0, 1, 0, 0]);
  });

  it('places a break inside its window', async () => {
    const p: Problem = {
      matrices: lineMatrix(4),
      vehicles: [{ id: 'a', start: 0, end: 0, breaks: [{ id: 'lunch', timeWindows: [[50, 60]], serviceS: 15 }] }],
      jobs: [1, 2, 3].map((i) => ({ id: i, location: i, serviceS: 20 })),
    };
    const sol = await solveChecked(p, BUDGET);
    const brk = sol.routes[0]?.steps.find((s) => s.type === 'break');
    expect(brk?.serviceStart).toBeGreaterThanOrEqual(50);
    expect(brk?.serviceStart).toBeLessThanOrEqual(60);
    expect(brk?.departure).toBe((brk?.serviceStart ?? 0) + 15);
  });

  it("uses a job's second time window when the first cannot be reached", async () => {
    const p: Problem = {
      matrices: lineMatrix(2),
      vehicles: [{ id: 'a', start: 0, end: 0 }],
      jobs: [
        {
          id: 'x',
          location: 1,
          timeWindows: [
            [0, 5],
            [100, 200],
          ],
        },
      ],
    };
    const sol = await solveChecked(p, BUDGET);
    const step = sol.routes[0]?.steps[1];
    expect(step?.serviceStart).toBe(100);
    expect(sol.unassigned).toEqual([]);
  });

  it('ends an open route at the last stop', async () => {
    const p: Problem = {
      matrices: lineMatrix(3),
      vehicles: [{ id: 'a', start: 0 }],
      jobs: [
        { id: 1, location: 1 },
        { id: 2, location: 2 },
      ],
    };
    const sol = await solveChecked(p, BUDGET);
    expect(jobOrder(sol)).toEqual([1, 2]);
    expect(sol.summary.cost).toBe(20);
    expect(sol.routes[0]?.steps.at(-1)?.arrival).toBe(20);
  });

  it('explains why jobs stay unassigned', async () => {
    const m = lineMatrix(4);
    (m.durations[0] as (number | null)[])[3] = null;
    const p: Problem = {
      matrices: m as Problem['matrices'],
      vehicles: [{ id: 'a', start: 0, end: 0, capacity: [5], timeWindow: [0, 100] }],
      jobs: [
        { id: 'heavy', location: 1, delivery: [6] },
        { id: 'late', location: 2, timeWindows: [[500, 600]] },
        { id: 'island', location: 3 },
      ],
    };
    const sol = await solveChecked(p, BUDGET);
    const reasons = Object.fromEntries(sol.unassigned.map((u) => [u.id, u.reason]));
    expect(reasons).toEqual({ heavy: 'capacity', late: 'time_window', island: 'unreachable' });
  });

  it('assigns the high-priority job when only one fits', async () => {
    const p: Problem = {
      matrices: lineMatrix(3),
      vehicles: [{ id: 'a', start: 0, end: 0, capacity: [1] }],
      jobs: [
        { id: 'low', location: 1, delivery: [1] },
        { id: 'high', location: 2, delivery: [1], priority: 100 },
      ],
    };
    const sol = await solveChecked(p, BUDGET);
    expect(jobOrder(sol)).toEqual(['high']);
    expect(sol.unassigned[0]?.reason).toBe('capacity');
  });

  it('pays a setup time once for two stops at the same place', async () => {
    const p: Problem = {
      matrices: lineMatrix(2),
      vehicles: [{ id: 'a', start: 0, end: 0 }],
      jobs: [
        { id: 1, location: 1, setupS: 30, serviceS: 5 },
        { id: 2, location: 1, setupS: 30, serviceS: 5 },
      ],
    };
    const sol = await solveChecked(p, BUDGET);
    expect(sol.routes[0]?.steps.at(-1)?.arrival).toBe(10 + 30 + 5 + 5 + 10);
  });

  // The insertion scans read arcs into a task from the task's own row when every matrix is
  // symmetric (solver/assembly/travel.ts): a one-way matrix must still be read as travelled.
  it('reads a one-way matrix in the direction travelled', async () => {
    // From the depot every stop is 10 s away; back to it, 100 s. Read backwards, no window of
    // 0–50 s could be met.
    const m = [
      [0, 10, 10],
      [100, 0, 10],
      [100, 10, 0],
    ];
    const matrices = { durations: m, distances: m.map((r) => r.slice()) };
    const vehicles = [{ id: 'a', start: 0, end: 0 }];
    const job = await solveChecked(
      { matrices, vehicles, jobs: [{ id: 'early', location: 1, timeWindows: [[0, 50]] }] },
      BUDGET,
    );
    expect(job.unassigned).toEqual([]);
    expect(job.routes[0]?.steps[1]?.arrival).toBe(10);
    const shipment = await solveChecked(
      {
        matrices,
        vehicles,
        shipments: [
          {
            pickup: { id: 'p', location: 1, timeWindows: [[0, 50]] },
            delivery: { id: 'd', location: 2, timeWindows: [[0, 50]] },
          },
        ],
      },
      BUDGET,
    );
    expect(shipment.unassigned).toEqual([]);
    expect(jobOrder(shipment)).toEqual(['p', 'd']);
  });

  // Matrices with equal values are shared as one array (solver/assembly/travel.ts,
  // shareEqualMatrices); matrices that differ must still be read apart.
  it('prices by the distance matrix and times by the duration matrix when they differ', async () => {
    // Round 0→1→2→0 is short (3 × 10 m) but slow (3 × 100 s); the other way round, the reverse.
    const distances = [
      [0, 10, 100],
      [100, 0, 10],
      [10, 100, 0],
    ];
    const durations = [
      [0, 100, 10],
      [10, 0, 100],
      [100, 10, 0],
    ];
    const twoJobs = (m: { durations: number[][]; distances: number[][] }) =>
      solveChecked(
        {
          matrices: m,
          vehicles: [{ id: 'a', start: 0, end: 0, costs: { perKm: 1000, perHour: 0 } }],
          jobs: [
            { id: 'one', location: 1 },
            { id: 'two', location: 2 },
          ],
        },
        BUDGET,
      );
    const apart = await twoJobs({ durations, distances });
    expect(jobOrder(apart)).toEqual(['one', 'two']);
    expect(apart.summary.distance).toBe(30);
    expect(apart.summary.travelS).toBe(300);
    // Equal but for one cell: times favour 0→1→2→0 (30 against 35 s), and 2→0 being 100 m
    // sends the distance the other way round.
    const m = [
      [0, 10, 10],
      [15, 0, 10],
      [10, 10, 0],
    ];
    const almost = m.map((r) => r.slice());
    almost[2]![0] = 100;
    const oneCell = await twoJobs({ durations: m, distances: almost });
    expect(jobOrder(oneCell)).toEqual(['two', 'one']);
    expect(oneCell.summary.distance).toBe(35);
    expect(oneCell.summary.travelS).toBe(35);
  });

  // Candidate vehicles are listed once per task (solver/assembly/init.ts); a road matrix may
  // break the triangle inequality, so a stop out of reach straight from the depot can still be
  // reached through another stop.
  it('serves a stop that only a detour through another stop reaches in time', async () => {
    // Depot 0 → 1 takes 100 s, but 0 → 2 → 1 takes 20 s; stop 1 must be reached by 50 s.
    const m = [
      [0, 100, 10],
      [10, 0, 10],
      [10, 10, 0],
    ];
    const matrices = { durations: m, distances: m.map((r) => r.slice()) };
    const vehicles = [{ id: 'a', start: 0, end: 0, timeWindow: [0, 1000] as [number, number] }];
    // Stop 1 ('tight', with the windows given) and stop 2 ('via') for one vehicle.
    const tightAndVia = (durations: (number | null)[][], timeWindows?: [number, number][]) =>
      solveChecked(
        {
          matrices: { durations, distances: durations.map((r) => r.slice()) },
          vehicles,
          jobs: [
            { id: 'tight', location: 1, timeWindows },
            { id: 'via', location: 2 },
          ],
        },
        BUDGET,
      );
    const sol = await tightAndVia(m, [[0, 50]]);
    expect(sol.unassigned).toEqual([]);
    expect(jobOrder(sol)).toEqual(['via', 'tight']);
    expect(sol.routes[0]?.steps.find((s) => s.id === 'tight')?.arrival).toBe(20);
    // The same for a shipment whose pickup has the tight window.
    const shipment = await solveChecked(
      {
        matrices,
        vehicles,
        jobs: [{ id: 'via', location: 2 }],
        shipments: [{ pickup: { id: 'p', location: 1, timeWindows: [[0, 50]] }, delivery: { id: 'd', location: 0 } }],
      },
      BUDGET,
    );
    expect(shipment.unassigned).toEqual([]);
    expect(jobOrder(shipment)).toEqual(['via', 'p', 'd']);
    // No road from the depot to stop 1 at all, but one through stop 2.
    const oneWay = [
      [0, null, 10],
      [10, 0, 10],
      [10, 10, 0],
    ];
    const viaRoad = await tightAndVia(oneWay);
    expect(viaRoad.unassigned).toEqual([]);
    expect(jobOrder(viaRoad)).toEqual(['via', 'tight']);
    // Out of reach by any path (a 0–15 s window): still refused, for its time window.
    const none = await tightAndVia(m, [[0, 15]]);
    expect(none.unassigned).toEqual([{ id: 'tight', type: 'job', reason: 'time_window' }]);
  });

  it('routes on coordinates without matrices', async () => {
    const p: Problem = {
      speedModel: { speedMps: 10, circuity: 1 },
      vehicles: [{ id: 'a', start: [2.35, 48.85], end: [2.35, 48.85], capacity: [10] }],
      jobs: [
        { id: 1, location: [2.36, 48.86], delivery: [1] },
        { id: 2, location: [2.34, 48.84], delivery: [1] },
      ],
    };
    const sol = await solveChecked(p, BUDGET);
    expect(sol.unassigned).toEqual([]);
    expect(sol.summary.distance).toBeGreaterThan(2000);
  });
});
