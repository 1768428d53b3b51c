/**
 * Route state as doubly linked lists over nodes, plus the per-node forward/backward data that
 * makes insertion checks O(1): earliest departure (forward), latest feasible start (backward),
 * load after the node, prefix and suffix load maxima.
 */
import {
  D, earliestStart, endNode, isBreak, isEnd, latestStart, nNodes, nTasks, nVeh, serviceOf,
  setupOf, startNode, taskDelta, taskStartLoad, vehFixed, vehPerM, vehPerSec, vehTwEnd, vehTwStart,
} from "./instance";
import { dur, locOf, vdist } from "./travel";

export let nxt = new StaticArray<i32>(0);
export let prv = new StaticArray<i32>(0);
export let routeOf = new StaticArray<i32>(0);
export let posOf = new StaticArray<i32>(0);
export let effLoc = new StaticArray<i32>(0);
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
export function setFixedScale(s: f64): void { fixedScale = s; }

export function allocRoutes(): void {
  nxt = new StaticArray<i32>(nNodes);
  prv = new StaticArray<i32>(nNodes);
  routeOf = new StaticArray<i32>(nNodes);
  posOf = new StaticArray<i32>(nNodes);
  effLoc = new StaticArray<i32>(nNodes);
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
  for (let t = 0; t < nTasks; t++) routeOf[t] = -1;
  for (let v = 0; v < nVeh; v++) {
    const s = startNode(v);
    const e = endNode(v);
    nxt[s] = e; prv[e] = s; nxt[e] = -1; prv[s] = -1;
    routeOf[s] = v; routeOf[e] = v;
    recompute(v);
  }
}

/** Links task `t` after node `u` (in u's route). The caller recomputes the route. */
export function linkAfter(t: i32, u: i32): void {
  const w = unchecked(nxt[u]);
  nxt[u] = t; prv[t] = u; nxt[t] = w; prv[w] = t;
  routeOf[t] = unchecked(routeOf[u]);
}

/** Unlinks task `t` from its route. The caller recomputes the route. */
export function unlink(t: i32): void {
  const a = unchecked(prv[t]);
  const b = unchecked(nxt[t]);
  nxt[a] = b; prv[b] = a;
  routeOf[t] = -1;
}

/** Whether task arrival `a` at node `x` with setup paid or not leaves x's start feasible. */
@inline export function setupPaidAt(x: i32, prevLoc: i32): f64 {
  return prevLoc != locOf(x) ? setupOf(x) : 0.0;
}

/**
 * Recomputes every cached value of route `v` in O(length · (dims + windows)). Also flags the
 * route infeasible when a window or the shift end is missed (used when restoring snapshots).
 */
export function recompute(v: i32): void {
  const s = startNode(v);
  const e = endNode(v);
  // Start load = deliveries of the single jobs on board.
  for (let d = 0; d < D; d++) unchecked(loadAfter[s * D + d] = 0);
  let x = unchecked(nxt[s]);
  let jobs = 0;
  let size = 0;
  while (x != e) {
    for (let d = 0; d < D; d++) unchecked(loadAfter[s * D + d] += taskStartLoad[x * D + d]);
    size++;
    if (!isBreak(x)) jobs++;
    x = unchecked(nxt[x]);
  }
  for (let d = 0; d < D; d++) unchecked(pMax[s * D + d] = loadAfter[s * D + d]);
  let loc = locOf(s);
  effLoc[s] = loc;
  let time = vehTwStart(v);
  eStart[s] = time;
  eDep[s] = time;
  cumDist[s] = 0;
  posOf[s] = 0;
  let travel: f64 = 0;
  let distance: f64 = 0;
  let feasible = true;
  let prev = s;
  let pos = 0;
  x = unchecked(nxt[s]);
  while (true) {
    pos++;
    posOf[x] = pos;
    let arr = time;
    if (isBreak(x)) {
      effLoc[x] = loc;
    } else {
      const l = locOf(x);
      const t = dur(v, loc, l);
      travel += t;
      distance += vdist(v, loc, l);
      arr = time + t;
      effLoc[x] = l;
    }
    cumDist[x] = distance;
    for (let d = 0; d < D; d++) {
      let ld = unchecked(loadAfter[prev * D + d]);
      if (x < nTasks) ld += unchecked(taskDelta[x * D + d]);
      unchecked(loadAfter[x * D + d] = ld);
      const pm = unchecked(pMax[prev * D + d]);
      unchecked(pMax[x * D + d] = ld > pm ? ld : pm);
    }
    if (x == e) {
      eStart[x] = arr;
      eDep[x] = arr;
      if (arr > vehTwEnd(v)) feasible = false;
      break;
    }
    let st = earliestStart(x, arr);
    if (st < 0) { feasible = false; st = arr; }
    eStart[x] = st;
    eDep[x] = st + (isBreak(x) ? 0.0 : setupPaidAt(x, loc)) + serviceOf(x);
    time = eDep[x];
    loc = effLoc[x];
    prev = x;
    x = unchecked(nxt[x]);
  }
  // Backward pass: latest feasible start and suffix load maxima.
  lStart[e] = vehTwEnd(v);
  for (let d = 0; d < D; d++) unchecked(sMax[e * D + d] = loadAfter[e * D + d]);
  x = unchecked(prv[e]);
  while (x != -1) {
    const n = unchecked(nxt[x]);
    for (let d = 0; d < D; d++) {
      const a = unchecked(loadAfter[x * D + d]);
      const b = unchecked(sMax[n * D + d]);
      unchecked(sMax[x * D + d] = a > b ? a : b);
    }
    const t = isBreak(n) ? 0.0 : dur(v, effLoc[x], locOf(n));
    if (x == s) {
      lStart[x] = lStart[n] - t;
      break;
    }
    const p = unchecked(prv[x]);
    const busy = (isBreak(x) ? 0.0 : setupPaidAt(x, effLoc[p])) + serviceOf(x);
    lStart[x] = latestStart(x, lStart[n] - t - busy);
    x = p;
  }
  if (jobs > 0 && rJobs[v] == 0) fixedSum += vehFixed(v);
  else if (jobs == 0 && rJobs[v] > 0) fixedSum -= vehFixed(v);
  rJobs[v] = jobs;
  rSize[v] = size;
  rDist[v] = distance;
  rTravel[v] = travel;
  const cost = jobs > 0 ? vehFixed(v) + vehPerSec(v) * travel + vehPerM(v) * distance : 0.0;
  costSum += cost - rCost[v];
  rCost[v] = cost;
  rFeasible[v] = feasible;
}

