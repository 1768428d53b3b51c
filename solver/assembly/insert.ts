/**
 * Insertion evaluation. A task inserted after node u (before w = nxt[u]) is checked in O(1) for
 * the common case: the arrival at w is compared with w's cached latest start. Only when the
 * insertion changes a later node's setup (same-location stops) or slides a break to another
 * location does `feasibleFrom` walk forward, and it stops at the first node it can check in O(1).
 */
import {
  D,
  earliestStart,
  isEnd,
  KIND_BREAK,
  kindOf,
  nTasks,
  pairOf,
  serviceOf,
  setupOf,
  taskDelta,
  taskStartLoad,
  capOf,
  vehFixed,
  vehMaxDist,
  vehMaxStops,
  vehMaxTravel,
  vehPerM,
  vehPerSec,
  UNREACHABLE,
} from './instance';
import { arcCost, arcCostInto, dur, durInto, locOf, metricCost, vdist, vdistInto } from './travel';
import {
  arcIn,
  distIn,
  durIn,
  eDep,
  effLoc,
  fixedScale,
  lStart,
  loadAfter,
  nxt,
  pMax,
  posOf,
  prv,
  rDist,
  rJobs,
  rTravel,
  sMax,
  setupPaidAt,
} from './routes';
import { isReload, endNode, KIND_JOB, startNode } from './instance';
import { beyond } from './pair-floor';
import {
  anyReload,
  balanceK,
  drvB,
  drvF,
  hasGroups,
  nextBrk,
  passive,
  ruleDriving,
  vehGroupCount,
  workFits,
} from './rules';
import { balanceDelta, durationGrowth, durationWith, workAllows } from './insert-duration';

export const INF: f64 = Infinity;

// Failure counters, read by the unassigned-reason scan (reason codes in index.ts).
export let failCap: i32 = 0;
export let failTw: i32 = 0;
export let failTravel: i32 = 0;
export let failDist: i32 = 0;
export let failStops: i32 = 0;
export let failUnreach: i32 = 0;
export let failDriving: i32 = 0;
/**
 * Set while the candidate vehicles are listed (a task alone in an empty route): the driving limit
 * is not checked then, since a leg too long for an empty route may be fine after other stops.
 */
let aloneCheck = false;
export function setAloneCheck(b: bool): void {
  aloneCheck = b;
}
export let failWork: i32 = 0;
export function resetFails(): void {
  failCap = 0;
  failTw = 0;
  failTravel = 0;
  failDist = 0;
  failStops = 0;
  failUnreach = 0;
  failDriving = 0;
  failWork = 0;
}

/**
 * Whether the route stays feasible when the node before `x` now departs at `dep` from location
 * `loc` (instead of its cached values).
 */
export function feasibleFrom(v: i32, x: i32, dep: f64, loc: i32): bool {
  let time = dep;
  let l = loc;
  while (true) {
    if (x < nTasks && unchecked(passive[x])) {
      if (l == unchecked(effLoc[x])) return time <= unchecked(lStart[x]);
      const st = earliestStart(x, time);
      if (st < 0) return false;
      time = st + serviceOf(x);
      x = unchecked(nxt[x]);
      continue;
    }
    const lx = locOf(x);
    const arr = time + dur(v, l, lx);
    if (isEnd(x)) return arr <= unchecked(lStart[x]);
    const newSetup = setupPaidAt(x, l);
    const oldSetup = setupPaidAt(x, unchecked(effLoc[unchecked(prv[x])]));
    if (newSetup == oldSetup) return arr <= unchecked(lStart[x]);
    const st = earliestStart(x, arr);
    if (st < 0) return false;
    time = st + newSetup + serviceOf(x);
    l = lx;
    x = unchecked(nxt[x]);
  }
}

/** First node at or after `w` that has a location (skips breaks and passive reloads). */
// @inline
export function nextReal(w: i32): i32 {
  while (w < nTasks && unchecked(passive[w])) w = unchecked(nxt[w]);
  return w;
}

/** Where the van is after the last visitStop (module state: AssemblyScript has no tuples). */
export let visitLoc: i32 = 0;

/**
 * Departure from plain stop x (a job or a shipment stop) reached from `loc`, leaving it at `time`,
 * timed as `recompute` times it; -1 when its windows are missed. Sets visitLoc.
 */
// @inline
export function visitStop(v: i32, x: i32, time: f64, loc: i32): f64 {
  const lx = locOf(x);
  const st = earliestStart(x, time + dur(v, loc, lx));
  if (st < 0) return -1.0;
  visitLoc = lx;
  return st + setupPaidAt(x, loc) + serviceOf(x);
}

/** Whether w is a reload that starts a trip (the trip before it ends there). */
// @inline
function tripEndsAt(w: i32): bool {
  return anyReload && isReload(w) && !unchecked(passive[w]);
}

