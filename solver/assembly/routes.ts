/**
 * Route state as doubly linked lists over nodes, plus the per-node forward/backward data that
 * makes insertion checks O(1): earliest departure (forward), latest feasible start (backward),
 * load after the node, prefix and suffix load maxima.
 */
import { TASK_I_PAIR, TASK_I_STRIDE } from '../src/abi';
import {
  capOf,
  D,
  earliestStart,
  endNode,
  endsDriving,
  isBreak,
  isReload,
  latestStart,
  nNodes,
  nTasks,
  nVeh,
  serviceOf,
  setupOf,
  startNode,
  taskDelta,
  taskStartLoad,
  vehFixed,
  vehPerM,
  vehPerSec,
  vehTwEnd,
  vehTwStart,
} from './instance';
import { arcCost, dur, locOf, vdist } from './travel';
import {
  balanceK,
  drvB,
  drvF,
  gMax,
  gTotal,
  hasGroups,
  nextBrk,
  passive,
  rBal,
  rBalWork,
  rDepart,
  rFirst,
  rWork,
  waitSuf,
  addWorkExcess,
  prepareRules,
  ruleDriving,
  ruleReload,
  vehGroupCount,
  vehGroupIdx,
} from './rules';
import { taskI } from './instance';
import { capWeight, trackExcess } from './soft-capacity';

export let nxt = new StaticArray<i32>(0);
export let prv = new StaticArray<i32>(0);
export let routeOf = new StaticArray<i32>(0);
export let posOf = new StaticArray<i32>(0);
export let effLoc = new StaticArray<i32>(0);
/**
 * Travel cost of the arc into each located node from the place before it (effLoc of its
 * predecessor): the arc an insertion before it replaces, read without touching the matrices.
 */
export let arcIn = new StaticArray<f64>(0);
/** The same arc's travel time and distance. */
export let durIn = new StaticArray<f64>(0);
export let distIn = new StaticArray<f64>(0);
export let eStart = new StaticArray<f64>(0);
export let eDep = new StaticArray<f64>(0);
export let lStart = new StaticArray<f64>(0);
export let cumDist = new StaticArray<f64>(0);
export let loadAfter = new StaticArray<f64>(0);
export let pMax = new StaticArray<f64>(0);
export let sMax = new StaticArray<f64>(0);

export let rJobs = new StaticArray<i32>(0); // tasks other than breaks
export let rSize = new StaticArray<i32>(0); // all tasks
export let rDist = new StaticArray<f64>(0);
export let rTravel = new StaticArray<f64>(0);
export let rCost = new StaticArray<f64>(0);
export let rFeasible = new StaticArray<bool>(0);
/** Sum of rCost over all routes, kept current by `recompute`. */
export let costSum: f64 = 0;
/** Sum of the fixed costs of the used routes. */
export let fixedSum: f64 = 0;
/**
 * Share of the fixed costs the search sees (insertions and acceptance). Below 1 the annealing can
 * open a route for a while to escape a tight fleet; the best solution is always judged at 1.
 */
export let fixedScale: f64 = 1.0;
export function setFixedScale(s: f64): void {
  fixedScale = s;
}

