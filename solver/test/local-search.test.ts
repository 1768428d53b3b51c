/**
 * Granular local search (relocate, 2-opt*): every polished solution must still pass the
 * independent checker, on time windows (Solomon), shipments with breaks and skills (VROOM probe)
 * and a mixed fleet, and a seed with an iteration budget stays deterministic.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSolomon, solomonToProblem } from '../src/solomon.ts';
import { shutdownWorkers, solve } from '../src/solve.ts';
import { fromVroom } from '../src/vroom.ts';
import { checkSolution } from './checker.ts';

const bench = (p: string) => new URL(`./fixtures/${p}`, import.meta.url);
const on = { tuning: { localSearch: 1 } };

afterAll(async () => {
  await shutdownWorkers();
});

describe('local search', () => {
  it('keeps Solomon R101 and RC201 solutions feasible and deterministic', async () => {
    for (const name of ['R101', 'RC201']) {
      const p = solomonToProblem(parseSolomon(readFileSync(bench(`solomon/${name}.txt`), 'utf8')), 'distance');
      const a = await solve(p, { ...on, maxIterations: 3000, seed: 5 });
      checkSolution(p, a);
      expect(a.unassigned).toEqual([]);
      const b = await solve(p, { ...on, maxIterations: 3000, seed: 5 });
      expect(b.summary.cost).toBe(a.summary.cost);
    }
  });

  it('keeps shipments, breaks, skills and a mixed fleet feasible', async () => {
    for (const file of ['fixtures/vroom-small.json', 'fixtures/converters/hvrp-HVRP13.json']) {
      const p = fromVroom(JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')));
      const s = await solve(p, { ...on, maxIterations: 2000, seed: 2 });
      checkSolution(p, s);
    }
  });
});
