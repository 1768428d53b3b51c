/**
 * 2-opt* (Potvin & Rousseau 1995), granular: two routes exchange their tails, so that task u is
 * followed by its near neighbour v from another route. The cost change is O(1) from the arcs; the
 * time check is O(1) from the cached latest starts (`feasibleFrom`), which is only valid between
 * identical vehicles (same shift, end, speed, capacity), so other pairs are skipped. Load and
 * route limits are checked on the result and the exchange undone if they fail. Off with
 * shipments (a tail could separate a pickup from its delivery) and on vans with breaks.
 */
import { endNode, startNode, vehFixed } from './instance';
import { adj, adjStart } from './init';
import { feasibleFrom, nextReal } from './insert';
import { eDep, effLoc, fixedScale, nxt, prv, recompute, rFeasible, routeOf } from './routes';
import { touch } from './state';
import { arcCost, locOf } from './travel';
import { vehType } from './fleet';
import { lsNeighboursEnd, withinLimits } from './relocate';

/**
 * Links the tail `first … last` of another route after `a`, ending at `e`, the end of a's route r
 * (a straight to `e` when that tail is empty: `first` is its route's end, `oldEnd`).
 */
// @inline
function graftTail(a: i32, first: i32, last: i32, oldEnd: i32, e: i32, r: i32): void {
  if (first == oldEnd) {
    nxt[a] = e;
    prv[e] = a;
    return;
  }
  nxt[a] = first;
  prv[first] = a;
  nxt[last] = e;
  prv[e] = last;
  for (let x = first; x != e; x = unchecked(nxt[x])) routeOf[x] = r;
}

/** Exchanges the tails after a (route r1) and after b (route r2). Its own inverse. */
function swapTails(a: i32, b: i32, r1: i32, r2: i32): void {
  const e1 = endNode(r1);
  const e2 = endNode(r2);
  const a2 = unchecked(nxt[a]);
  const b2 = unchecked(nxt[b]);
  const last1 = unchecked(prv[e1]);
  const last2 = unchecked(prv[e2]);
  graftTail(a, b2, last2, e2, e1, r1);
  graftTail(b, a2, last1, e1, e2, r2);
}

let enabled = true;
export function setTwoOptStar(on: bool): void {
  enabled = on;
}

/** Tries to make u's successor one of u's neighbours in another route; applies the best gain. */
export function twoOptStar(u: i32): bool {
  if (!enabled) return false;
  const r1 = unchecked(routeOf[u]);
  if (r1 < 0) return false;
  const ty = unchecked(vehType[r1]);
  const a2 = unchecked(nxt[u]);
  const la = unchecked(effLoc[u]);
  const la2 = locOf(nextReal(a2));
  const old1 = arcCost(r1, la, la2);
  let best: f64 = -1e-9;
  let bestV = -1;
  const a0 = adjStart[u];
  const a1 = lsNeighboursEnd(u);
  for (let i = a0; i < a1; i++) {
    const v = unchecked(adj[i]);
    const r2 = unchecked(routeOf[v]);
    if (r2 < 0 || r2 == r1 || unchecked(vehType[r2]) != ty) continue;
    const b = unchecked(prv[v]);
    const lb = unchecked(effLoc[b]);
    const lv = locOf(v);
    let delta = arcCost(r1, la, lv) + arcCost(r2, lb, la2) - old1 - arcCost(r2, lb, lv);
    // r2 left empty: its fixed cost is saved.
    if (b == startNode(r2) && a2 == endNode(r1)) delta -= vehFixed(r2) * fixedScale;
    if (delta >= best * (1 + 1e-9)) continue;
    if (!feasibleFrom(r1, v, unchecked(eDep[u]), la)) continue;
    if (!feasibleFrom(r2, a2, unchecked(eDep[b]), lb)) continue;
    best = delta;
    bestV = v;
  }
  if (bestV < 0) return false;
  const r2 = unchecked(routeOf[bestV]);
  const b = unchecked(prv[bestV]);
  touch(r1);
  touch(r2);
  swapTails(u, b, r1, r2);
  recompute(r1);
  recompute(r2);
  if (rFeasible[r1] && rFeasible[r2] && withinLimits(r1) && withinLimits(r2)) return true;
  swapTails(u, b, r1, r2);
  recompute(r1);
  recompute(r2);
  return false;
}
