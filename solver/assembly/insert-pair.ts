/**
 * Insertion evaluation of a shipment: its pickup after a node, its delivery at the best place
 * later in the same route (insert.ts evaluates single tasks, with the same O(1) checks).
 */
import { UNREACHABLE } from '../src/abi';
import {
  D,
  earliestStart,
  isEnd,
  nTasks,
  pairOf,
  serviceOf,
  setupOf,
  taskDelta,
  capOf,
  vehFixed,
  vehMaxDist,
  vehMaxStops,
  vehMaxTravel,
  vehPerM,
  vehPerSec,
} from './instance';
import { dur, durInto, locOf, metricCost, symmetric, vdist, vdistInto } from './travel';
import { distIn, durIn, eDep, effLoc, fixedScale, lStart, loadAfter, nxt, prv, rDist, rJobs, rTravel } from './routes';
import { isReload } from './instance';
import { beyond, deliveryFloorFrom } from './pair-floor';
import { anyReload, balanceK, passive } from './rules';
import { balanceDelta } from './insert-duration';
import {
  failCap,
  failStops,
  failTravel,
  failTw,
  failUnreach,
  feasibleFrom,
  INF,
  loadFitsAlone,
  nextReal,
} from './insert';

/**
 * Shipment p (its delivery right after it) inserted after a passive reload u: the van goes back
 * to the start after its last stop, reloads, and serves the pair as a trip of its own. Timed as
 * `recompute` times an active reload; priced without the driving and work limits, as evalPair
 * is (insertBest confirms them). Only the first passive reload of the tail is a position.
 */
function evalPairAfterPassiveReload(p: i32, u: i32, v: i32): f64 {
  const pu = unchecked(prv[u]);
  if (isReload(pu) && unchecked(passive[pu])) return INF;
  if (!loadFitsAlone(v, p)) {
    failCap++;
    return INF;
  }
  const q = pairOf(p);
  const lu = unchecked(effLoc[u]);
  const depot = locOf(u);
  const lp = locOf(p);
  const lq = locOf(q);
  const w = unchecked(nxt[u]);
  const lr = locOf(nextReal(w));
  const tUD = dur(v, lu, depot);
  const tDP = dur(v, depot, lp);
  const tPQ = dur(v, lp, lq);
  const tQR = dur(v, lq, lr);
  if (tUD >= UNREACHABLE || tDP >= UNREACHABLE || tPQ >= UNREACHABLE || tQR >= UNREACHABLE) {
    failUnreach++;
    return INF;
  }
  const stD = earliestStart(u, unchecked(eDep[pu]) + tUD);
  if (stD < 0) {
    failTw++;
    return INF;
  }
  const stP = earliestStart(p, stD + (lu != depot ? setupOf(u) : 0.0) + serviceOf(u) + tDP);
  if (stP < 0) {
    failTw++;
    return INF;
  }
  const depP = stP + (depot != lp ? setupOf(p) : 0.0) + serviceOf(p);
  const stQ = earliestStart(q, depP + tPQ);
  if (stQ < 0) {
    failTw++;
    return INF;
  }
  const depQ = stQ + (lp != lq ? setupOf(q) : 0.0) + serviceOf(q);
  if (!feasibleFrom(v, w, depQ, lq)) {
    failTw++;
    return INF;
  }
  const dT = tUD + tDP + tPQ + tQR - dur(v, lu, lr);
  const dD = vdist(v, lu, depot) + vdist(v, depot, lp) + vdist(v, lp, lq) + vdist(v, lq, lr) - vdist(v, lu, lr);
  if (unchecked(rTravel[v]) + dT > vehMaxTravel(v) || unchecked(rDist[v]) + dD > vehMaxDist(v)) {
    failTravel++;
    return INF;
  }
  let c = vehPerSec(v) * dT + vehPerM(v) * dD;
  if (unchecked(rJobs[v]) == 0) c += vehFixed(v) * fixedScale;
  if (balanceK > 0) c += balanceDelta(v, depQ - unchecked(eDep[pu]) + tQR - dur(v, lu, lr));
  pairDeliveryAfter = p;
  return c;
}

