/**
 * SWAP* (Vidal 2022, "Hybrid genetic search for the CVRP: open-source implementation and SWAP*
 * neighborhood"): two routes exchange a job each, and each job goes to its best position in the
 * other route, not necessarily where the other one was. For every job the three cheapest
 * time-feasible insertion positions in the other route are kept (O(n1·n2) per route pair); a pair
 * (u, v) is then priced in O(1) from u's and v's removal gains, their top-three positions that
 * are not next to the job leaving, and the place the job leaving frees. Routes are paired only
 * when one holds a near neighbour of the other's jobs (the granular restriction of the paper is
 * by polar sectors around the depot; neighbour lists need no coordinates). Time windows make the
 * exchange's feasibility depend on both changes at once: the cheapest few candidates are applied,
 * recomputed and undone unless both routes stay feasible and the cost really dropped.
 */
import { KIND_JOB } from '../src/abi';
import {
  D,
  capOf,
  earliestStart,
  endNode,
  kindOf,
  nTasks,
  nVeh,
  serviceOf,
  setupOf,
  startNode,
  taskDelta,
  taskStartLoad,
} from './instance';
import { adj, adjStart } from './init';
import { feasibleFrom, nextReal } from './insert';
import {
  arcIn,
  eDep,
  effLoc,
  linkAfter,
  loadAfter,
  nxt,
  prv,
  recompute,
  rFeasible,
  rJobs,
  routeOf,
  unlink,
} from './routes';
import { canServe, gained, lsCost, withinLimits } from './relocate';
import { touch } from './state';
import { arcCost, arcCostInto, durInto, locOf } from './travel';

const INF: f64 = Infinity;
/** Candidates applied per route pair before giving up. */
const TRIES: i32 = 3;
/** Neighbours per job that pair its route with another. */
const PAIR_NEIGHBOURS: i32 = 5;

// Per job: removal gain from its route and top-3 insertions (cost, node after which) in the other.
let remGain = new StaticArray<f64>(0);
let topCost = new StaticArray<f64>(0);
let topPos = new StaticArray<i32>(0);
// Candidate moves of the current pair, cheapest first.
const candDelta = new StaticArray<f64>(TRIES);
const candU = new StaticArray<i32>(TRIES);
const candV = new StaticArray<i32>(TRIES);
const candX = new StaticArray<i32>(TRIES);
const candY = new StaticArray<i32>(TRIES);
let nCand: i32 = 0;
// Route pairing: a stamp per route.
let pairStamp = new StaticArray<i32>(0);
let pairList = new StaticArray<i32>(0);
let stampId: i32 = 0;

function ensureArrays(): void {
  if (remGain.length == nTasks && pairStamp.length == nVeh) return;
  remGain = new StaticArray<f64>(nTasks);
  topCost = new StaticArray<f64>(nTasks * 3);
  topPos = new StaticArray<i32>(nTasks * 3);
  pairStamp = new StaticArray<i32>(nVeh);
  pairList = new StaticArray<i32>(nVeh);
}

/** Removal gain of job u from its route r. */
// @inline
function removalGain(r: i32, u: i32): f64 {
  const lp = unchecked(effLoc[unchecked(prv[u])]);
  const ln = locOf(nextReal(unchecked(nxt[u])));
  const lu = locOf(u);
  return arcCost(r, lp, lu) + arcCost(r, lu, ln) - arcCost(r, lp, ln);
}

/** Fills the top-3 time-feasible insertion positions of job u in route r. */
function topThree(u: i32, r: i32): void {
  const b = u * 3;
  for (let k = 0; k < 3; k++) {
    unchecked((topCost[b + k] = INF));
    unchecked((topPos[b + k] = -1));
  }
  const lu = locOf(u);
  const e = endNode(r);
  for (let x = startNode(r); x != e; x = unchecked(nxt[x])) {
    const lx = unchecked(effLoc[x]);
    const w = unchecked(nxt[x]);
    const nw = nextReal(w);
    const lw = locOf(nw);
    const c = arcCostInto(r, lx, lu) + arcCost(r, lu, lw) - unchecked(arcIn[nw]);
    if (c >= unchecked(topCost[b + 2])) continue;
    const st = earliestStart(u, unchecked(eDep[x]) + durInto(r, lx, lu));
    if (st < 0) continue;
    if (!feasibleFrom(r, w, st + (lx != lu ? setupOf(u) : 0.0) + serviceOf(u), lu)) continue;
    let k = 2;
    while (k > 0 && c < unchecked(topCost[b + k - 1])) {
      unchecked((topCost[b + k] = topCost[b + k - 1]));
      unchecked((topPos[b + k] = topPos[b + k - 1]));
      k--;
    }
    unchecked((topCost[b + k] = c));
    unchecked((topPos[b + k] = x));
  }
}

/** Cheapest position of u in route r once job v has left it: sets `bestX`, returns the cost. */
let bestX: i32 = -1;
function insertWithout(u: i32, v: i32, r: i32): f64 {
  // In v's place (after v's predecessor).
  const pv = unchecked(prv[v]);
  const lp = unchecked(effLoc[pv]);
  const ln = locOf(nextReal(unchecked(nxt[v])));
  const lu = locOf(u);
  let best = arcCost(r, lp, lu) + arcCost(r, lu, ln) - arcCost(r, lp, ln);
  bestX = pv;
  const b = u * 3;
  for (let k = 0; k < 3; k++) {
    const x = unchecked(topPos[b + k]);
    if (x < 0) break;
    if (x == v || x == pv) continue;
    const c = unchecked(topCost[b + k]);
    if (c < best) {
      best = c;
      bestX = x;
    }
    break; // the list is sorted: the first valid entry is the cheapest
  }
  return best;
}

