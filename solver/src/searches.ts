/**
 * What the parallel searches send back, read the same way by the Node entry (`solve.ts`, worker
 * threads) and the browser entry (`browser.ts`, Web Workers).
 */
import type { SolveOptions } from './types.ts';

/** Passes a worker's progress message (`[cost, routes, unassigned, elapsedMs]`) to `onProgress`. */
export function reportProgress(opts: SolveOptions, p: number[], worker: number): void {
  const [cost = 0, routes = 0, unassigned = 0, elapsedMs = 0] = p;
  opts.onProgress?.({ cost, routes, unassigned, elapsedMs, worker });
}

/** Lowest engine cost wins (it includes the unassigned penalties); ties go to the lower seed. */
export function bestOutput(outs: Float64Array[]): Float64Array {
  let best = outs[0] as Float64Array;
  for (const o of outs) if ((o[0] ?? Infinity) < (best[0] ?? Infinity) - 1e-9) best = o;
  return best;
}
