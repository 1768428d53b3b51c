/**
 * Floors under a shipment's insertion cost on metric arc costs (no negative detour): what lets
 * `evalPair` and the recreate's pair scan skip pickup places, delivery walks and whole routes
 * that cannot beat the best position found (README, "A shipment's positions cost O(route²)").
 */
import { endNode, pairOf, startNode, vehFixed } from "./instance";
import { arcIn, effLoc, fixedScale, nxt, rJobs } from "./routes";
import { arcCost, arcCostInto, locOf } from "./travel";

export let pairFloorOn = false;
/**
 * Whether the floors may prune: metric costs, no breaks or reloads (places that move) and no
 * balanced workloads (their term is not a travel cost). Set once per solve (runSearch).
 */
export function setPairFloor(on: bool): void { pairFloorOn = on; }

/**
 * The cheapest detour of delivery q over route v's arcs, computed once per route and pair: on
 * metric costs a floor under the delivery's share of every position evalPair walks (0 when it
 * cannot be relied on). With it most pickup positions of a long route skip the walk.
 */
export function deliveryFloor(q: i32, v: i32): f64 {
  if (!pairFloorOn) return 0.0;
  const lq = locOf(q);
  let m: f64 = Infinity;
  const e = endNode(v);
  for (let x = startNode(v); x != e; x = unchecked(nxt[x])) {
    const r = unchecked(nxt[x]);
    const c = arcCostInto(v, unchecked(effLoc[x]), lq) + arcCost(v, lq, locOf(r)) - unchecked(arcIn[r]);
    if (c < m) m = c;
  }
  return m > 0 ? m : 0.0;
}

/**
 * A floor under every position of pair p in route v (metric costs, with `setPairFloor` on): the
 * delivery right after the pickup at its true price, the others at the pickup's detour plus the
 * delivery's floor `dFloor`; a route to open adds its fixed cost. 0 with the floor off.
 */
export function pairRouteFloor(p: i32, v: i32, dFloor: f64): f64 {
  if (!pairFloorOn) return 0.0;
  const lp = locOf(p);
  const lq = locOf(pairOf(p));
  const cPQ = arcCost(v, lp, lq);
  let m: f64 = Infinity;
  const e = endNode(v);
  for (let u = startNode(v); u != e; u = unchecked(nxt[u])) {
    const r = unchecked(nxt[u]);
    const lr = locOf(r);
    const cPR = arcCost(v, lp, lr);
    const pickup = arcCostInto(v, unchecked(effLoc[u]), lp) + cPR - unchecked(arcIn[r]);
    const rightAfter = pickup + cPQ + arcCost(v, lq, lr) - cPR;
    const c = rightAfter < pickup + dFloor ? rightAfter : pickup + dFloor;
    if (c < m) m = c;
  }
  return m + (unchecked(rJobs[v]) == 0 ? vehFixed(v) * fixedScale : 0.0);
}

/** Above `bound` by more than rounding (the floors are summed in another order than the costs). */
@inline export function beyond(c: f64, bound: f64): bool { return c > bound + 1e-9 * Math.abs(bound); }
