/**
 * The local search the annealing runs on its candidates (search.ts): which operators, on which
 * candidates, over the routes the iteration changed.
 */
import { focusCount, focusTask } from './focus';
import { endNode, nTasks, startNode } from './instance';
import { orOpt } from './or-opt';
import { pairExchange } from './pair-exchange';
import { pairRelocate } from './pair-relocate';
import { relocate } from './relocate';
import { nxt, routeOf } from './routes';
import { touchedCount, touchedRoute } from './state';
import { swap } from './swap';
import { swapStarAround } from './swap-star';
import { twoOpt } from './two-opt';
import { twoOptStar } from './two-opt-star';

/**
 * Granular local search (PARAM_LOCAL_SEARCH): relocate, swap, or-opt, 2-opt*, 2-opt and, for
 * shipments, pair relocate (pair exchange when asked) from the tasks of the routes this iteration
 * changed, then SWAP* between each of those routes and the routes near it; two passes at most, so
 * its cost follows the size of the change, not of the instance.
 * PARAM_LOCAL_SEARCH = 1 (and 0, auto, up to 2,000 tasks) runs LS_DEFAULT: one light pass on
 * every candidate, the full search on candidates that would become the best; LS_SHIPMENTS when
 * every task is a shipment. Values ≥ 2 are a mask of the LS_* bits below (operators, and where it
 * runs), for measuring.
 */
const LS_RELOCATE = 1;
const LS_TWO_OPT_STAR = 2;
const LS_SWAP = 4;
const LS_OR_OPT = 8;
const LS_SWAP_STAR = 16;
const LS_PAIR_RELOCATE = 256;
const LS_TWO_OPT = 512;
/**
 * Pair exchange, on candidates that get the full search only (it reroutes two routes per try).
 * Opt-in: on Li & Lim LRC2_4_2 at 60 s × 2 workers (quiet machine, seeds 1–4) it took the mean gap
 * from 0.99 % (0.21, 2.05, 0.01, 1.70) to 5.08 % (2.47, 6.15, 2.47, 9.21): new bests polished that
 * deep leave the annealing in fewer, worse valleys, with a fifth fewer iterations.
 */
const LS_PAIR_EXCHANGE = 1024;
/**
 * Pair exchange in the light passes too, for measuring: on LRC2_4_2 (55,000 iterations, 1 worker,
 * seed 1) it ran 6× slower per iteration than on full passes only.
 */
const LS_EXCHANGE_LIGHT = 2048;
/**
 * The light pass starts only from the tasks whose neighbours the move changed (focus.ts) instead
 * of from every task of the routes it touched. Auto with vehicles first at 1,000–2,000 tasks or
 * with shipments only (see chooseLocalSearch).
 */
const LS_FOCUSED = 4096;
/** Also polish every candidate better than the current solution (not only new bests). */
const LS_ON_IMPROVING = 32;
/** Polish every candidate. */
const LS_ON_EVERY = 64;
/** Candidates that would not become the best get one pass without SWAP*. */
const LS_LIGHT = 128;
const LS_OPERATORS = LS_RELOCATE | LS_TWO_OPT_STAR | LS_SWAP | LS_OR_OPT | LS_SWAP_STAR | LS_PAIR_RELOCATE | LS_TWO_OPT;
/**
 * Measured on Solomon at 2 s (issue 19): a light pass on every candidate and the full search on
 * new bests reached 0.38–0.54 % mean gap where new bests alone (the previous default) gave
 * 0.79–0.94 %; per iteration, polishing every candidate is ~8× dearer but worth it.
 */
const LS_DEFAULT = LS_OPERATORS | LS_ON_EVERY | LS_LIGHT;
/**
 * Problems made only of shipments (Li & Lim): only the operators that move shipments (or-opt of a
 * pickup or delivery within its route, pair relocate), with no SWAP*. Relocate, swap, 2-opt and
 * SWAP* leave shipments alone (2-opt* is off with them), so there they would only cost time:
 * at 20,000 iterations, LRC2_4_2, LR1_2_2 and LC1_4_2 with 3 seeds each gave the very same
 * solutions with this mask in 50–70 % of the time.
 */
const LS_SHIPMENTS = LS_OR_OPT | LS_PAIR_RELOCATE | LS_ON_EVERY | LS_LIGHT;
let lsMask = 0;

