/**
 * Or-opt (Or 1976), granular: a string of consecutive jobs (1–3 within its route, 2–3 to another
 * route; moving one job to another route is `relocate`) moves next to a nearest neighbour of its
 * first or last job, in the same order. Cost changes come from the arcs in O(string length).
 * Between routes the insertion is checked in O(string length) from the cached arrays (the string's
 * arrival times are propagated, then compared with the latest start of the node after it; loads
 * with the prefix/suffix maxima); within a route the cached times do not apply, so the best move is
 * applied and re-checked. Either way the routes are recomputed and the move undone unless they stay
 * feasible (rules that only `recompute` checks included) and the cost really dropped.
 * A shipment's pickup or delivery moves alone and within its route only, where it keeps its
 * order with its partner (moving it to another route is `pair relocate`).
 */
import { KIND_BREAK, KIND_DELIVERY, KIND_JOB, KIND_PICKUP, KIND_RELOAD } from '../src/abi';
import {
  D,
  capOf,
  isEnd,
  isReload,
  kindOf,
  nTasks,
  pairOf,
  taskDelta,
  taskStartLoad,
  vehFixed,
  vehMaxStops,
} from './instance';
import { adj, adjStart } from './init';
import { feasibleFrom, nextReal, visitLoc, visitStop } from './insert';
import {
  eDep,
  effLoc,
  fixedScale,
  linkAfter,
  loadAfter,
  nxt,
  pMax,
  posOf,
  prv,
  recompute,
  rFeasible,
  rJobs,
  routeOf,
  sMax,
  unlink,
} from './routes';
import { canServe, gained, lsCost, lsNeighboursEnd, withinLimits } from './relocate';
import { touch } from './state';
import { arcCost, locOf } from './travel';

/** Longest string moved. */
const MAX_STRING: i32 = 3;

// The string under evaluation: seq[0 … len-1].
const seq = new StaticArray<i32>(MAX_STRING);
let len: i32 = 0;

/** Cost of the arcs inside the string for vehicle r. */
function innerCost(r: i32): f64 {
  let c: f64 = 0;
  for (let i = 1; i < len; i++) c += arcCost(r, locOf(unchecked(seq[i - 1])), locOf(unchecked(seq[i])));
  return c;
}

function inString(x: i32): bool {
  for (let i = 0; i < len; i++) if (unchecked(seq[i]) == x) return true;
  return false;
}

/**
 * Whether shipment stop t may go after node u of its own route: a pickup still before its
 * delivery, a delivery still after its pickup, and no reload between them (one trip).
 */
function keepsPair(t: i32, u: i32): bool {
  const partner = pairOf(t);
  let x = kindOf(t) == KIND_PICKUP ? u : partner;
  const until = kindOf(t) == KIND_PICKUP ? partner : u;
  if (kindOf(t) == KIND_DELIVERY && x == until) return true;
  while (true) {
    x = unchecked(nxt[x]);
    if (x == until) return !(kindOf(t) == KIND_DELIVERY && isReload(x));
    if (isEnd(x) || isReload(x)) return false;
  }
}

/** Whether the string fits after node u of another route r2 (skills, stops, loads, windows). */
function fitsAfter(u: i32, r2: i32): bool {
  const ms = vehMaxStops(r2);
  if (ms >= 0 && unchecked(rJobs[r2]) + len > ms) return false;
  for (let i = 0; i < len; i++) if (!canServe(r2, unchecked(seq[i]))) return false;
  const w = unchecked(nxt[u]);
  for (let d = 0; d < D; d++) {
    let s: f64 = 0;
    let sd: f64 = 0;
    for (let i = 0; i < len; i++) {
      s += unchecked(taskStartLoad[seq[i] * D + d]);
      sd += unchecked(taskDelta[seq[i] * D + d]);
    }
    const cap = capOf(r2, d);
    if (unchecked(pMax[u * D + d]) + s > cap) return false;
    if (unchecked(sMax[w * D + d]) + s + sd > cap) return false;
    let run = unchecked(loadAfter[u * D + d]) + s;
    for (let i = 0; i < len; i++) {
      run += unchecked(taskDelta[seq[i] * D + d]);
      if (run > cap) return false;
    }
  }
  let time = unchecked(eDep[u]);
  let l = unchecked(effLoc[u]);
  for (let i = 0; i < len; i++) {
    time = visitStop(r2, unchecked(seq[i]), time, l);
    if (time < 0) return false;
    l = visitLoc;
  }
  return feasibleFrom(r2, w, time, l);
}

/**
 * Whether route r still meets its windows with the string moved after u, in the same route:
 * the stops between the old and the new place are re-timed from the cached arrays, so most
 * infeasible moves are never applied. A necessary check only (loads and the other rules are
 * left to moveString); true without a verdict when a break or a reload lies on the way.
 */
