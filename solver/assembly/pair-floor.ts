/**
 * Floors under a shipment's insertion cost on metric arc costs (no negative detour): what lets
 * `evalPair` and the recreate's pair scan skip pickup places, delivery walks and whole routes
 * that cannot beat the best position found (README, "A shipment's positions cost O(route²)").
 */
import { endNode, nNodes, pairOf, startNode, vehFixed } from './instance';
import { arcIn, effLoc, fixedScale, nxt, prv, rJobs } from './routes';
import { arcCost, arcCostInto, locOf, symmetric } from './travel';

export let pairFloorOn = false;
/**
 * Whether the floors may prune: metric costs, no breaks or reloads (places that move) and no
 * balanced workloads (their term is not a travel cost). Set once per solve (runSearch).
 */
export function setPairFloor(on: bool): void {
  pairFloorOn = on;
}

/** The delivery floor found by the last `pairRouteFloor` (0 with the floor off). */
export let deliveryFloor: f64 = 0;

/**
 * Per node u of the routes `pairRouteFloor` last priced for its pair: the cheapest detour of the
 * delivery over the arcs from u to the route's end. evalPair's delivery walk stops at the first
 * node from which no later place can beat its best (`deliveryFloorFrom`).
 */
let suffixFloor = new StaticArray<f64>(0);

export function allocPairFloor(): void {
  suffixFloor = new StaticArray<f64>(nNodes);
}

/** The delivery's floor over the arcs from node u on, as the last `pairRouteFloor` of u's route found. */
// @inline
export function deliveryFloorFrom(u: i32): f64 {
  return unchecked(suffixFloor[u]);
}

/**
 * A floor under every position of pair p in route v (metric costs, with `setPairFloor` on): the
 * delivery right after the pickup at its true price, the others at the pickup's detour plus the
 * cheapest detour of the delivery over the route's arcs (left in `deliveryFloor`, which with
 * metric costs bounds the delivery's share of every place evalPair walks: with it most pickup
 * places of a long route skip the walk); a route to open adds its fixed cost. 0 with the floor
 * off. One pass: min over arcs of min(rightAfter, pickup + floor) is min(min rightAfter,
 * min pickup + floor), exactly so in floating point too (adding a constant keeps the order).
 */
export function pairRouteFloor(p: i32, v: i32): f64 {
  deliveryFloor = 0.0;
  if (!pairFloorOn) return 0.0;
  const lp = locOf(p);
  const lq = locOf(pairOf(p));
  const cPQ = arcCost(v, lp, lq);
  let minPickup: f64 = Infinity;
  let minRightAfter: f64 = Infinity;
  const e = endNode(v);
  // With symmetric costs the arcs into p and q from a stop are the arcs out of them to it, which
  // the step before priced (the floors hold no moving places: every stop is where it is).
  let lastLoc: i32 = -1;
  let cQLast: f64 = 0;
  let cPLast: f64 = 0;
  for (let u = startNode(v); u != e; u = unchecked(nxt[u])) {
    const r = unchecked(nxt[u]);
    const lr = locOf(r);
    const lu = unchecked(effLoc[u]);
    const into = unchecked(arcIn[r]);
    const reuse = symmetric && lu == lastLoc;
    const cUQ = reuse ? cQLast : arcCostInto(v, lu, lq);
    const cUP = reuse ? cPLast : arcCostInto(v, lu, lp);
    const cQR = arcCost(v, lq, lr);
    const cPR = arcCost(v, lp, lr);
    unchecked((suffixFloor[u] = cUQ + cQR - into));
    const pickup = cUP + cPR - into;
    if (pickup < minPickup) minPickup = pickup;
    const rightAfter = pickup + cPQ + cQR - cPR;
    if (rightAfter < minRightAfter) minRightAfter = rightAfter;
    lastLoc = lr;
    cQLast = cQR;
    cPLast = cPR;
  }
  // From the end back: each stop's floor becomes the least over its arc and every later one.
  let minQ: f64 = Infinity;
  const s = startNode(v);
  for (let u = unchecked(prv[e]); ; u = unchecked(prv[u])) {
    const d = unchecked(suffixFloor[u]);
    if (d < minQ) minQ = d;
    unchecked((suffixFloor[u] = minQ));
    if (u == s) break;
  }
  deliveryFloor = minQ > 0 ? minQ : 0.0;
  const viaFloor = minPickup + deliveryFloor;
  const m = minRightAfter < viaFloor ? minRightAfter : viaFloor;
  return m + (unchecked(rJobs[v]) == 0 ? vehFixed(v) * fixedScale : 0.0);
}

/** Above `bound` by more than rounding (the floors are summed in another order than the costs). */
// @inline
export function beyond(c: f64, bound: f64): bool {
  return c > bound + 1e-9 * Math.abs(bound);
}
