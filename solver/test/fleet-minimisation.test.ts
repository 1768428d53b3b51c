/**
 * Vehicles first: the fleet minimisation (assembly/search.ts, fleetPhase) removes routes and
 * keeps moves that leave out tasks absent less often. Judged on absences alone (SISR's rule,
 * tuning.fleetTemp −1) the distance drifts far from the annealed solution it started from, and the
 * final annealing rarely finds its way back on long routes; fleetTemp also anneals distance there
 * (on by default when every task is a shipment).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { shutdownWorkers } from '../src/solve.ts';
import { solomonFixture, solveChecked } from './helpers.ts';

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
