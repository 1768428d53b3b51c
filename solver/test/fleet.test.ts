/**
 * Heterogeneous fleets: a cluster far from the depot is served best by one big van, though a
 * small van is cheaper per hour. Greedy insertion alone opens one small van per stop (the first
 * stop in an empty van is priced at the van's own rate); see assembly/fleet.ts.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { shutdownWorkers, solve } from '../src/solve.ts';
import type { Problem, Vehicle } from '../src/types.ts';
import { fromVroom } from '../src/vroom.ts';
import { checkSolution } from './checker.ts';
import { solveOnSteppingClock } from './helpers.ts';

/** Depot 0; stops 1…n sit 1,000 s from the depot and 10 s from each other. */
function cluster(n: number): number[][] {
  return Array.from({ length: n + 1 }, (_, a) =>
    Array.from({ length: n + 1 }, (_, b) => (a === b ? 0 : a === 0 || b === 0 ? 1000 : 10)),
  );
}

function problem(fixedBig = 0): Problem {
  const n = 6;
  const van = (id: number, capacity: number, perHour: number, fixed: number): Vehicle => ({
    id,
    start: 0,
    end: 0,
    capacity: [capacity],
    costs: { fixed, perHour },
  });
  return {
    matrices: { durations: cluster(n) },
    vehicles: [
      ...Array.from({ length: n }, (_, i) => van(i + 1, 10, 3600, 0)),
      ...Array.from({ length: 2 }, (_, i) => van(100 + i, 60, 5400, fixedBig)),
    ],
    jobs: Array.from({ length: n }, (_, i) => ({ id: i + 1, location: i + 1, delivery: [10] })),
  };
}

afterAll(async () => {
  await shutdownWorkers();
});

describe('mixed fleet', () => {
  it('serves a far cluster with one big van rather than a small van per stop', async () => {
    const p = problem();
    const sol = await solve(p, { maxIterations: 500, timeLimitMs: 600_000, seed: 3 });
    checkSolution(p, sol);
    // One big van: (1000 + 5 × 10 + 1000) × 1.5 = 3,075; six small vans: 6 × 2,000 = 12,000.
    expect(sol.routes.map((r) => r.vehicleId)).toEqual([100]);
    expect(sol.summary.cost).toBeCloseTo(3075, 6);
  });

  it('prices an empty van of every type, the last one met too, from the first solution on', async () => {
    // Two stops, two vans alike but for their rate: the cheaper van comes second in the scan.
    const p: Problem = {
      matrices: {
        durations: [
          [0, 100, 100],
          [100, 0, 10],
          [100, 10, 0],
        ],
      },
      vehicles: [
        { id: 1, start: 0, end: 0, capacity: [10], costs: { perHour: 7200 } },
        { id: 2, start: 0, end: 0, capacity: [10], costs: { perHour: 3600 } },
      ],
      jobs: [
        { id: 1, location: 1, delivery: [1] },
        { id: 2, location: 2, delivery: [1] },
      ],
    };
    const sol = await solve(p, { maxIterations: 1, timeLimitMs: 600_000, seed: 1 });
    checkSolution(p, sol);
    // 210 s at 3,600 an hour: 210; in the dearer van it would cost 420.
    expect(sol.routes.map((r) => r.vehicleId)).toEqual([2]);
    expect(sol.summary.cost).toBeCloseTo(210, 6);
  });

  it('still prefers small vans when the big van’s fixed cost outweighs the saving', async () => {
    const p = problem(20000);
    const sol = await solve(p, { maxIterations: 500, timeLimitMs: 600_000, seed: 3 });
    checkSolution(p, sol);
    expect(sol.routes.every((r) => (r.vehicleId as number) < 100)).toBe(true);
    expect(sol.summary.cost).toBeCloseTo(12000, 6);
  });

  it('anneals a mixed fleet hot, and stops for convergence only once cooled (HVRP13 near its best known)', () => {
    // HVRP13: 50 stops, 17 vans of six types filled to 95 %, costs per km only (no fixed costs,
    // so no vehicles-first phases). Changing a route's van moves the cost by far more than a
    // detour: from the usual start of 1 near-arc cost the search settled 4 % above the best known,
    // and from a hot start with the old convergence stop (no new best for as long as the first
    // took) it stopped while still hot, 6 % above. The budget is counted on a stepping clock, so
    // the answer cannot depend on the machine.
    const url = new URL('./fixtures/converters/hvrp-HVRP13.json', import.meta.url);
    const p = fromVroom(JSON.parse(readFileSync(url, 'utf8')));
    const bestKnown = 1518.05; // ../shared/bench/bks_hvrp.csv, in the .txt units (JSON costs ÷ 1000)
    let gaps = 0;
    for (const seed of [1, 2, 3]) {
      const sol = solveOnSteppingClock(p, { timeLimitMs: 20_000, seed }, 1);
      expect(sol.unassigned).toEqual([]);
      gaps += (sol.summary.cost / 1000 - bestKnown) / bestKnown;
    }
    // Measured: 1.7 % (0.8, 2.8, 1.6); 4.0 % before, 6.3 % hot with the old stop.
    expect(gaps / 3).toBeLessThan(0.025);
  });
});
