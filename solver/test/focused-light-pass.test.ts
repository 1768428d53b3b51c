/**
 * The light local-search pass (assembly/local-search.ts) starts from the tasks a move changed the
 * surroundings of (assembly/focus.ts) on vehicles-first problems of 1,000–2,000 tasks or made only
 * of shipments, and from every task of the touched routes elsewhere. The gain is speed (more
 * iterations in a time budget: figures in the solver README, from `pnpm bench`), so this checks
 * which pass each problem gets — with an iteration budget a seed gives the same answer every time,
 * so the same answers mean the same pass — and that the focused pass's answers pass the
 * independent checker.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { solomonToProblem, type Objective } from '../src/solomon.ts';
import { shutdownWorkers } from '../src/solve.ts';
import type { Problem } from '../src/types.ts';
import { liLimFixture, prng, solomonFixture, solomonInstance, solveChecked } from './helpers.ts';

afterAll(() => shutdownWorkers());

// Bits of tuning.localSearch (assembly/local-search.ts): the auto masks for jobs and for shipments
// only, and the focus bit.
const LS_DEFAULT = 1 | 2 | 4 | 8 | 16 | 64 | 128 | 256 | 512;
const LS_SHIPMENTS = 8 | 64 | 128 | 256;
const LS_FOCUSED = 4096;

/** Solomon R101's 100 customers ten times over, each copy jittered: a 1,000-customer instance. */
function thousandCustomers(objective: Objective): Problem {
  const base = solomonInstance('R101');
  const [depot, ...customers] = base.customers;
  const rand = prng(7);
  const copies = Array.from({ length: 10 }, (_, k) =>
    customers.map((c, i) => ({
      ...c,
      id: 1 + k * customers.length + i,
      x: c.x + rand() * 4 - 2,
      y: c.y + rand() * 4 - 2,
    })),
  ).flat();
  return solomonToProblem({ ...base, vehicles: 250, customers: [depot!, ...copies] }, objective);
}

/** The distance of a seeded search of `p` with an iteration budget (1,000 tasks take seconds to set up). */
const distance = async (p: Problem, localSearch: number) => {
  const sol = await solveChecked(p, { maxIterations: 200, timeLimitMs: 600_000, seed: 1, tuning: { localSearch } });
  expect(sol.unassigned).toEqual([]);
  return sol.summary.distance;
};

describe('the light local-search pass', () => {
  it.each([
    [
      'starts from the changed tasks with vehicles first at 1,000 tasks',
      () => thousandCustomers('vehicles'),
      LS_DEFAULT,
      true,
    ],
    [
      'starts from the changed tasks with shipments only (Li & Lim LRC201)',
      () => liLimFixture('lrc201'),
      LS_SHIPMENTS,
      true,
    ],
    [
      'covers the touched routes with distance only at 1,000 tasks',
      () => thousandCustomers('distance'),
      LS_DEFAULT,
      false,
    ],
    [
      'covers the touched routes with vehicles first at 100 tasks (Solomon RC201)',
      () => solomonFixture('RC201', 'vehicles'),
      LS_DEFAULT,
      false,
    ],
  ])(
    '%s',
    async (_, problem, base, focused) => {
      const p = problem();
      const auto = await distance(p, 0);
      const [same, other] = focused ? [base | LS_FOCUSED, base] : [base, base | LS_FOCUSED];
      expect(auto).toBe(await distance(p, same));
      expect(auto).not.toBe(await distance(p, other));
    },
    120_000,
  );
});
