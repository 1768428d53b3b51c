/**
 * Pair relocate (inter-route), granular: a shipment — its pickup and its delivery together — moves
 * to another route near its pickup when that lowers the cost: the pickup after one of its nearest
 * neighbours (or before it), the delivery at its best place after the pickup (`evalPair`, O(route
 * length)). The pickup and delivery form of relocate (Li & Lim 2001's "PD-shift"; Ropke &
 * Pisinger 2006 remove and insert requests whole): the single-task operators leave shipments be,
 * since moving one half alone would split the pair.
 */
import { KIND_PICKUP } from '../src/abi';
import { kindOf, pairOf, taskSkill } from './instance';
import { INF, nextReal } from './insert';
import { bestNear, moveTask, nearQ, nearR, nearU, removalGain, toBeat } from './relocate';
import { effLoc, nxt, prv, routeOf } from './routes';
import { arcCost, locOf } from './travel';

/** Moves the shipment whose pickup is `p` to its best place in a neighbouring route if cheaper. */
export function pairRelocate(p: i32): bool {
  if (kindOf(p) != KIND_PICKUP) return false;
  const r = unchecked(routeOf[p]);
  const q = pairOf(p);
  if (r < 0 || unchecked(routeOf[q]) != r) return false;
  let gain: f64;
  if (unchecked(prv[q]) == p) {
    // Side by side: the route goes from the pickup's predecessor straight to after the delivery.
    const la = unchecked(effLoc[unchecked(prv[p])]);
    const lp = locOf(p);
    const lq = locOf(q);
    const ln = locOf(nextReal(unchecked(nxt[q])));
    gain = arcCost(r, la, lp) + arcCost(r, lp, lq) + arcCost(r, lq, ln) - arcCost(r, la, ln);
  } else {
    gain = removalGain(r, p) + removalGain(r, q);
  }
  const best = toBeat(r, gain, 2);
  if (best <= 0) return false;
  const c = bestNear(p, true, r, -1, unchecked(taskSkill[p]) | unchecked(taskSkill[q]), best);
  if (nearR < 0 || c >= INF) return false;
  return moveTask(p, r, nearR, nearU, nearQ);
}