export function allocRoutes(): void {
  nxt = new StaticArray<i32>(nNodes);
  prv = new StaticArray<i32>(nNodes);
  routeOf = new StaticArray<i32>(nNodes);
  posOf = new StaticArray<i32>(nNodes);
  effLoc = new StaticArray<i32>(nNodes);
  arcIn = new StaticArray<f64>(nNodes);
  durIn = new StaticArray<f64>(nNodes);
  distIn = new StaticArray<f64>(nNodes);
  eStart = new StaticArray<f64>(nNodes);
  eDep = new StaticArray<f64>(nNodes);
  lStart = new StaticArray<f64>(nNodes);
  cumDist = new StaticArray<f64>(nNodes);
  loadAfter = new StaticArray<f64>(nNodes * D);
  pMax = new StaticArray<f64>(nNodes * D);
  sMax = new StaticArray<f64>(nNodes * D);
  rJobs = new StaticArray<i32>(nVeh);
  rSize = new StaticArray<i32>(nVeh);
  rDist = new StaticArray<f64>(nVeh);
  rTravel = new StaticArray<f64>(nVeh);
  rCost = new StaticArray<f64>(nVeh);
  rFeasible = new StaticArray<bool>(nVeh);
  costSum = 0;
  fixedSum = 0;
  prepareRules();
  for (let t = 0; t < nTasks; t++) routeOf[t] = -1;
  for (let v = 0; v < nVeh; v++) {
    const s = startNode(v);
    const e = endNode(v);
    nxt[s] = e;
    prv[e] = s;
    nxt[e] = -1;
    prv[s] = -1;
    routeOf[s] = v;
    routeOf[e] = v;
  }
  // Reloads are parked right after their van's start, where they cost nothing; a job inserted
  // between two of them, or after the last one, makes a trip.
  for (let t = 0; t < nTasks; t++) {
    if (isReload(t)) linkAfter(t, startNode(unchecked(taskI[t * TASK_I_STRIDE + TASK_I_PAIR])));
  }
  for (let v = 0; v < nVeh; v++) recompute(v);
}

/** Links task `t` after node `u` (in u's route). The caller recomputes the route. */
export function linkAfter(t: i32, u: i32): void {
  const w = unchecked(nxt[u]);
  unchecked((nxt[u] = t));
  unchecked((prv[t] = u));
  unchecked((nxt[t] = w));
  unchecked((prv[w] = t));
  unchecked((routeOf[t] = unchecked(routeOf[u])));
}

/** Unlinks task `t` from its route. The caller recomputes the route. */
export function unlink(t: i32): void {
  const a = unchecked(prv[t]);
  const b = unchecked(nxt[t]);
  unchecked((nxt[a] = b));
  unchecked((prv[b] = a));
  unchecked((routeOf[t] = -1));
}

/** Whether task arrival `a` at node `x` with setup paid or not leaves x's start feasible. */
// @inline
export function setupPaidAt(x: i32, prevLoc: i32): f64 {
  return prevLoc != locOf(x) ? setupOf(x) : 0.0;
}

/**
 * Recomputes every cached value of route `v` in O(length · (dims + windows)). Also flags the
 * route infeasible when a window or the shift end is missed (used when restoring snapshots).
 */
