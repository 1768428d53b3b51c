/**
 * Exchanges between the parallel searches of a problem during the final annealing: now and then
 * each search publishes its best, and a search whose best is worse than another's continues from
 * that one. Searches run apart otherwise (each worker its own WebAssembly instance); the host's
 * mailbox (src/mailbox.ts) carries the solutions, and polling it never blocks the search.
 */
import { PARAM_EXCHANGE } from '../src/abi';
import { adoptBest, publishBest } from './env';
import { nTasks, params } from './instance';
import { bestCost, packBest, packedBestLength, unpackBest } from './state';

/**
 * The share of the final annealing between exchanges (PARAM_EXCHANGE; 0 = none). Auto: a tenth,
 * from 1,000 tasks on a time budget (an iteration budget stays repeatable unless the caller asks).
 * There the annealing still improves steadily at the end, and continuing from the better of two
 * at each step pays (Homberger 1,000, 120 s × 2 workers, seeds 1–2: mean gap 4.58 → 3.66 %, 5 runs
 * of 6 better); smaller sets showed no gain (Solomon 2 s level, Li & Lim LRC2_4_2 30 s within its
 * spread, Homberger 200 60 s 0.35 against 0.48 %).
 */
export function exchangeEvery(byIterations: bool): f64 {
  const ex = params[PARAM_EXCHANGE];
  return ex < 0 ? 0.0 : ex > 0 ? ex : byIterations || nTasks < 1000 ? 0.0 : 0.1;
}

/** The exchange under way or next (1, 2, …), and whether this search has published it. */
let round: i32 = 1;
let waiting = false;
let buf = new StaticArray<i32>(0);

/**
 * Called on every iteration of the final annealing with the share of it done (frac) and the share
 * between exchanges (every, 0 = never): exchanges happen at every, 2·every, … below 1. True when
 * the current solution was replaced (the caller reads its cost again).
 */
export function exchangeBest(frac: f64, every: f64, iteration: i32): bool {
  if (every <= 0) return false;
  if (!waiting) {
    const at = <f64>round * every;
    if (frac < at || at >= 1.0) return false;
    if (buf.length == 0) buf = new StaticArray<i32>(packedBestLength());
    packBest(buf);
    publishBest(round, bestCost, changetype<usize>(buf), buf.length);
    waiting = true;
  } else if ((iteration & 63) != 0) return false; // then every 64 iterations until all have published
  const answer = adoptBest(round, changetype<usize>(buf), buf.length);
  if (answer < 0) return false;
  waiting = false;
  round++;
  if (answer == 0) return false;
  unpackBest(buf);
  return true;
}
