#!/usr/bin/env node
/**
 * `pnpm --silent solve [--time-limit S] [--seed N] [--workers N] < problem.json > solution.json`
 * reads VROOM JSON on stdin (workers default to the machine's cores, as the planner does); `--solomon FILE [--objective vehicles|distance]` reads a Solomon file.
 * stdout carries only the JSON; errors go to stderr with exit code 1 (2 for bad arguments).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { ProblemError } from './errors.ts';
import { parseSolomon, solomonToProblem, type Objective } from './solomon.ts';
import { shutdownWorkers, solve } from './solve.ts';
import { fromVroom, toVroom } from './vroom.ts';

const USAGE =
  'usage: solve [--time-limit S] [--seed N] [--workers N] [--solomon FILE [--objective vehicles|distance]] < problem.json';

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const [k, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    const v = inline ?? argv[++i];
    if (v === undefined) throw new Error(`--${k} needs a value`);
    out[k] = v;
  }
  return out;
}

function positive(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

async function main(): Promise<void> {
  let args: Record<string, string>;
  let timeLimitMs: number;
  let seed: number;
  let workers: number;
  try {
    args = parseArgs(process.argv.slice(2));
    for (const k of Object.keys(args)) {
      if (!['time-limit', 'seed', 'workers', 'solomon', 'objective'].includes(k))
        throw new Error(`unknown option --${k}`);
    }
    timeLimitMs = positive('time-limit', args['time-limit'], 5) * 1000;
    seed = Math.floor(positive('seed', args.seed, 1));
    workers = Math.floor(positive('workers', args.workers, availableParallelism()));
    if (args.objective && args.objective !== 'vehicles' && args.objective !== 'distance')
      throw new Error('--objective must be vehicles or distance');
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  try {
    if (args.solomon) {
      const objective = (args.objective ?? 'vehicles') as Objective;
      const inst = parseSolomon(readFileSync(args.solomon, 'utf8'));
      const problem = solomonToProblem(inst, objective);
      const sol = await solve(problem, { timeLimitMs, seed, workers });
      const out = {
        instance: inst.name,
        objective,
        vehicles: sol.summary.routes,
        distance: sol.summary.distance,
        unassigned: sol.unassigned.map((u) => u.id),
        routes: sol.routes.map((r) => r.steps.filter((s) => s.type === 'job').map((s) => s.id)),
        computing_time_ms: sol.summary.computingTimeMs,
      };
      process.stdout.write(`${JSON.stringify(out)}\n`);
    } else {
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
      const sol = await solve(problem, { timeLimitMs, seed, workers });
      process.stdout.write(`${JSON.stringify(toVroom(sol, problem, { loadingMs }))}\n`);
    }
  } catch (e) {
    const code = e instanceof ProblemError ? 2 : 1;
    process.stderr.write(`error: ${(e as Error).message}\n`);
    process.exitCode = code;
  } finally {
    await shutdownWorkers();
  }
}

void main();