/**
 * Picks the mask from PARAM_LOCAL_SEARCH (see above) and the kinds of task in the problem.
 * `focused` (vehicles first, at 1,000–2,000 tasks or with shipments only) adds LS_FOCUSED to the
 * auto mask: there the light pass over whole routes was most of the annealing's time, and starting
 * it from the changed tasks alone gave more iterations and lower gaps:
 * - Homberger 1,000 at 120 s, seeds 1–5 (1 and 2 with 2 workers, 3–5 with 1): r1_10_2 better in
 *   all five, 10.51 → 8.75 % mean; rc2_10_2 at its best-known 18 routes in 5 runs of 5 against 1.
 * - Li & Lim LRC2_4_2 (routes of about 40 stops) at 60 s × 2 workers, seeds 1–13 alternated:
 *   mean gap 3.12 → 2.38 %, better in 9 runs of 13, a median 9 % more iterations (the bad basin
 *   as frequent); LR1_4_2 reached its best-known 30 routes (seed 7); Li & Lim 100 at 5 s stays at
 *   the best known. Figures in the README.
 * Homberger 200 did not gain (60 s × 2 workers, seeds 1–2: 0.65 against 0.53 %), Solomon neither
 * (2 s, seeds 2–6: 0.20 against 0.15 %).
 */
export function chooseLocalSearch(lsp: i32, shipmentsOnly: bool, focused: bool): void {
  let lsAuto = shipmentsOnly ? LS_SHIPMENTS : LS_DEFAULT;
  if (focused) lsAuto |= LS_FOCUSED;
  lsMask = lsp >= 2 ? lsp : lsp == 1 || (lsp == 0 && nTasks <= 2000) ? lsAuto : 0;
}

/**
 * Polishes the annealing's candidate (cost nc; the current solution costs cur, the best bestCost)
 * if the mask asks for it; true when it ran (the caller reads the new cost).
 */
export function polishCandidate(nc: f64, cur: f64, bestCost: f64): bool {
  if (lsMask == 0) return false;
  if (!(nc < bestCost || (lsMask & LS_ON_EVERY) != 0 || ((lsMask & LS_ON_IMPROVING) != 0 && nc < cur))) return false;
  localSearch(nc < bestCost || (lsMask & LS_LIGHT) == 0);
  return true;
}

let lsTasks = new StaticArray<i32>(0);

/**
 * Lists in lsTasks the tasks a pass starts from and returns their count: with LS_FOCUSED on a light
 * pass, those the move changed the surroundings of; else every task of the touched routes (also
 * when a move listed none: the mixed fleets' route exchanges and splits move whole routes).
 */
function startTasks(full: bool): i32 {
  let n = 0;
  if (!full && (lsMask & LS_FOCUSED) != 0 && focusCount > 0) {
    for (let i = 0; i < focusCount; i++) {
      const x = focusTask(i);
      if (unchecked(routeOf[x]) >= 0) lsTasks[n++] = x;
    }
    return n;
  }
  for (let i = 0; i < touchedCount; i++) {
    const r = touchedRoute(i);
    const e = endNode(r);
    for (let x = nxt[startNode(r)]; x != e; x = nxt[x]) if (n < nTasks) lsTasks[n++] = x;
  }
  return n;
}

function localSearch(full: bool): void {
  if (lsTasks.length != nTasks) lsTasks = new StaticArray<i32>(nTasks);
  const passes = full ? 2 : 1;
  for (let pass = 0; pass < passes; pass++) {
    const routes = touchedCount;
    const n = startTasks(full);
    let improved = false;
    for (let i = 0; i < n; i++) {
      const t = lsTasks[i];
      if ((lsMask & LS_RELOCATE) != 0 && relocate(t)) improved = true;
      if ((lsMask & LS_SWAP) != 0 && swap(t)) improved = true;
      if ((lsMask & LS_OR_OPT) != 0 && orOpt(t)) improved = true;
      if ((lsMask & LS_TWO_OPT_STAR) != 0 && twoOptStar(t)) improved = true;
      if ((lsMask & LS_PAIR_RELOCATE) != 0 && pairRelocate(t)) improved = true;
      if ((lsMask & LS_TWO_OPT) != 0 && twoOpt(t)) improved = true;
      if ((lsMask & LS_PAIR_EXCHANGE) != 0 && (full || (lsMask & LS_EXCHANGE_LIGHT) != 0) && pairExchange(t))
        improved = true;
    }
    if ((lsMask & LS_SWAP_STAR) != 0 && full) {
      for (let i = 0; i < routes; i++) if (swapStarAround(touchedRoute(i))) improved = true;
    }
    if (!improved) break;
  }
}
