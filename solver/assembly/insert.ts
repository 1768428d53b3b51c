/**
 * Insertion evaluation. A task inserted after node u (before w = nxt[u]) is checked in O(1) for
 * the common case: the arrival at w is compared with w's cached latest start. Only when the
 * insertion changes a later node's setup (same-location stops) or slides a break to another
 * location does `feasibleFrom` walk forward, and it stops at the first node it can check in O(1).
 */
import { KIND_BREAK, KIND_JOB, UNREACHABLE } from '../src/abi';
import {
  D,
  earliestStart,
  isEnd,
  kindOf,
  nTasks,
  serviceOf,
  setupOf,
  taskDelta,
  taskStartLoad,
  capOf,
  vehFixed,
  vehMaxDist,
  vehMaxStops,
  vehMaxTravel,
} from './instance';
import { arcCost, arcCostInto, dur, durInto, locOf, vdist } from './travel';
import {
  arcIn,
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
import { isReload, endNode, startNode } from './instance';
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
import { capWeight, insertExcess, overloading, routeOver } from './soft-capacity';
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
export function tripEndsAt(w: i32): bool {
  return anyReload && isReload(w) && !unchecked(passive[w]);
}

// @inline
export function loadFits(v: i32, j: i32, u: i32, w: i32): bool {
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
 * Without reloads the prefix maximum only grows along a route, so loadFits fails everywhere. With
 * penalised capacity, the load over it at the start prices every position at `bound` or more.
 */
export function routeFullFor(j: i32, v: i32, bound: f64): bool {
  if (anyReload || kindOf(j) != KIND_JOB) return false;
  const s0 = startNode(v);
  let over: f64 = 0;
  for (let d = 0; d < D; d++) {
    const x = unchecked(pMax[s0 * D + d]) + unchecked(taskStartLoad[j * D + d]) - capOf(v, d);
    if (x > 0) over += x;
  }
  if (over == 0) return false;
  return !overloading || capWeight * (over - routeOver(v)) >= bound;
}

/** A job alone in a new trip. */
// @inline
export function loadFitsAlone(v: i32, j: i32): bool {
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
export function drivingFits(v: i32, u: i32, r: i32, tIn: f64, tOut: f64): bool {
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
    if (!overloading) {
      failCap++;
      return INF;
    }
    c += capWeight * insertExcess(v, j, u, w);
    if (c >= bound) return INF;
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