export function recompute(v: i32): void {
  const s = startNode(v);
  const e = endNode(v);
  const reloads = unchecked(ruleReload[v]);
  // Start load = deliveries of the single jobs on board (per trip with reloads).
  for (let d = 0; d < D; d++) unchecked((loadAfter[s * D + d] = 0));
  let jobs = 0;
  let size = 0;
  if (reloads) {
    // Backward: a reload with no job after it is passive (costs nothing, splits nothing); an
    // active one starts a trip whose start load is the deliveries up to the next active reload.
    let seenJob = false;
    let x = unchecked(prv[e]);
    for (let d = 0; d < D; d++) unchecked((loadAfter[e * D + d] = 0)); // trip accumulator
    while (x != s) {
      size++;
      if (isReload(x)) {
        unchecked((passive[x] = !seenJob));
        if (seenJob) {
          for (let d = 0; d < D; d++) {
            unchecked((loadAfter[x * D + d] = loadAfter[e * D + d]));
            unchecked((loadAfter[e * D + d] = 0));
          }
        }
      } else {
        if (!isBreak(x)) {
          seenJob = true;
          jobs++;
        }
        for (let d = 0; d < D; d++) unchecked((loadAfter[e * D + d] += taskStartLoad[x * D + d]));
      }
      x = unchecked(prv[x]);
    }
    for (let d = 0; d < D; d++) unchecked((loadAfter[s * D + d] = loadAfter[e * D + d]));
  } else {
    let x = unchecked(nxt[s]);
    while (x != e) {
      for (let d = 0; d < D; d++) unchecked((loadAfter[s * D + d] += taskStartLoad[x * D + d]));
      size++;
      if (!isBreak(x)) jobs++;
      x = unchecked(nxt[x]);
    }
  }
  for (let d = 0; d < D; d++) unchecked((pMax[s * D + d] = loadAfter[s * D + d]));
  let feasible = true;
  if (reloads) for (let d = 0; d < D; d++) if (unchecked(loadAfter[s * D + d]) > capOf(v, d) + 1e-9) feasible = false;
  const maxDrv = unchecked(ruleDriving[v]);
  const driving = maxDrv < Infinity;
  let loc = locOf(s);
  unchecked((effLoc[s] = loc));
  let time = vehTwStart(v);
  unchecked((eStart[s] = time));
  unchecked((eDep[s] = time));
  unchecked((cumDist[s] = 0));
  unchecked((posOf[s] = 0));
  if (driving) unchecked((drvF[s] = 0));
  let travel: f64 = 0;
  let distance: f64 = 0;
  let prev = s;
  let pos = 0;
  let first = e;
  let x = unchecked(nxt[s]);
  while (true) {
    pos++;
    unchecked((posOf[x] = pos));
    let arr = time;
    const pas = x < nTasks && unchecked(passive[x]);
    let t: f64 = 0;
    if (pas) {
      unchecked((effLoc[x] = loc));
    } else {
      const l = locOf(x);
      t = dur(v, loc, l);
      travel += t;
      const dl = vdist(v, loc, l);
      distance += dl;
      arr = time + t;
      unchecked((effLoc[x] = l));
      unchecked((arcIn[x] = arcCost(v, loc, l)));
      unchecked((durIn[x] = t));
      unchecked((distIn[x] = dl));
    }
    if (first == e && x < nTasks && !(reloads && isReload(x))) first = x;
    if (driving) {
      // Driving since the last break, at the arrival at x; a break resets it.
      const f = unchecked(drvF[prev]) + t;
      if (f > maxDrv + 1e-6) feasible = false;
      unchecked((drvF[x] = endsDriving(x, v) ? 0.0 : f));
    }
    unchecked((cumDist[x] = distance));
    const reset = reloads && isReload(x) && !pas;
    for (let d = 0; d < D; d++) {
      if (reset) {
        // Active reload: the next trip's start load was set by the backward pass.
        unchecked((pMax[x * D + d] = loadAfter[x * D + d]));
        continue;
      }
      let ld = unchecked(loadAfter[prev * D + d]);
      if (x < nTasks) ld += unchecked(taskDelta[x * D + d]);
      unchecked((loadAfter[x * D + d] = ld));
      const pm = unchecked(pMax[prev * D + d]);
      unchecked((pMax[x * D + d] = ld > pm ? ld : pm));
    }
    if (reloads) {
      // Per-trip loads: the route-end maxima other moves look at cover only the last trip.
      for (let d = 0; d < D; d++) if (unchecked(loadAfter[x * D + d]) > capOf(v, d) + 1e-9) feasible = false;
    }
    if (x == e) {
      unchecked((eStart[x] = arr));
      unchecked((eDep[x] = arr));
      if (arr > vehTwEnd(v)) feasible = false;
      break;
    }
    let st = earliestStart(x, arr);
    if (st < 0) {
      feasible = false;
      st = arr;
    }
    unchecked((eStart[x] = st));
    if (balanceK > 0) unchecked((waitSuf[x] = st - arr)); // the waits, summed backward below
    const setup = pas || isBreak(x) ? 0.0 : setupPaidAt(x, loc);
    unchecked((eDep[x] = st + setup + serviceOf(x)));
    time = unchecked(eDep[x]);
    loc = unchecked(effLoc[x]);
    prev = x;
    x = unchecked(nxt[x]);
  }
  // Backward pass: latest feasible start and suffix load maxima (per trip).
  unchecked((lStart[e] = vehTwEnd(v)));
  for (let d = 0; d < D; d++) unchecked((sMax[e * D + d] = loadAfter[e * D + d]));
  if (driving) {
    unchecked((drvB[e] = 0));
    unchecked((nextBrk[e] = e));
  }
  if (balanceK > 0) unchecked((waitSuf[e] = 0));
  x = unchecked(prv[e]);
  while (x != -1) {
    const n = unchecked(nxt[x]);
    const tripEnd = reloads && isReload(n) && !unchecked(passive[n]);
    for (let d = 0; d < D; d++) {
      const a = unchecked(loadAfter[x * D + d]);
      const b = tripEnd ? a : unchecked(sMax[n * D + d]);
      unchecked((sMax[x * D + d] = a > b ? a : b));
    }
    const npas = n < nTasks && unchecked(passive[n]);
    const t = npas ? 0.0 : dur(v, unchecked(effLoc[x]), locOf(n));
    if (driving) {
      // Driving from leaving x to the next break (or the end).
      const nb = endsDriving(n, v);
      unchecked((drvB[x] = nb ? 0.0 : t + unchecked(drvB[n])));
      unchecked((nextBrk[x] = nb ? n : unchecked(nextBrk[n])));
    }
    if (balanceK > 0) unchecked((waitSuf[x] = (x == s ? 0.0 : unchecked(waitSuf[x])) + unchecked(waitSuf[n])));
    if (x == s) {
      unchecked((lStart[x] = unchecked(lStart[n]) - t));
      break;
    }
    const p = unchecked(prv[x]);
    const busy = (unchecked(passive[x]) ? 0.0 : setupPaidAt(x, unchecked(effLoc[p]))) + serviceOf(x);
    unchecked((lStart[x] = latestStart(x, unchecked(lStart[n]) - t - busy)));
    x = p;
  }
  if (jobs > 0 && unchecked(rJobs[v]) == 0) fixedSum += vehFixed(v);
  else if (jobs == 0 && unchecked(rJobs[v]) > 0) fixedSum -= vehFixed(v);
  unchecked((rJobs[v] = jobs));
  unchecked((rSize[v] = size));
  unchecked((rDist[v] = distance));
  unchecked((rTravel[v] = travel));
  unchecked((rFirst[v] = first));
  const cost = jobs > 0 ? vehFixed(v) + vehPerSec(v) * travel + vehPerM(v) * distance : 0.0;
  let bal: f64 = 0;
  let work: f64 = 0;
  if (hasGroups || balanceK > 0) {
    // Route duration as reported: leave the start as late as the first stop allows.
    let dep = vehTwStart(v);
    if (first != e && !isBreak(first)) {
      const late = unchecked(eStart[first]) - dur(v, unchecked(effLoc[s]), locOf(first));
      if (late > dep) dep = late;
    }
    unchecked((rDepart[v] = dep));
    work = jobs > 0 ? unchecked(eStart[e]) - dep : 0.0;
  }
  if (balanceK > 0 && jobs > 0) {
    bal = balanceK * balanceRate(v) * work * work;
    unchecked((rBalWork[v] = work));
  } else unchecked((rBalWork[v] = 0));
  costSum += cost + bal - unchecked(rCost[v]) - unchecked(rBal[v]);
  unchecked((rCost[v] = cost));
  unchecked((rBal[v] = bal));
  if (hasGroups) {
    const dw = work - unchecked(rWork[v]);
    unchecked((rWork[v] = work));
    const gc = unchecked(vehGroupCount[v]);
    for (let k = 0; k < gc; k++) {
      const g = unchecked(vehGroupIdx[v * 2 + k]);
      const before = unchecked(gTotal[g]);
      const after = before + dw;
      unchecked((gTotal[g] = after));
      const m = unchecked(gMax[g]);
      addWorkExcess((after > m ? after - m : 0.0) - (before > m ? before - m : 0.0));
      if (after > m + 1e-6) feasible = false;
    }
  }
  unchecked((rFeasible[v] = feasible));
  if (capWeight > 0) trackExcess(v);
}

/** Balance term rate of vehicle v: its cost per second of work (1 when it pays only distance). */
// @inline
export function balanceRate(v: i32): f64 {
  const r = vehPerSec(v);
  return r > 0 ? r : 1.0;
}
