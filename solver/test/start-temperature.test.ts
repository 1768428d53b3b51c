/**
 * The annealing's start temperature (tuning.t0 auto, assembly/search.ts): vehicles-first runs start
 * at 10 near-arc costs (3 before: a poor basin held the search on Li & Lim and Homberger 1,000),
 * or 20 when every task is a shipment (10 before: Li & Lim LRC2_4_2 landed 4–14 % from its best
 * known in half its runs), distance-only runs at 1. The gain shows only after some 10⁵ iterations
 * (figures in the solver README), too long for a test, so this checks which temperature each
 * objective gets: with an iteration budget a seed gives the same answer every time, so the same
 * answers mean the same temperature.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { shutdownWorkers } from '../src/solve.ts';
import type { Problem } from '../src/types.ts';
import { liLimFixture, solomonFixture, solveChecked } from './helpers.ts';

afterAll(() => shutdownWorkers());

const distances = async (p: Problem, t0: number) => {
  const out: number[] = [];
  for (const seed of [1, 2, 3]) {
    const sol = await solveChecked(p, { maxIterations: 1500, timeLimitMs: 600_000, seed, tuning: { t0 } });
    out.push(sol.summary.distance);
  }
  return out;
};

describe('annealing start temperature', () => {
  it.each([
    [
      '10 near-arc costs with vehicles first and jobs (Solomon RC201)',
      () => solomonFixture('RC201', 'vehicles'),
      10,
      3,
    ],
    [
      '20 near-arc costs with vehicles first and only shipments (Li & Lim lrc201)',
      () => liLimFixture('lrc201'),
      20,
      10,
    ],
    ['1 near-arc cost with distance only (Solomon RC201)', () => solomonFixture('RC201', 'distance'), 1, 10],
  ])(
    'is %s',
    async (_, problem, t0, other) => {
      const p = problem();
      const auto = await distances(p, 0);
      expect(auto).toEqual(await distances(p, t0));
      expect(auto).not.toEqual(await distances(p, other));
    },
    60_000,
  );
});
