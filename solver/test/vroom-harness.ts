/**
 * What the VROOM compatibility tests share: the fixtures, the built CLI, a seeded solve through
 * fromVroom → solve → toVroom checked against the documented schema, and a refusal's field.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { ProblemError } from '../src/errors.ts';
import { solve } from '../src/solve.ts';
import { fromVroom, toVroom } from '../src/vroom.ts';
import { checkSolution } from './checker.ts';
import { checkVroomOutput } from './vroom-schema.ts';

export const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
export const cli = new URL('../dist/cli.js', import.meta.url).pathname;

export type Out = {
  summary: Record<string, unknown>;
  unassigned: Record<string, unknown>[];
  routes: (Record<string, unknown> & { steps: Record<string, unknown>[] })[];
};

/** An iteration budget and a seed, not a clock: the same answer on any machine, under any load. */
export async function run(input: unknown): Promise<Out> {
  const problem = fromVroom(input);
  const sol = await solve(problem, { maxIterations: 2000, timeLimitMs: 600_000, seed: 1 });
  checkSolution(problem, sol);
  const out = toVroom(sol, problem, { loadingMs: 1 });
  checkVroomOutput(out);
  return out as unknown as Out;
}

/** Example 2 of VROOM's docs: one vehicle 0 → 3, two jobs, a durations matrix only. */
export const example2 = () => fixture('vroom-docs/example_2.json');

export function refusal(input: unknown): string {
  try {
    fromVroom(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ProblemError);
    return (e as ProblemError).field;
  }
  throw new Error('accepted');
}