// Result of the last evalPair: where the delivery goes.
export let pairDeliveryAfter: i32 = -1;

/**
 * Best insertion of shipment pickup `p` after node `u1` of route `v`, with its delivery anywhere
 * later in the route. O(route length): the delivery positions are scanned while the pickup's
 * delay is propagated forward. Sets `pairDeliveryAfter` (== p for "right after the pickup").
 * On metric costs a pickup place whose detour alone cannot beat `bound` returns INF, and with the
 * route's `floor` (deliveryFloor) the walk is skipped when no later place can; with `suffix` (the
 * route's floors per stop just computed by pairRouteFloor) it stops at the first stop from which
 * none can.
 */
export function evalPair(p: i32, u1: i32, v: i32, bound: f64 = INF, floor: f64 = 0.0, suffix: bool = false): f64 {
  const q = pairOf(p);
  const maxStops = vehMaxStops(v);
  if (maxStops >= 0 && unchecked(rJobs[v]) + 2 > maxStops) {
    failStops++;
    return INF;
  }
  if (anyReload && isReload(u1) && unchecked(passive[u1])) return evalPairAfterPassiveReload(p, u1, v);
  // The pickup's amount rides from p to q: load after u1 plus amount must fit.
  for (let d = 0; d < D; d++) {
    if (unchecked(loadAfter[u1 * D + d]) + unchecked(taskDelta[p * D + d]) > capOf(v, d)) {
      failCap++;
      return INF;
    }
  }
  const w1 = unchecked(nxt[u1]);
  const lu = unchecked(effLoc[u1]);
  const lp = locOf(p);
  const lq = locOf(q);
  const tUP = durInto(v, lu, lp);
  if (tUP >= UNREACHABLE) {
    failUnreach++;
    return INF;
  }
  const stP = earliestStart(p, unchecked(eDep[u1]) + tUP);
  if (stP < 0) {
    failTw++;
    return INF;
  }
  const depP = stP + (lu != lp ? setupOf(p) : 0.0) + serviceOf(p);
  const perSec = vehPerSec(v);
  const perM = vehPerM(v);
  const fixed = unchecked(rJobs[v]) == 0 ? vehFixed(v) * fixedScale : 0.0;
  const busyPQ = setupOf(p) + serviceOf(p) + setupOf(q) + serviceOf(q);
  let best = INF;
  pairDeliveryAfter = -1;
  // Arcs along the route come from its caches (durIn, distIn: the arc into r1 from u1's place);
  // arcs into p and q from their own rows (durInto, vdistInto).
  const r1 = nextReal(w1);
  const lr1 = locOf(r1);
  const tUR1 = unchecked(durIn[r1]);
  const dUR1 = unchecked(distIn[r1]);
  const dUP = vdistInto(v, lu, lp);
  const dT1 = tUP + dur(v, lp, lr1) - tUR1;
  const dD1 = dUP + vdist(v, lp, lr1) - dUR1;
  // On metric costs the delivery's detour is never negative: the pickup's alone bounds every
  // position after u1, and most of a long route's pickup positions cannot beat `bound` at all.
  const pickupOnly = perSec * dT1 + perM * dD1 + fixed;
  if (metricCost && balanceK <= 0 && beyond(pickupOnly, bound)) return INF;
  // Delivery right after the pickup.
  {
    const tPQ = dur(v, lp, lq);
    const tQR = dur(v, lq, lr1);
    if (tPQ < UNREACHABLE && tQR < UNREACHABLE) {
      const stQ = earliestStart(q, depP + tPQ);
      if (stQ >= 0) {
        const depQ = stQ + (lp != lq ? setupOf(q) : 0.0) + serviceOf(q);
        if (feasibleFrom(v, w1, depQ, lq)) {
          const dT = tUP + tPQ + tQR - tUR1;
          const dD = dUP + vdist(v, lp, lq) + vdist(v, lq, lr1) - dUR1;
          if (rTravel[v] + dT <= vehMaxTravel(v) && rDist[v] + dD <= vehMaxDist(v)) {
            best = perSec * dT + perM * dD + fixed;
            if (balanceK > 0) best += balanceDelta(v, dT + busyPQ);
            pairDeliveryAfter = p;
          } else failTravel++;
        } else failTw++;
      } else failTw++;
    }
  }
  if (floor > 0 && beyond(pickupOnly + floor, best < bound ? best : bound)) return best;
  // Delivery after a later node x: propagate the pickup's delay through x first.
  let time = depP;
  let loc = lp;
  let x = w1;
  // x's place is its own (or, for a passive x, the last one's) once the walk has passed a located node.
  let onRoute = false;
  // With symmetric matrices the arc x→q is the arc q→x, read as q→(next place) one step before.
  let lastL: i32 = -1;
  let lastT: f64 = 0;
  let lastD: f64 = 0;
  while (!isEnd(x)) {
    if (anyReload && isReload(x)) break; // a shipment stays within one trip
    if (suffix && beyond(pickupOnly + deliveryFloorFrom(x), best < bound ? best : bound)) break;
    let arr = time;
    let lx = loc;
    const pas = x < nTasks && unchecked(passive[x]);
    if (!pas) {
      lx = locOf(x);
      arr = time + (onRoute ? unchecked(durIn[x]) : dur(v, loc, lx));
      onRoute = true;
    }
    if (arr > unchecked(lStart[x])) break; // later deliveries only delay x further
    let okLoad = true;
    for (let d = 0; d < D; d++) {
      if (unchecked(loadAfter[x * D + d]) + unchecked(taskDelta[p * D + d]) > capOf(v, d)) {
        okLoad = false;
        break;
      }
    }
    if (!okLoad) {
      failCap++;
      break;
    }
    const st = earliestStart(x, arr);
    if (st < 0) break;
    time = st + (pas ? 0.0 : loc != lx ? setupOf(x) : 0.0) + serviceOf(x);
    loc = lx;
    const w2 = unchecked(nxt[x]);
    const r2 = nextReal(w2);
    const lr = locOf(r2);
    const reuse = symmetric && loc == lastL;
    const tXQ = reuse ? lastT : durInto(v, loc, lq);
    const tQR = dur(v, lq, lr);
    lastL = -1;
    if (tXQ < UNREACHABLE && tQR < UNREACHABLE) {
      // Priced first: only a place that would beat the best so far is checked for the windows
      // after it (the same answer; the fail counts only matter when no place fits, best = INF).
      const dXQ = reuse ? lastD : vdistInto(v, loc, lq);
      const dQR = vdist(v, lq, lr);
      lastL = lr;
      lastT = tQR;
      lastD = dQR;
      const dT = dT1 + tXQ + tQR - (onRoute ? unchecked(durIn[r2]) : dur(v, loc, lr));
      const dD = dD1 + dXQ + dQR - (onRoute ? unchecked(distIn[r2]) : vdist(v, loc, lr));
      let c = perSec * dT + perM * dD + fixed;
      if (balanceK > 0) c += balanceDelta(v, dT + busyPQ);
      if (c < best) {
        const stQ = earliestStart(q, time + tXQ);
        if (stQ >= 0) {
          const depQ = stQ + (loc != lq ? setupOf(q) : 0.0) + serviceOf(q);
          if (feasibleFrom(v, w2, depQ, lq)) {
            if (rTravel[v] + dT <= vehMaxTravel(v) && rDist[v] + dD <= vehMaxDist(v)) {
              best = c;
              pairDeliveryAfter = x;
            } else failTravel++;
          } else failTw++;
        } else failTw++;
      }
    }
    x = w2;
  }
  return best;
}
