import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { liLimProblem } from '../bench/instances.ts';
import { decodeSolution } from '../src/decode.ts';
import { encodeProblem } from '../src/encode.ts';
import { runEngine } from '../src/engine.ts';
import { parseSolomon, solomonToProblem, type Objective, type SolomonInstance } from '../src/solomon.ts';
import { solve } from '../src/solve.ts';
import { engineModule } from '../src/wasm-node.ts';
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

/**
 * `solveChecked`'s budget unless its caller sets one: iterations and a seed, so that the answer is
 * the same on any machine (the time limit is only a cap that a healthy run never reaches).
 */
const ITERATION_BUDGET: SolveOptions = { maxIterations: 1000, timeLimitMs: 600_000, seed: 1 };

/**
 * Solves and runs the independent checker on the result. A caller that sets a time limit alone
 * tests something that only runs on time budgets (rounds) and keeps it.
 */
export async function solveChecked(p: Problem, opts: SolveOptions = {}): Promise<Solution> {
  const timeOnly = opts.timeLimitMs !== undefined && opts.maxIterations === undefined;
  const sol = await solve(p, { ...(timeOnly ? {} : ITERATION_BUDGET), ...opts });
  expect(() => checkSolution(p, sol)).not.toThrow();
  return sol;
}

/**
 * An engine clock (EngineHooks.now) that advances `stepMs` at each reading: a time budget then
 * ends after the same work on any machine, however slow or loaded.
 */
export function steppingClock(stepMs: number): () => number {
  let t = 0;
  return () => {
    t += stepMs;
    return t;
  };
}

/**
 * Solves in this thread on a stepping clock and runs the checker: for what only runs on time
 * budgets in the engine (the fleet phase's stall rule), with an answer that cannot depend on speed.
 */
export function solveOnSteppingClock(p: Problem, opts: SolveOptions, stepMs: number): Solution {
  const enc = encodeProblem(p, opts);
  const sol = decodeSolution(p, enc, runEngine(enc, { now: steppingClock(stepMs) }, engineModule()), 0);
  expect(() => checkSolution(p, sol)).not.toThrow();
  return sol;
}

export function jobOrder(sol: Solution, vehicle = 0): unknown[] {
  const r = sol.routes.find((x) => x.vehicle === vehicle);
  return r ? r.steps.filter((s) => s.type !== 'start' && s.type !== 'end').map((s) => s.id) : [];
}

export { prng } from './prng.ts';
