#!/usr/bin/env node
/**
 * `pnpm --silent solve [--time-limit S] [--seed N] [--workers N] [--max-iterations N] < problem.json`
 * reads VROOM JSON on stdin (workers default to the machine's cores, as the planner does;
 * `--max-iterations` with `--seed` gives the same answer on any machine);
 * `--solomon FILE [--objective vehicles|distance]` reads a Solomon file.
 * stdout carries only the JSON. Errors as in VROOM's CLI: stdout gets `{"code": 2, "error": …}`
 * (2 = input error, the message naming the field or option; 1 = internal error), stderr
 * `[Error] <message>`, and the process exits with the code.
 */
import { readFileSync } from 'node:fs';
import { type CliOptions, parseCliOptions, USAGE } from './cli-options.ts';
import { ProblemError } from './errors.ts';
import { parseSolomon, solomonToProblem } from './solomon.ts';
import { shutdownWorkers, solve } from './solve.ts';
import { fromVroom, toVroom } from './vroom.ts';
import { toVroomError } from './vroom/errors.ts';

async function solveSolomon(o: CliOptions & { solomon: string }): Promise<unknown> {
  let text: string;
  try {
    text = readFileSync(o.solomon, 'utf8');
  } catch (e) {
    throw new ProblemError('--solomon', `cannot read ${o.solomon} (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
  const inst = parseSolomon(text);
  const problem = solomonToProblem(inst, o.objective);
  const sol = await solve(problem, o.solve);
  return {
    instance: inst.name,
    objective: o.objective,
    vehicles: sol.summary.routes,
    distance: sol.summary.distance,
    unassigned: sol.unassigned.map((u) => u.id),
    routes: sol.routes.map((r) => r.steps.filter((s) => s.type === 'job').map((s) => s.id)),
    computing_time_ms: sol.summary.computingTimeMs,
  };
}

async function solveVroom(o: CliOptions): Promise<unknown> {
  const loadStart = performance.now();
  const text = readFileSync(0, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ProblemError('input', `not valid JSON (${(e as Error).message})`);
  }
  const problem = fromVroom(json);
  const loadingMs = performance.now() - loadStart;
  const sol = await solve(problem, o.solve);
  return toVroom(sol, problem, { loadingMs });
}

/** As VROOM's CLI: `{ code, error }` where the solution would go, `[Error] …` on stderr, exit code. */
function fail(e: unknown, usage: boolean): void {
  const err = toVroomError(e);
  process.stdout.write(`${JSON.stringify(err)}\n`);
  process.stderr.write(`[Error] ${err.error}\n${usage ? `${USAGE}\n` : ''}`);
  process.exitCode = err.code;
}

async function main(): Promise<void> {
  let o: CliOptions;
  try {
    o = parseCliOptions(process.argv.slice(2));
  } catch (e) {
    fail(e, true);
    return;
  }
  if (o.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  try {
    const out = o.solomon === undefined ? await solveVroom(o) : await solveSolomon({ ...o, solomon: o.solomon });
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } catch (e) {
    fail(e, false);
  } finally {
    await shutdownWorkers();
  }
}

void main();
