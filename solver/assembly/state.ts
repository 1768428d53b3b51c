/**
 * Solution bookkeeping around the route lists: the unassigned list, undo snapshots of the routes
 * an iteration touched (so a rejected move costs only what it changed), and the best solution.
 */
import { endNode, isBound, nTasks, nVeh, penaltyOf, startNode } from './instance';
import { resetFocus } from './focus';
import { excessCost, hasGroups } from './rules';
import { capacityTerm } from './soft-capacity';
import { poolRoute } from './route-pool';
import { costSum, fixedScale, fixedSum, linkAfter, nxt, prv, rCost, recompute, routeOf } from './routes';

/** Unassigned routable tasks (jobs and shipment pickups). */
export let unas = new StaticArray<i32>(0);
export let unasCount: i32 = 0;
export let unasPenalty: f64 = 0;

// Undo log of the current iteration.
let stamp = new StaticArray<i32>(0);
let iterId: i32 = 1;
let touched = new StaticArray<i32>(0);
export let touchedCount: i32 = 0;
let bkSeq = new StaticArray<i32>(0);
let bkStart = new StaticArray<i32>(0);
let bkLen = new StaticArray<i32>(0);
let bkFill: i32 = 0;
let bkUnas = new StaticArray<i32>(0);
let bkUnasCount: i32 = 0;
let bkUnasPenalty: f64 = 0;

// Best solution.
let bestSeq = new StaticArray<i32>(0);
let bestLen = new StaticArray<i32>(0);
let bestUnas = new StaticArray<i32>(0);
let bestUnasCount: i32 = 0;
export let bestCost: f64 = Infinity;

export function allocState(): void {
  unas = new StaticArray<i32>(nTasks);
  stamp = new StaticArray<i32>(nVeh);
  touched = new StaticArray<i32>(nVeh);
  bkSeq = new StaticArray<i32>(nTasks);
  bkStart = new StaticArray<i32>(nVeh);
  bkLen = new StaticArray<i32>(nVeh);
  bkUnas = new StaticArray<i32>(nTasks);
  bestSeq = new StaticArray<i32>(nTasks);
  bestLen = new StaticArray<i32>(nVeh);
  bestUnas = new StaticArray<i32>(nTasks);
}

/** The true objective. */
// @inline
export function totalCost(): f64 {
  return costSum + unasPenalty + (hasGroups ? excessCost() : 0.0);
}
/** The objective the annealing sees (fixed costs scaled by `fixedScale`). */
// @inline
export function searchCost(): f64 {
  return (
    costSum -
    (1.0 - fixedScale) * fixedSum +
    unasScale * unasPenalty +
    (hasGroups ? excessCost() : 0.0) +
    capacityTerm()
  );
}

/**
 * Share of the unassigned penalties the annealing sees. Below 1, a move may leave a task out for
 * a while (it is retried on every iteration); only complete-as-possible solutions become best.
 */
export let unasScale: f64 = 1.0;
export function setUnasScale(s: f64): void {
  unasScale = s;
}

export function clearUnassigned(): void {
  unasCount = 0;
  unasPenalty = 0;
}
export function addUnassigned(t: i32): void {
  unchecked((unas[unasCount++] = t));
  unasPenalty += penaltyOf(t);
}

/** Starts a new undo log; the unassigned list is saved whole (it is short in practice). */
export function beginMove(): void {
  iterId++;
  touchedCount = 0;
  resetFocus();
  bkFill = 0;
  for (let i = 0; i < unasCount; i++) unchecked((bkUnas[i] = unas[i]));
  bkUnasCount = unasCount;
  bkUnasPenalty = unasPenalty;
}

/** The i-th route the current move has touched. */
// @inline
export function touchedRoute(i: i32): i32 {
  return unchecked(touched[i]);
}

/** Saves route r's sequence the first time the current move touches it. */
export function touch(r: i32): void {
  if (unchecked(stamp[r]) == iterId) return;
  unchecked((stamp[r] = iterId));
  unchecked((touched[touchedCount++] = r));
  unchecked((bkStart[r] = bkFill));
  let x = unchecked(nxt[startNode(r)]);
  const e = endNode(r);
  while (x != e) {
    unchecked((bkSeq[bkFill++] = x));
    x = unchecked(nxt[x]);
  }
  unchecked((bkLen[r] = bkFill - unchecked(bkStart[r])));
}

