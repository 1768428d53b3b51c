/**
 * Pair relocate (inter-route), granular: a shipment — its pickup and its delivery together — moves
 * to another route near its pickup when that lowers the cost: the pickup after one of its nearest
 * neighbours (or before it), the delivery at its best place after the pickup (`evalPair`, O(route
 * length)). The pickup and delivery form of relocate (Li & Lim 2001's "PD-shift"; Ropke &
 * Pisinger 2006 remove and insert requests whole): the single-task operators leave shipments be,
 * since moving one half alone would split the pair.
 */
import { KIND_PICKUP, kindOf, pairOf, taskSkill, vehFixed, vehSkill } from './instance';
import { adj, adjStart } from './init';
import { INF, nextReal } from './insert';
import { evalPair, pairDeliveryAfter } from './insert-pair';
import { lsNeighboursEnd } from './relocate';
import { effLoc, fixedScale, linkAfter, nxt, prv, recompute, rFeasible, rJobs, routeOf, unlink } from './routes';
import { touch } from './state';
import { arcCost, locOf } from './travel';

/** What leaving out node `t` (between its predecessor and the next real node) saves on route `r`. */
// @inline
function removalGain(r: i32, t: i32): f64 {
  const lp = unchecked(effLoc[unchecked(prv[t])]);
  const lt = locOf(t);
  const ln = locOf(nextReal(unchecked(nxt[t])));
  return arcCost(r, lp, lt) + arcCost(r, lt, ln) - arcCost(r, lp, ln);
}

/** Puts pickup `p` after `u` and its delivery `q` after `qAfter` (== p: right after the pickup). */
// @inline
function place(p: i32, q: i32, u: i32, qAfter: i32): void {
  linkAfter(p, u);
  linkAfter(q, qAfter);
}

/** Moves the shipment whose pickup is `p` to its best place in a neighbouring route if cheaper. */
export function pairRelocate(p: i32): bool {
  if (kindOf(p) != KIND_PICKUP) return false;
  const r = unchecked(routeOf[p]);
  const q = pairOf(p);
  if (r < 0 || unchecked(routeOf[q]) != r) return false;
  const pp = unchecked(prv[p]);
  const pq = unchecked(prv[q]);
  let gain: f64;
  if (pq == p) {
    // Side by side: the route goes from the pickup's predecessor straight to after the delivery.
    const la = unchecked(effLoc[pp]);
    const lp = locOf(p);
    const lq = locOf(q);
    const ln = locOf(nextReal(unchecked(nxt[q])));
    gain = arcCost(r, la, lp) + arcCost(r, lp, lq) + arcCost(r, lq, ln) - arcCost(r, la, ln);
  } else {
    gain = removalGain(r, p) + removalGain(r, q);
  }
  if (unchecked(rJobs[r]) == 2) gain += vehFixed(r) * fixedScale;
  let best = gain - 1e-9 * Math.abs(gain) - 1e-12;
  if (best <= 0) return false;
  let bestU = -1;
  let bestQ = -1;
  let bestR = -1;
  const skills = unchecked(taskSkill[p]) | unchecked(taskSkill[q]);
  const a0 = adjStart[p];
  const a1 = lsNeighboursEnd(p);
  for (let i = a0; i < a1; i++) {
    const b = unchecked(adj[i]);
    const r2 = unchecked(routeOf[b]);
    if (r2 < 0 || r2 == r) continue;
    if ((skills & ~unchecked(vehSkill[r2])) != 0) continue;
    const u1 = unchecked(prv[b]);
    let c = evalPair(p, u1, r2);
    if (c < best) {
      best = c;
      bestU = u1;
      bestQ = pairDeliveryAfter;
      bestR = r2;
    }
    c = evalPair(p, b, r2);
    if (c < best) {
      best = c;
      bestU = b;
      bestQ = pairDeliveryAfter;
      bestR = r2;
    }
  }
  if (bestR < 0 || best >= INF) return false;
  touch(r);
  touch(bestR);
  unlink(q);
  unlink(p);
  recompute(r);
  const back = pq == p ? p : pq;
  if (!unchecked(rFeasible[r])) {
    place(p, q, pp, back);
    recompute(r);
    return false;
  }
  place(p, q, bestU, bestQ);
  recompute(bestR);
  // Rules that only `recompute` sees (driving limits, reloads…) may still refuse the insertion.
  if (!unchecked(rFeasible[bestR])) {
    unlink(q);
    unlink(p);
    recompute(bestR);
    place(p, q, pp, back);
    recompute(r);
    return false;
  }
  return true;
}
