/**
 * The CLI's command line: `[--time-limit S] [--seed N] [--workers N] [--max-iterations N]
 * [--solomon FILE [--objective vehicles|distance]]`. Workers default to the machine's cores, as
 * the planner does; `--max-iterations` with `--seed` gives the same answer on any machine.
 */
import { availableParallelism } from 'node:os';
import { ProblemError } from './errors.ts';
import type { Objective } from './solomon.ts';
import type { SolveOptions } from './types.ts';

export const USAGE =
  'usage: solve [--time-limit S] [--seed N] [--workers N] [--max-iterations N] [--solomon FILE [--objective vehicles|distance]] < problem.json';

export interface CliOptions {
  help: boolean;
  /** What the solve is given: the time limit (default 5 s), seed (1), workers (the cores). */
  solve: Required<Pick<SolveOptions, 'timeLimitMs' | 'seed' | 'workers'>> & Pick<SolveOptions, 'maxIterations'>;
  /** A Solomon file to read instead of VROOM JSON on stdin. */
  solomon?: string;
  objective: Objective;
}

const OPTIONS = ['time-limit', 'seed', 'workers', 'max-iterations', 'solomon', 'objective'];

/** A bad command line is an input error, as in VROOM: the field is the option. */
const bad = (option: string, detail: string): never => {
  throw new ProblemError(option, detail);
};

function positive(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) bad(`--${name}`, 'must be a positive number');
  return n;
}

/** Throws a `ProblemError` naming the option. `cores` is for tests. */
export function parseCliOptions(argv: readonly string[], cores = availableParallelism()): CliOptions {
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--help' || a === '-h') return { ...parseCliOptions([], cores), help: true };
    if (!a.startsWith('--')) bad('arguments', `unexpected argument ${a}`);
    const [k, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    if (!OPTIONS.includes(k)) bad(`--${k}`, 'unknown option');
    const v = inline ?? argv[++i];
    if (v === undefined) bad(`--${k}`, 'needs a value');
    args[k] = v as string;
  }
  const objective = args.objective ?? 'vehicles';
  if (objective !== 'vehicles' && objective !== 'distance') bad('--objective', 'must be vehicles or distance');
  return {
    help: false,
    solve: {
      timeLimitMs: positive('time-limit', args['time-limit'], 5) * 1000,
      seed: Math.floor(positive('seed', args.seed, 1)),
      workers: Math.floor(positive('workers', args.workers, cores)),
      ...(args['max-iterations'] === undefined
        ? {}
        : { maxIterations: Math.floor(positive('max-iterations', args['max-iterations'], 0)) }),
    },
    solomon: args.solomon,
    objective: objective as Objective,
  };
}
