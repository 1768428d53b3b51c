import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { liLimProblem } from '../bench/instances.ts';
import { parseSolomon, solomonToProblem, type Objective, type SolomonInstance } from '../src/solomon.ts';
import { solve } from '../src/solve.ts';
import type { Problem, Solution, SolveOptions } from '../src/types.ts';
import { checkSolution } from './checker.ts';

/** Points on a line: travel time = distance = |i − j| × 10 between matrix indices. */
export function lineMatrix(n: number, step = 10): { durations: number[][]; distances: number[][] } {
  const m = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => Math.abs(i - j) * step));
  return { durations: m, distances: m.map((r) => r.slice()) };
}

/** A Solomon instance kept in fixtures/solomon (C101, R101, RC201), as read from its file. */
export function solomonInstance(name: string): SolomonInstance {
  return parseSolomon(readFileSync(new URL(`./fixtures/solomon/${name}.txt`, import.meta.url), 'utf8'));
}

/** A Solomon instance kept in fixtures/solomon, as a problem with the given objective. */
export function solomonFixture(name: string, objective: Objective): Problem {
  return solomonToProblem(solomonInstance(name), objective);
}

/** A Li & Lim PDPTW instance kept in fixtures/pdptw (lrc201). */
export function liLimFixture(name: string): Problem {
  return liLimProblem(fileURLToPath(new URL(`./fixtures/pdptw/${name}.txt`, import.meta.url)));
}

/** Solves with a small budget and runs the independent checker on the result. */
export async function solveChecked(p: Problem, opts: SolveOptions = {}): Promise<Solution> {
  const sol = await solve(p, { timeLimitMs: 300, ...opts });
  expect(() => checkSolution(p, sol)).not.toThrow();
  return sol;
}

export function jobOrder(sol: Solution, vehicle = 0): unknown[] {
  const r = sol.routes.find((x) => x.vehicle === vehicle);
  return r ? r.steps.filter((s) => s.type !== 'start' && s.type !== 'end').map((s) => s.id) : [];
}

export { prng } from './prng.ts';