/** Necessary load condition: route r's start and end loads with job `out` replaced by `inn`. */
function loadsFit(r: i32, out: i32, inn: i32): bool {
  const s = startNode(r);
  const e = endNode(r);
  for (let d = 0; d < D; d++) {
    const dS = unchecked(taskStartLoad[inn * D + d]) - unchecked(taskStartLoad[out * D + d]);
    const dE = dS + unchecked(taskDelta[inn * D + d]) - unchecked(taskDelta[out * D + d]);
    const cap = capOf(r, d);
    if (unchecked(loadAfter[s * D + d]) + dS > cap || unchecked(loadAfter[e * D + d]) + dE > cap) return false;
  }
  return true;
}

function addCandidate(delta: f64, u: i32, v: i32, x: i32, y: i32): void {
  let k: i32;
  if (nCand < TRIES) k = nCand++;
  else if (delta < unchecked(candDelta[TRIES - 1])) k = TRIES - 1;
  else return;
  while (k > 0 && delta < unchecked(candDelta[k - 1])) {
    unchecked((candDelta[k] = candDelta[k - 1]));
    unchecked((candU[k] = candU[k - 1]));
    unchecked((candV[k] = candV[k - 1]));
    unchecked((candX[k] = candX[k - 1]));
    unchecked((candY[k] = candY[k - 1]));
    k--;
  }
  unchecked((candDelta[k] = delta));
  unchecked((candU[k] = u));
  unchecked((candV[k] = v));
  unchecked((candX[k] = x));
  unchecked((candY[k] = y));
}

/** Best SWAP* between routes r1 and r2, applied if it lowers the cost; returns whether it did. */
export function swapStar(r1: i32, r2: i32): bool {
  if (r1 == r2 || unchecked(rJobs[r1]) == 0 || unchecked(rJobs[r2]) == 0) return false;
  ensureArrays();
  const e1 = endNode(r1);
  const e2 = endNode(r2);
  for (let u = unchecked(nxt[startNode(r1)]); u != e1; u = unchecked(nxt[u])) {
    if (kindOf(u) != KIND_JOB) continue;
    unchecked((remGain[u] = removalGain(r1, u)));
    if (canServe(r2, u)) topThree(u, r2);
    else unchecked((topPos[u * 3] = -2));
  }
  for (let v = unchecked(nxt[startNode(r2)]); v != e2; v = unchecked(nxt[v])) {
    if (kindOf(v) != KIND_JOB) continue;
    unchecked((remGain[v] = removalGain(r2, v)));
    if (canServe(r1, v)) topThree(v, r1);
    else unchecked((topPos[v * 3] = -2));
  }
  nCand = 0;
  for (let u = unchecked(nxt[startNode(r1)]); u != e1; u = unchecked(nxt[u])) {
    if (kindOf(u) != KIND_JOB || unchecked(topPos[u * 3]) == -2) continue;
    const gu = unchecked(remGain[u]);
    for (let v = unchecked(nxt[startNode(r2)]); v != e2; v = unchecked(nxt[v])) {
      if (kindOf(v) != KIND_JOB || unchecked(topPos[v * 3]) == -2) continue;
      const gv = unchecked(remGain[v]);
      const cu = insertWithout(u, v, r2);
      const x = bestX;
      const cv = insertWithout(v, u, r1);
      const y = bestX;
      const delta = cu + cv - gu - gv;
      if (delta >= -1e-9) continue;
      if (nCand == TRIES && delta >= unchecked(candDelta[TRIES - 1])) continue;
      if (!loadsFit(r1, u, v) || !loadsFit(r2, v, u)) continue;
      addCandidate(delta, u, v, x, y);
    }
  }
  for (let i = 0; i < nCand; i++) {
    const u = unchecked(candU[i]);
    const v = unchecked(candV[i]);
    const pu = unchecked(prv[u]);
    const pv = unchecked(prv[v]);
    const before = lsCost();
    touch(r1);
    touch(r2);
    unlink(u);
    unlink(v);
    linkAfter(u, unchecked(candX[i]));
    linkAfter(v, unchecked(candY[i]));
    recompute(r1);
    recompute(r2);
    if (rFeasible[r1] && rFeasible[r2] && withinLimits(r1) && withinLimits(r2) && gained(before)) return true;
    unlink(u);
    unlink(v);
    linkAfter(u, pu);
    linkAfter(v, pv);
    recompute(r1);
    recompute(r2);
  }
  return false;
}

/**
 * SWAP* between route r and each route holding a near neighbour of one of r's jobs; returns
 * whether any exchange was applied.
 */
export function swapStarAround(r: i32): bool {
  ensureArrays();
  stampId++;
  let n = 0;
  pairStamp[r] = stampId;
  const e = endNode(r);
  for (let t = unchecked(nxt[startNode(r)]); t != e; t = unchecked(nxt[t])) {
    if (t >= nTasks) continue;
    const a0 = adjStart[t];
    let a1 = adjStart[t + 1];
    if (a1 > a0 + PAIR_NEIGHBOURS) a1 = a0 + PAIR_NEIGHBOURS;
    for (let i = a0; i < a1; i++) {
      const r2 = unchecked(routeOf[unchecked(adj[i])]);
      if (r2 < 0 || unchecked(pairStamp[r2]) == stampId) continue;
      pairStamp[r2] = stampId;
      pairList[n++] = r2;
    }
  }
  let improved = false;
  for (let i = 0; i < n; i++) if (swapStar(r, unchecked(pairList[i]))) improved = true;
  return improved;
}