// @inline

function loadFits(v: i32, j: i32, u: i32, w: i32): bool {
  for (let d = 0; d < D; d++) {
    const s = unchecked(taskStartLoad[j * D + d]);
    const after = s + unchecked(taskDelta[j * D + d]);
    const cap = capOf(v, d);
    if (unchecked(pMax[u * D + d]) + s > cap) return false;
    if (unchecked(loadAfter[u * D + d]) + after > cap) return false;
    if (!tripEndsAt(w) && unchecked(sMax[w * D + d]) + after > cap) return false;
  }
  return true;
}

/**
 * No position of route v can take job j: its start load already overflows at the route's start.
 * Without reloads the prefix maximum only grows along a route, so loadFits fails everywhere.
 */
export function routeFullFor(j: i32, v: i32): bool {
  if (anyReload || kindOf(j) != KIND_JOB) return false;
  const s0 = startNode(v);
  for (let d = 0; d < D; d++) {
    if (unchecked(pMax[s0 * D + d]) + unchecked(taskStartLoad[j * D + d]) > capOf(v, d)) return true;
  }
  return false;
}

/** A job alone in a new trip. */
// @inline
function loadFitsAlone(v: i32, j: i32): bool {
  for (let d = 0; d < D; d++) {
    const s = unchecked(taskStartLoad[j * D + d]);
    const cap = capOf(v, d);
    if (s > cap || s + unchecked(taskDelta[j * D + d]) > cap) return false;
  }
  return true;
}

/**
 * Driving check of a task inserted after u, driven `tIn` to reach it (from u's place) and `tOut`
 * on to r = nextReal(w): the segment through u grows, or splits in two when a break lies between
 * u and r (the drive on to r then starts after it).
 */
// @inline
function drivingFits(v: i32, u: i32, r: i32, tIn: f64, tOut: f64): bool {
  const m = unchecked(ruleDriving[v]);
  if (m == Infinity || aloneCheck) return true;
  const nb = unchecked(nextBrk[u]);
  if (nb != endNode(v) && unchecked(posOf[nb]) < unchecked(posOf[r])) {
    return unchecked(drvF[u]) + tIn <= m + 1e-6 && tOut + unchecked(drvB[r]) <= m + 1e-6;
  }
  return unchecked(drvF[u]) + tIn + tOut + unchecked(drvB[r]) <= m + 1e-6;
}

/**
 * Extra cost of inserting task `j` (not a shipment half) after node `u` of route `v`; INF if
 * infeasible or not cheaper than `bound`.
 */
export function evalInsert(j: i32, u: i32, v: i32, bound: f64 = INF): f64 {
  const w = unchecked(nxt[u]);
  if (kindOf(j) == KIND_BREAK) {
    const st = earliestStart(j, unchecked(eDep[u]));
    if (st < 0) {
      failTw++;
      return INF;
    }
    if (!feasibleFrom(v, w, st + serviceOf(j), unchecked(effLoc[u]))) {
      failTw++;
      return INF;
    }
    return 0.0;
  }
  const maxStops = vehMaxStops(v);
  if (maxStops >= 0 && unchecked(rJobs[v]) + 1 > maxStops) {
    failStops++;
    return INF;
  }
  if (anyReload && isReload(u) && unchecked(passive[u])) return evalAfterPassiveReload(j, u, v, bound);
  const lu = unchecked(effLoc[u]);
  const lj = locOf(j);
  const r = nextReal(w);
  const lr = locOf(r);
  const tUJ = durInto(v, lu, lj);
  const tJR = dur(v, lj, lr);
  if (tUJ >= UNREACHABLE || tJR >= UNREACHABLE) {
    failUnreach++;
    return INF;
  }
  // Price first: positions that cannot beat `bound` skip the feasibility checks altogether.
  // The arc u→r being replaced is r's arc in (lu is the place before r).
  let c = arcCostInto(v, lu, lj) + arcCost(v, lj, lr) - unchecked(arcIn[r]);
  if (unchecked(rJobs[v]) == 0) c += vehFixed(v) * fixedScale;
  if (c >= bound) return INF;
  if (!loadFits(v, j, u, w)) {
    failCap++;
    return INF;
  }
  const setupJ = lu != lj ? setupOf(j) : 0.0;
  const arr = unchecked(eDep[u]) + tUJ;
  const st = earliestStart(j, arr);
  if (st < 0) {
    failTw++;
    return INF;
  }
  const dep = st + setupJ + serviceOf(j);
  if (balanceK > 0) {
    c += balanceDelta(v, durationGrowth(v, u, w, st, dep + tJR - unchecked(eDep[u]) - dur(v, lu, lr), lj));
    if (c >= bound) return INF;
  }
  if (!feasibleFrom(v, w, dep, lj)) {
    failTw++;
    return INF;
  }
  const maxT = vehMaxTravel(v);
  if (maxT < INF && unchecked(rTravel[v]) + tUJ + tJR - dur(v, lu, lr) > maxT) {
    failTravel++;
    return INF;
  }
  const maxD = vehMaxDist(v);
  if (maxD < INF && unchecked(rDist[v]) + vdist(v, lu, lj) + vdist(v, lj, lr) - vdist(v, lu, lr) > maxD) {
    failDist++;
    return INF;
  }
  if (!drivingFits(v, u, r, tUJ, tJR)) {
    failDriving++;
    return INF;
  }
  if (
    hasGroups &&
    unchecked(vehGroupCount[v]) > 0 &&
    !workAllows(v, u, st, dep, lj, r, unchecked(eDep[u]) + dur(v, lu, lr))
  ) {
    failWork++;
    return INF;
  }
  return c;
}

