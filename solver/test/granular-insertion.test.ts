import { afterAll, describe, expect, it } from 'vitest';
import { shutdownWorkers } from '../src/solve.ts';
import type { Problem } from '../src/types.ts';
import { lineMatrix, solveChecked } from './helpers.ts';

afterAll(() => shutdownWorkers());

/**
 * Granular insertion tries a task next to its nearest neighbours and in empty routes first. When
 * the neighbours' route is full, the only position it finds opens a route; with a fixed cost per
 * route that must not stop the full scan from finding room in another route further away.
 */
describe('granular insertion', () => {
  const van = (id: string) => ({ id, start: 0, end: 0, capacity: [2], costs: { fixed: 1000 } });
  const p: Problem = {
    matrices: lineMatrix(12),
    vehicles: [van('x'), van('y'), van('z')],
    jobs: [
      { id: 'a1', location: 10, delivery: [1] },
      { id: 'a2', location: 10, delivery: [1] },
      { id: 'b', location: 11, delivery: [1] },
      { id: 'c', location: 1, delivery: [1] },
    ],
  };

  it.each([1, 2, 3, 4, 5])('fills a route with room before opening one (seed %i)', async (seed) => {
    // Construction and a single annealing iteration, no route removal and no local search:
    // what the insertion itself builds.
    const sol = await solveChecked(p, {
      maxIterations: 1,
      timeLimitMs: 600_000,
      seed,
      fleetShare: 0,
      tuning: { granular: 1, localSearch: -1 },
    });
    expect(sol.unassigned).toEqual([]);
    expect(sol.routes).toHaveLength(2);
  });
});
