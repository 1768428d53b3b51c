/**
 * Vehicles first: the fleet minimisation (assembly/search.ts, fleetPhase) removes routes and
 * keeps moves that leave out tasks absent less often. Judged on absences alone (SISR's rule,
 * tuning.fleetTemp −1) the distance drifts far from the annealed solution it started from, and the
 * final annealing rarely finds its way back on long routes; fleetTemp also anneals distance there
 * (on by default when every task is a shipment, and at 1,000–2,000 tasks). There a fleet phase that
 * is stuck also ends early on a time budget (tuning.fleetStall).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { shutdownWorkers } from '../src/solve.ts';
import { solomonToProblem } from '../src/solomon.ts';
import type { Problem } from '../src/types.ts';
import { prng, solomonFixture, solveChecked, solveOnSteppingClock } from './helpers.ts';

afterAll(() => shutdownWorkers());

/** RC201's best known: 4 vehicles (bks.csv of the literature sets). */
const BEST_KNOWN_VEHICLES = 4;

describe('fleet minimisation', () => {
  it('removes routes without giving their distance away', async () => {
    const p = solomonFixture('RC201', 'vehicles');
    // 3,001 iterations: 300 of annealing, 2,700 of fleet minimisation, 1 of final annealing, so
    // the answer is what the fleet minimisation leaves (an iteration budget: the same on any machine).
    const run = async (seed: number, fleetTemp: number) => {
      const sol = await solveChecked(p, {
        maxIterations: 3001,
        timeLimitMs: 600_000,
        seed,
        fleetShare: 0.9,
        tuning: { fleetTemp },
      });
      expect(sol.summary.routes).toBe(BEST_KNOWN_VEHICLES);
      return sol.summary.distance;
    };
    const seeds = [1, 2, 3, 4, 5, 6];
    let absencesOnly = 0;
    let withDistance = 0;
    for (const seed of seeds) {
      absencesOnly += await run(seed, -1);
      withDistance += await run(seed, 3);
    }
    // Measured: 1,802 against 1,686 on average (6 % less; 1,889 against 1,710 when vehicles-first
    // annealing started at t0 3, before d678d4c); on long routes (Li & Lim LRC2_4_2, 85,000
    // iterations, seeds 1–8) the final annealing then ends 3.6 % from the best known instead of 10.9 %.
    expect(withDistance / seeds.length).toBeLessThan(0.95 * (absencesOnly / seeds.length));
  });
});

/** 1,000 customers around a central depot, 10 units each for vans of `capacity`, in windows `width` long. */
function thousandCustomers(seed: number, capacity: number, width: number): Problem {
  const r = prng(seed);
  const customers = [{ id: 0, x: 50, y: 50, demand: 0, ready: 0, due: 2000, service: 0 }];
  for (let id = 1; id <= 1000; id++) {
    const ready = Math.floor(r() * 1200);
    customers.push({ id, x: r() * 100, y: r() * 100, demand: 10, ready, due: ready + width, service: 10 });
  }
  return solomonToProblem({ name: 'thousand', vehicles: 250, capacity, customers }, 'vehicles');
}

describe('fleet minimisation at 1,000 tasks', () => {
  it('tests distance as well as absences by default (fleetTemp 3)', async () => {
    const p = thousandCustomers(3, 400, 200);
    // An iteration budget: the same answer on any machine, so that the default can be compared
    // with each setting. Measured on Homberger 1,000 (search.ts): 3.17 against 3.86 % mean gap.
    const run = async (fleetTemp: number) =>
      (
        await solveChecked(p, {
          maxIterations: 3001,
          timeLimitMs: 600_000,
          workers: 1,
          seed: 1,
          fleetShare: 0.9,
          tuning: { fleetTemp },
        })
      ).routes;
    const byDefault = await run(0);
    expect(byDefault).toEqual(await run(3));
    expect(byDefault).not.toEqual(await run(-1));
  });

  it('hands the time of a fleet phase that is stuck to the final annealing (on a time budget)', () => {
    const p = thousandCustomers(7, 100, 400);
    // The fleet phase is given everything after the pre-phase: unless it ends itself once stuck,
    // no time is left for annealing the distance with the fleet it reached. The rule waits on the
    // clock, so it is off on iteration budgets; the time budget runs on a clock that advances 1 ms
    // per reading instead of the machine's, so each run does the same work on any machine.
    const run = (fleetStall: number) =>
      solveOnSteppingClock(p, { timeLimitMs: 4000, seed: 1, fleetShare: 0.9, tuning: { fleetStall } }, 1);
    const kept = run(-1);
    const handed = run(0);
    expect(handed.summary.routes).toBeLessThanOrEqual(kept.summary.routes);
    expect(handed.summary.distance).toBeLessThan(0.97 * kept.summary.distance);
  });
});