/**
 * j inserted after a passive reload u (one with no job after it): the van goes back to the start
 * after its last stop, reloads, and serves j as a new trip. Only the first passive reload of the
 * tail is a position (the others would be the same trip).
 */
function evalAfterPassiveReload(j: i32, u: i32, v: i32, bound: f64): f64 {
  const p = unchecked(prv[u]);
  if (isReload(p) && unchecked(passive[p])) return INF;
  const lp = unchecked(effLoc[u]);
  const depot = locOf(u);
  const lj = locOf(j);
  const w = unchecked(nxt[u]);
  const r = nextReal(w);
  const lr = locOf(r);
  const tPD = dur(v, lp, depot);
  const tDJ = dur(v, depot, lj);
  const tJR = dur(v, lj, lr);
  if (tPD >= UNREACHABLE || tDJ >= UNREACHABLE || tJR >= UNREACHABLE) {
    failUnreach++;
    return INF;
  }
  let c = arcCost(v, lp, depot) + arcCost(v, depot, lj) + arcCost(v, lj, lr) - arcCost(v, lp, lr);
  if (unchecked(rJobs[v]) == 0) c += vehFixed(v) * fixedScale;
  const tPR = dur(v, lp, lr);
  const setupD = lp != depot ? setupOf(u) : 0.0;
  const setupJ = depot != lj ? setupOf(j) : 0.0;
  if (c >= bound) return INF;
  if (!loadFitsAlone(v, j)) {
    failCap++;
    return INF;
  }
  const st = earliestStart(j, unchecked(eDep[u]) + tPD + setupD + tDJ);
  if (st < 0) {
    failTw++;
    return INF;
  }
  const dep = st + setupJ + serviceOf(j);
  if (balanceK > 0) {
    c += balanceDelta(v, durationGrowth(v, u, w, st, dep + tJR - unchecked(eDep[u]) - tPR, lj));
    if (c >= bound) return INF;
  }
  if (!feasibleFrom(v, w, dep, lj)) {
    failTw++;
    return INF;
  }
  const maxT = vehMaxTravel(v);
  if (maxT < INF && unchecked(rTravel[v]) + tPD + tDJ + tJR - tPR > maxT) {
    failTravel++;
    return INF;
  }
  const maxD = vehMaxDist(v);
  if (
    maxD < INF &&
    unchecked(rDist[v]) + vdist(v, lp, depot) + vdist(v, depot, lj) + vdist(v, lj, lr) - vdist(v, lp, lr) > maxD
  ) {
    failDist++;
    return INF;
  }
  if (!drivingFits(v, u, r, tPD + tDJ, tJR)) {
    failDriving++;
    return INF;
  }
  if (hasGroups && unchecked(vehGroupCount[v]) > 0 && !workFits(v, durationWith(v, u, st, dep, lj))) {
    failWork++;
    return INF;
  }
  return c;
}

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
 * route's `floor` (deliveryFloor) the walk is skipped when no later place can.
 */
export function evalPair(p: i32, u1: i32, v: i32, bound: f64 = INF, floor: f64 = 0.0): f64 {
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
  while (!isEnd(x)) {
    if (anyReload && isReload(x)) break; // a shipment stays within one trip
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
    const tXQ = durInto(v, loc, lq);
    const tQR = dur(v, lq, lr);
    if (tXQ < UNREACHABLE && tQR < UNREACHABLE) {
      // Priced first: only a place that would beat the best so far is checked for the windows
      // after it (the same answer; the fail counts only matter when no place fits, best = INF).
      const dT = dT1 + tXQ + tQR - (onRoute ? unchecked(durIn[r2]) : dur(v, loc, lr));
      const dD = dD1 + vdistInto(v, loc, lq) + vdist(v, lq, lr) - (onRoute ? unchecked(distIn[r2]) : vdist(v, loc, lr));
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
