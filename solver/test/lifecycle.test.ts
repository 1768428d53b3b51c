import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { SolverError } from '../src/errors.ts';
import { solveEncodedForTest, shutdownWorkers, solve } from '../src/solve.ts';
import { encodeProblem } from '../src/encode.ts';
import { parseSolomon, solomonToProblem } from '../src/solomon.ts';
import { checkSolution } from './checker.ts';

afterAll(() => shutdownWorkers());

const c101 = () =>
  solomonToProblem(
    parseSolomon(readFileSync(new URL('./fixtures/solomon/C101.txt', import.meta.url), 'utf8')),
    'vehicles',
  );

describe('solve lifecycle', () => {
  it('finds the known optimum of Solomon C101 and reports progress', async () => {
    const p = c101();
    const seen: number[] = [];
    const sol = await solve(p, { timeLimitMs: 1500, workers: 2, onProgress: (x) => seen.push(x.cost) });
    checkSolution(p, sol);
    expect(sol.summary.routes).toBe(10);
    expect(sol.summary.distance).toBeCloseTo(828.94, 1);
    expect(seen.length).toBeGreaterThan(0);
  });

  it('is deterministic for a seed and an iteration budget', async () => {
    const p = c101();
    const a = await solve(p, { maxIterations: 800, timeLimitMs: 20_000, seed: 3 });
    const b = await solve(p, { maxIterations: 800, timeLimitMs: 20_000, seed: 3 });
    expect(b.routes.map((r) => r.steps.map((s) => s.id))).toEqual(a.routes.map((r) => r.steps.map((s) => s.id)));
  });

  it('stops promptly when aborted', async () => {
    const ac = new AbortController();
    const t0 = performance.now();
    setTimeout(() => ac.abort(new Error('user cancelled')), 200);
    await expect(solve(c101(), { timeLimitMs: 30_000, signal: ac.signal })).rejects.toThrow('user cancelled');
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('rejects a trap with a clear error and keeps working afterwards', async () => {
    const p = c101();
    const enc = encodeProblem(p, { timeLimitMs: 200 });
    enc.taskI[1] = 2 ** 26; // a time window 1 GB past the end of memory: the engine traps
    await expect(solveEncodedForTest(p, enc)).rejects.toThrow(SolverError);
    await expect(solveEncodedForTest(p, enc)).rejects.toThrow(/solver crashed: RuntimeError/);
    const sol = await solve(p, { timeLimitMs: 200 });
    checkSolution(p, sol);
  });
});
