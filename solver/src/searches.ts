/**
 * How the parallel searches are run and read, the same way by the Node entry (`solve.ts`, worker
 * threads) and the browser entry (`browser.ts`, Web Workers): their progress, the best of their
 * outputs, and the rounds a solve runs them in.
 */
import { BEST_MARGIN, LARGE_SHIPMENT_TASKS, LONG_ROUTE_TASKS } from './abi.ts';
import type { WarmStart } from './params.ts';
import { canRecombine, recombine } from './recombine.ts';
import type { Problem, SolveOptions } from './types.ts';

/** Passes a worker's progress message (`[cost, routes, unassigned, elapsedMs]`) to `onProgress`. */
export function reportProgress(opts: SolveOptions, p: number[], worker: number): void {
  const [cost = 0, routes = 0, unassigned = 0, elapsedMs = 0] = p;
  opts.onProgress?.({ cost, routes, unassigned, elapsedMs, worker });
}

/** Whether cost `a` beats `b` by the engine's own margin for a new best (abi.ts says why). */
function beats(a: number, b: number): boolean {
  return b === Infinity ? a < b : a < b - BEST_MARGIN * Math.abs(b);
}

/** Lowest engine cost wins (it includes the unassigned penalties); ties go to the lower seed. */
export function bestOutput(outs: Float64Array[]): Float64Array {
  let best = outs[0] as Float64Array;
  for (const o of outs) if (beats(o[0] ?? Infinity, best[0] ?? Infinity)) best = o;
  return best;
}

/** The parallel searches a solve runs (`SolveOptions.workers`, at least 1). */
export function workerCount(opts: SolveOptions): number {
  return Math.max(1, Math.floor(opts.workers ?? 1));
}

/** How many rounds a solve runs (`tuning.restarts`, types.ts says why). */
export function roundsFor(problem: Problem, opts: SolveOptions): number {
  if ((opts.maxIterations ?? 0) > 0) return 1; // iteration budgets stay one deterministic search
  const r = Math.floor(opts.tuning?.restarts ?? 0);
  if (r !== 0) return Math.max(1, r);
  const pairs = problem.jobs?.length ? 0 : (problem.shipments?.length ?? 0); // shipments only
  return 2 * pairs >= LARGE_SHIPMENT_TASKS ? 3 : 1;
}

/**
 * The rounds once the first is over (auto only): with short routes, the time left goes to one
 * round instead of two, which a fleet of many short routes needs to polish (types.ts, `restarts`).
 */
export function roundsAfterFirst(problem: Problem, opts: SolveOptions, planned: number, first: Float64Array): number {
  if (Math.floor(opts.tuning?.restarts ?? 0) !== 0 || planned < 3) return planned;
  const routes = first[1] ?? 0;
  const tasks = 2 * (problem.shipments?.length ?? 0);
  return routes > 0 && tasks / routes < LONG_ROUTE_TASKS ? 2 : planned;
}

/** The T0 factor a warm last round starts from (`tuning.warmStart`), 0 when rounds all start afresh. */
export function warmStartT0(opts: SolveOptions): number {
  const w = opts.tuning?.warmStart ?? 0;
  return Math.max(w, 0);
}

/**
 * Runs one round: every worker's search, on seeds from `seed` on, for `limitMs`, from `warm` when
 * given (a new construction otherwise).
 */
export type Round = (seed: number, limitMs: number, opts: SolveOptions, warm?: WarmStart) => Promise<Float64Array[]>;

/** The shortest later round worth starting (worker start-up alone takes tens of ms). */
export const MIN_ROUND_MS = 250;

/** Share of the time limit kept for the search from recombined routes (`tuning.recombine` auto). */
const RECOMBINE_SHARE = 0.05;
/** The T0 factor the search from recombined routes anneals from: cool, it polishes their joins. */
const RECOMBINE_T0 = 1;

/** The share of the limit kept for a search from recombined routes (`tuning.recombine`), 0 when none. */
export function recombineShare(problem: Problem, opts: SolveOptions, rounds: number): number {
  const r = opts.tuning?.recombine ?? 0;
  if (r < 0 || !canRecombine(problem) || (opts.maxIterations ?? 0) > 0) return 0;
  if (r > 0) return Math.min(r, 0.5);
  return rounds >= 2 ? RECOMBINE_SHARE : 0;
}

/**
 * The options of a search that starts `offset` ms into the solve: its progress is passed on only
 * when it beats `floor` (the best so far), with its time counted from the solve's start.
 */
function laterSearch(opts: SolveOptions, offset: number, floor: number): SolveOptions {
  const onProgress = opts.onProgress;
  if (!onProgress) return opts;
  return {
    ...opts,
    onProgress: (p) => {
      if (beats(p.cost, floor)) onProgress({ ...p, elapsedMs: p.elapsedMs + offset });
    },
  };
}

/**
 * Runs the rounds one after another, each on an equal share of the time left, the last one from the
 * best so far with `tuning.warmStart`; then, when the routes of all their searches recombine into
 * a cheaper plan (recombine.ts), one more search from it on the time kept for it. Returns the best
 * output of all. Progress from a later search is passed on only when it beats the best so far,
 * with its time counted from the solve's start, so a progress bar never goes back.
 */
export async function searchInRounds(
  problem: Problem,
  opts: SolveOptions,
  limitMs: number,
  run: Round,
): Promise<Float64Array> {
  let rounds = roundsFor(problem, opts);
  const workers = workerCount(opts);
  const seed = opts.seed ?? 1;
  const warmT0 = warmStartT0(opts);
  const roundsMs = limitMs * (1 - recombineShare(problem, opts, rounds));
  const start = performance.now();
  let best: Float64Array | undefined;
  const all: Float64Array[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r > 0 && opts.signal?.aborted) break;
    const offset = performance.now() - start;
    const roundOpts = r === 0 ? opts : laterSearch(opts, offset, best?.[0] ?? Infinity);
    const warm = best && r === rounds - 1 && warmT0 > 0 ? { out: best, t0: warmT0 } : undefined;
    const share = (roundsMs - offset) / (rounds - r);
    // A round that overran (a slow worker start, a loaded machine) leaves the later ones little
    // or no time: they are skipped, not run on a budget the engine would read as its default.
    if (r > 0 && share < MIN_ROUND_MS) break;
    const outs = await run(seed + r * workers, share, roundOpts, warm);
    all.push(...outs);
    best = bestOutput(best ? [best, ...outs] : outs);
    if (r === 0) rounds = roundsAfterFirst(problem, opts, rounds, best);
  }
  if (!best || roundsMs >= limitMs || opts.signal?.aborted) return best as Float64Array;
  // The cover search takes a fifth of the time kept at most; the search from it, the rest.
  const cover = recombine(problem, all, best[0] ?? Infinity, BEST_MARGIN, (limitMs - roundsMs) / 5);
  const offset = performance.now() - start;
  if (!cover || limitMs - offset < MIN_ROUND_MS) return best;
  const outs = await run(seed + rounds * workers, limitMs - offset, laterSearch(opts, offset, best[0] ?? Infinity), {
    out: cover,
    t0: RECOMBINE_T0,
  });
  return bestOutput([best, ...outs]);
}
