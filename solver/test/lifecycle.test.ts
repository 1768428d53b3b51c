import { afterAll, describe, expect, it } from 'vitest';
import { TASK_I_TW_OFFSET } from '../src/abi.ts';
import { SolverError } from '../src/errors.ts';
import { solveEncodedForTest, shutdownWorkers, solve } from '../src/solve.ts';
import { encodeProblem } from '../src/encode.ts';
import { checkSolution } from './checker.ts';
import { solomonFixture, solveOnSteppingClock } from './helpers.ts';

afterAll(() => shutdownWorkers());

const c101 = () => solomonFixture('C101', 'vehicles');

describe('solve lifecycle', () => {
  it('finds the known optimum of Solomon C101 within a fixed iteration budget and reports progress', async () => {
    const p = c101();
    const seen: number[] = [];
    // An iteration budget and a seed, not a clock: the same answer on any machine, under any load
    // (the time limit is only a cap that a healthy run never reaches). 200 iterations already
    // reach the optimum for seeds 1–5; 2,000 leave a margin for engine changes.
    const sol = await solve(p, {
      maxIterations: 2000,
      timeLimitMs: 600_000,
      seed: 1,
      workers: 2,
      onProgress: (x) => seen.push(x.cost),
    });
    checkSolution(p, sol);
    expect(sol.summary.iterations).toBe(2000);
    expect(sol.summary.routes).toBe(10);
    expect(sol.summary.distance).toBeCloseTo(828.94, 1);
    expect(seen.length).toBeGreaterThan(0);
  });

  it('is deterministic for a seed and an iteration budget', async () => {
    const p = c101();
    const a = await solve(p, { maxIterations: 800, timeLimitMs: 600_000, seed: 3 });
    const b = await solve(p, { maxIterations: 800, timeLimitMs: 600_000, seed: 3 });
    expect(b.routes.map((r) => r.steps.map((s) => s.id))).toEqual(a.routes.map((r) => r.steps.map((s) => s.id)));
  });

  it('ends every phase after its share of a budget of a few iterations, not at the time limit', () => {
    // Vehicles first splits the budget into a pre-phase (a fifth), the fleet phase and the final
    // annealing; with 3 iterations the pre-phase's share is 0, which once meant "no iteration
    // limit" and ran it to the time limit. On a clock that steps per reading, that shows as
    // thousands of iterations instead of 3.
    for (const maxIterations of [1, 3, 7]) {
      const sol = solveOnSteppingClock(c101(), { maxIterations, timeLimitMs: 600_000, seed: 1 }, 1);
      expect(sol.summary.iterations).toBeLessThanOrEqual(maxIterations);
    }
  });

  it("stops when aborted, with the signal's reason", async () => {
    const ac = new AbortController();
    // Abort on the first progress report (no sleep); the limit is far beyond the test's timeout,
    // so only the abort can end this solve: a solver that ignored it would hang the test.
    const solving = solve(c101(), {
      timeLimitMs: 600_000,
      signal: ac.signal,
      onProgress: () => ac.abort(new Error('user cancelled')),
    });
    await expect(solving).rejects.toThrow('user cancelled');
  }, 30_000);

  it('rejects a trap with a clear error and keeps working afterwards', async () => {
    const p = c101();
    const enc = encodeProblem(p, { timeLimitMs: 200 });
    enc.taskI[TASK_I_TW_OFFSET] = 2 ** 26; // task 0's window 1 GB past the end of memory: the engine traps
    await expect(solveEncodedForTest(p, enc)).rejects.toThrow(SolverError);
    await expect(solveEncodedForTest(p, enc)).rejects.toThrow(/solver crashed: RuntimeError/);
    const sol = await solve(p, { maxIterations: 300, timeLimitMs: 600_000, seed: 1 });
    checkSolution(p, sol);
  });
});
