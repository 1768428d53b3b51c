import { afterAll, describe, expect, it } from 'vitest';
import { shutdownWorkers } from '../src/solve.ts';
import { solveChecked } from './helpers.ts';
import { oracle, randomInstance, toProblem } from './oracle.ts';

afterAll(() => shutdownWorkers());

describe('solve against a brute-force oracle', () => {
  for (let seed = 1; seed <= 12; seed++) {
    it(`finds the optimum of random instance #${seed}`, async () => {
      const inst = randomInstance(seed);
      const want = oracle(inst);
      const sol = await solveChecked(toProblem(inst), { maxIterations: 3000, timeLimitMs: 600_000, seed });
      expect(inst.n - sol.unassigned.length).toBe(want.served);
      expect(sol.summary.cost).toBeCloseTo(want.cost, 6);
    });
  }
});