function intraFits(r: i32, u: i32): bool {
  const z = unchecked(seq[len - 1]);
  const p = unchecked(prv[seq[0]]);
  const n = unchecked(nxt[z]);
  const forward = unchecked(posOf[u]) > unchecked(posOf[z]);
  // Forward: p, n … u, the string, nxt[u] …; backward: u, the string, nxt[u] … p, n …
  let time = unchecked(eDep[forward ? p : u]);
  let l = unchecked(effLoc[forward ? p : u]);
  for (let pass = 0; pass < 2; pass++) {
    if ((pass == 0) == forward) {
      const last = forward ? u : p;
      for (let x = forward ? n : unchecked(nxt[u]); ; x = unchecked(nxt[x])) {
        if (x >= nTasks || kindOf(x) == KIND_BREAK || kindOf(x) == KIND_RELOAD) return true;
        time = visitStop(r, x, time, l);
        if (time < 0) return false;
        l = visitLoc;
        if (x == last) break;
      }
    } else {
      for (let i = 0; i < len; i++) {
        time = visitStop(r, unchecked(seq[i]), time, l);
        if (time < 0) return false;
        l = visitLoc;
      }
    }
  }
  return feasibleFrom(r, forward ? unchecked(nxt[u]) : n, time, l);
}

/** Moves the string after node u; returns whether it was kept (feasible and cheaper). */
function moveString(u: i32, r: i32, r2: i32): bool {
  const p = unchecked(prv[seq[0]]);
  const before = lsCost();
  touch(r);
  if (r2 != r) touch(r2);
  for (let i = 0; i < len; i++) unlink(unchecked(seq[i]));
  let at = u;
  for (let i = 0; i < len; i++) {
    linkAfter(unchecked(seq[i]), at);
    at = unchecked(seq[i]);
  }
  recompute(r);
  if (r2 != r) recompute(r2);
  if (rFeasible[r] && rFeasible[r2] && withinLimits(r) && withinLimits(r2) && gained(before)) return true;
  for (let i = 0; i < len; i++) unlink(unchecked(seq[i]));
  at = p;
  for (let i = 0; i < len; i++) {
    linkAfter(unchecked(seq[i]), at);
    at = unchecked(seq[i]);
  }
  recompute(r);
  if (r2 != r) recompute(r2);
  return false;
}

/** Moves the best string starting at job t (if any lowers the cost); returns whether it did. */
export function orOpt(t: i32): bool {
  const shipment = kindOf(t) == KIND_PICKUP || kindOf(t) == KIND_DELIVERY;
  if (kindOf(t) != KIND_JOB && !shipment) return false;
  const r = unchecked(routeOf[t]);
  if (r < 0) return false;
  const p = unchecked(prv[t]);
  const lp = unchecked(effLoc[p]);
  let bestInter: f64 = -1e-9;
  let interU = -1;
  let interLen = 0;
  let bestIntra: f64 = -1e-9;
  let intraU = -1;
  let intraLen = 0;
  len = 0;
  let z = t;
  for (let k = 1; k <= MAX_STRING; k++) {
    if (k > 1) {
      if (shipment) break;
      z = unchecked(nxt[z]);
      if (z >= nTasks || kindOf(z) != KIND_JOB) break;
    }
    unchecked((seq[len++] = z));
    const n = unchecked(nxt[z]);
    const lt = locOf(t);
    const lz = locOf(z);
    const ln = locOf(nextReal(n));
    let gain = arcCost(r, lp, lt) + arcCost(r, lz, ln) - arcCost(r, lp, ln);
    const inner = innerCost(r);
    const removable = k > 1 && feasibleFrom(r, n, unchecked(eDep[p]), lp);
    const emptied = unchecked(rJobs[r]) == k;
    // Neighbours of the first job (string after them), then of the last (string before them).
    for (let side = 0; side < 2; side++) {
      const h = side == 0 ? t : z;
      const a0 = adjStart[h];
      const a1 = lsNeighboursEnd(h);
      for (let i = a0; i < a1; i++) {
        const c = unchecked(adj[i]);
        const r2 = unchecked(routeOf[c]);
        if (r2 < 0) continue;
        const u = side == 0 ? c : unchecked(prv[c]);
        if (r2 == r && (u == p || u == z || inString(u) || inString(c))) continue;
        if (shipment && (r2 != r || !keepsPair(t, u))) continue;
        const lu = unchecked(effLoc[u]);
        const lw = locOf(nextReal(unchecked(nxt[u])));
        const ins = arcCost(r2, lu, lt) + arcCost(r2, lz, lw) - arcCost(r2, lu, lw);
        if (r2 == r) {
          const delta = ins - gain;
          if (delta < bestIntra * (1 + 1e-9)) {
            bestIntra = delta;
            intraU = u;
            intraLen = k;
          }
          continue;
        }
        if (k == 1 || !removable) continue;
        let delta = ins + innerCost(r2) - inner - gain;
        if (emptied) delta -= vehFixed(r) * fixedScale;
        if (delta >= bestInter * (1 + 1e-9)) continue;
        if (!fitsAfter(u, r2)) continue;
        bestInter = delta;
        interU = u;
        interLen = k;
      }
    }
  }
  // Best first; an intra-route move is only known feasible once applied.
  for (let attempt = 0; attempt < 2; attempt++) {
    const intra = intraU >= 0 && (interU < 0 || bestIntra < bestInter);
    const u = intra ? intraU : interU;
    if (u < 0) return false;
    len = intra ? intraLen : interLen;
    for (let i = 1; i < len; i++) unchecked((seq[i] = nxt[seq[i - 1]]));
    if ((!intra || intraFits(r, u)) && moveString(u, r, unchecked(routeOf[u]))) return true;
    if (intra) intraU = -1;
    else interU = -1;
  }
  return false;
}
