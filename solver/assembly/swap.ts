/**
 * Swap (inter-route exchange, Osman 1993), granular: job t trades places with a job of another
 * route that is one of t's nearest neighbours or next to one (so t lands beside its neighbour).
 * Each side is priced in O(1) from the arcs and checked in O(1) from the cached arrays: the
 * departure from the incoming job is compared with the latest start of the node after it
 * (`feasibleFrom`), and loads with the prefix/suffix maxima shifted by the exchanged amounts.
 * The two routes are then recomputed and the exchange undone unless both stay feasible (rules
 * that only `recompute` checks included) and the cost really dropped.
 */
import { KIND_JOB } from '../src/abi';
import { D, capOf, earliestStart, kindOf, nTasks, serviceOf, setupOf, taskDelta, taskStartLoad } from './instance';
import { adj, adjStart } from './init';
import { feasibleFrom, nextReal } from './insert';
import {
  eDep,
  effLoc,
  linkAfter,
  loadAfter,
  nxt,
  pMax,
  prv,
  recompute,
  rFeasible,
  routeOf,
  sMax,
  unlink,
} from './routes';
import { canServe, gained, lsCost, lsNeighboursEnd, withinLimits } from './relocate';
import { touch } from './state';
import { arcCost, dur, locOf } from './travel';

/** Cost change of putting job `b` in place of job `a` (route r, a's neighbours unchanged). */
// @inline
function replaceDelta(r: i32, a: i32, b: i32): f64 {
  const lp = unchecked(effLoc[unchecked(prv[a])]);
  const ln = locOf(nextReal(unchecked(nxt[a])));
  const la = locOf(a);
  const lb = locOf(b);
  return arcCost(r, lp, lb) + arcCost(r, lb, ln) - arcCost(r, lp, la) - arcCost(r, la, ln);
}

/** Whether route r stays feasible (windows, loads) with job `b` in place of job `a`. */
export function replaceFits(r: i32, a: i32, b: i32): bool {
  const p = unchecked(prv[a]);
  const n = unchecked(nxt[a]);
  for (let d = 0; d < D; d++) {
    const dS = unchecked(taskStartLoad[b * D + d]) - unchecked(taskStartLoad[a * D + d]);
    const dA = dS + unchecked(taskDelta[b * D + d]) - unchecked(taskDelta[a * D + d]);
    const cap = capOf(r, d);
    if (unchecked(pMax[p * D + d]) + dS > cap) return false;
    if (unchecked(loadAfter[p * D + d]) + dS + unchecked(taskDelta[b * D + d]) > cap) return false;
    if (unchecked(sMax[n * D + d]) + dA > cap) return false;
  }
  const lp = unchecked(effLoc[p]);
  const lb = locOf(b);
  const st = earliestStart(b, unchecked(eDep[p]) + dur(r, lp, lb));
  if (st < 0) return false;
  return feasibleFrom(r, n, st + (lp != lb ? setupOf(b) : 0.0) + serviceOf(b), lb);
}

/** Exchanges jobs a (after pa) and b (after pb) between their routes. */
function exchange(a: i32, b: i32, pa: i32, pb: i32): void {
  unlink(a);
  unlink(b);
  linkAfter(b, pa);
  linkAfter(a, pb);
}

/** Swaps job t with the best job near it in another route, if that lowers the cost. */
export function swap(t: i32): bool {
  if (kindOf(t) != KIND_JOB) return false;
  const r1 = unchecked(routeOf[t]);
  if (r1 < 0) return false;
  let best: f64 = -1e-9;
  let bestB = -1;
  const a0 = adjStart[t];
  const a1 = lsNeighboursEnd(t);
  for (let i = a0; i < a1; i++) {
    const c = unchecked(adj[i]);
    const r2 = unchecked(routeOf[c]);
    if (r2 < 0 || r2 == r1 || !canServe(r2, t)) continue;
    // t takes the place of c, or of the job before or after c (t then sits next to c).
    for (let k = 0; k < 3; k++) {
      const b = k == 0 ? c : k == 1 ? unchecked(prv[c]) : unchecked(nxt[c]);
      if (b >= nTasks || kindOf(b) != KIND_JOB || !canServe(r1, b)) continue;
      const delta = replaceDelta(r1, t, b) + replaceDelta(r2, b, t);
      if (delta >= best * (1 + 1e-9)) continue;
      if (!replaceFits(r1, t, b) || !replaceFits(r2, b, t)) continue;
      best = delta;
      bestB = b;
    }
  }
  if (bestB < 0) return false;
  const r2 = unchecked(routeOf[bestB]);
  const pa = unchecked(prv[t]);
  const pb = unchecked(prv[bestB]);
  const before = lsCost();
  touch(r1);
  touch(r2);
  exchange(t, bestB, pa, pb);
  recompute(r1);
  recompute(r2);
  if (rFeasible[r1] && rFeasible[r2] && withinLimits(r1) && withinLimits(r2) && gained(before)) return true;
  exchange(bestB, t, pa, pb);
  recompute(r1);
  recompute(r2);
  return false;
}