function relink(r: i32, seq: StaticArray<i32>, from: i32, len: i32): void {
  // The caller has detached the current tasks (walking here could follow links that an earlier
  // relink already rewired into another route).
  const s = startNode(r);
  const e = endNode(r);
  unchecked((nxt[s] = e));
  unchecked((prv[e] = s));
  let u = s;
  for (let i = 0; i < len; i++) {
    const t = unchecked(seq[from + i]);
    linkAfter(t, u);
    u = t;
  }
}

/** Refreshes the cached data of every route touched so far (after removals). */
export function recomputeTouched(): void {
  for (let i = 0; i < touchedCount; i++) recompute(unchecked(touched[i]));
}

/** Undoes the current move. */
export function rollback(): void {
  // Detach every touched route first: a task may have moved between two touched routes.
  for (let i = 0; i < touchedCount; i++) {
    const r = unchecked(touched[i]);
    const e = endNode(r);
    let x = unchecked(nxt[startNode(r)]);
    while (x != e) {
      const n = unchecked(nxt[x]);
      unchecked((routeOf[x] = -1));
      x = n;
    }
  }
  for (let i = 0; i < touchedCount; i++) {
    const r = unchecked(touched[i]);
    relink(r, bkSeq, unchecked(bkStart[r]), unchecked(bkLen[r]));
  }
  for (let i = 0; i < bkUnasCount; i++) unchecked((unas[i] = bkUnas[i]));
  unasCount = bkUnasCount;
  unasPenalty = bkUnasPenalty;
  for (let i = 0; i < touchedCount; i++) recompute(unchecked(touched[i]));
  touchedCount = 0;
}

export function saveBest(): void {
  let fill = 0;
  for (let r = 0; r < nVeh; r++) {
    const e = endNode(r);
    let x = nxt[startNode(r)];
    const from = fill;
    while (x != e) {
      unchecked((bestSeq[fill++] = x));
      x = unchecked(nxt[x]);
    }
    bestLen[r] = fill - from;
    poolRoute(r, bestSeq, from, fill - from, unchecked(rCost[r]));
  }
  for (let i = 0; i < unasCount; i++) bestUnas[i] = unas[i];
  bestUnasCount = unasCount;
  bestCost = totalCost();
}

export function loadBest(): void {
  for (let t = 0; t < nTasks; t++) routeOf[t] = -1;
  let fill = 0;
  for (let r = 0; r < nVeh; r++) {
    relink(r, bestSeq, fill, bestLen[r]);
    fill += bestLen[r];
  }
  clearUnassigned();
  for (let i = 0; i < bestUnasCount; i++) addUnassigned(bestUnas[i]);
  for (let r = 0; r < nVeh; r++) recompute(r);
}

/**
 * Length of the best solution packed as i32 (packBest): the unassigned count, each route's length,
 * then the routes' tasks and the unassigned tasks (each task is in one of them at most).
 */
export function packedBestLength(): i32 {
  return 1 + nVeh + nTasks;
}

/** Writes the best solution into `buf` (another search of the same problem can unpack it). */
export function packBest(buf: StaticArray<i32>): void {
  let k = 0;
  buf[k++] = bestUnasCount;
  let total = 0;
  for (let r = 0; r < nVeh; r++) {
    buf[k++] = bestLen[r];
    total += bestLen[r];
  }
  for (let i = 0; i < total; i++) buf[k++] = bestSeq[i];
  for (let i = 0; i < bestUnasCount; i++) buf[k++] = bestUnas[i];
}

/** Makes the solution packed in `buf` (packBest) the best, and the current solution. */
export function unpackBest(buf: StaticArray<i32>): void {
  let k = 0;
  bestUnasCount = buf[k++];
  let total = 0;
  for (let r = 0; r < nVeh; r++) {
    bestLen[r] = buf[k++];
    total += bestLen[r];
  }
  for (let i = 0; i < total; i++) bestSeq[i] = buf[k++];
  for (let i = 0; i < bestUnasCount; i++) bestUnas[i] = buf[k++];
  loadBest();
  bestCost = totalCost();
}

/** Number of routes serving at least one job. */
export function usedRoutes(): i32 {
  let n = 0;
  for (let r = 0; r < nVeh; r++) {
    let x = unchecked(nxt[startNode(r)]);
    const e = endNode(r);
    while (x != e) {
      if (!isBound(x)) {
        n++;
        break;
      }
      x = unchecked(nxt[x]);
    }
  }
  return n;
}
