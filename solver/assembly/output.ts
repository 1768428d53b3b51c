/**
 * Result serialisation into one Float64Array (layout documented in index.ts), plus the reason
 * each unassigned task could not be routed.
 */
import { KIND_BREAK, KIND_PICKUP } from '../src/abi';
import { endNode, isBreak, isReload, kindOf, nTasks, nVeh, startNode, vehTwStart } from './instance';
import { passive, rFirst } from './rules';
import { aloneReason, cand, candStart, failureReason } from './init';
import { evalInsert, INF, resetFails } from './insert';
import { evalPair } from './insert-pair';
import { cumDist, eDep, effLoc, eStart, nxt, rCost, rDist, rJobs, rTravel, routeOf } from './routes';
import { iterations } from './search';
import { poolOutputLength, writePool } from './route-pool';
import { packBest, packedBestLength, totalCost, unas, unasCount, usedRoutes } from './state';
import { dur, locOf } from './travel';

let out = new StaticArray<f64>(0);
let outLen: i32 = 0;

// @inline

function put(x: f64): void {
  unchecked((out[outLen++] = x));
}

function reasonFor(t: i32): i32 {
  if (candStart[t + 1] == candStart[t]) return aloneReason[t];
  resetFails();
  for (let ci = candStart[t]; ci < candStart[t + 1]; ci++) {
    const r = cand[ci];
    const e = endNode(r);
    let u = startNode(r);
    while (u != e) {
      const c = kindOf(t) == KIND_PICKUP ? evalPair(t, u, r) : evalInsert(t, u, r);
      if (c < INF) return failureReason();
      u = nxt[u];
    }
  }
  return failureReason();
}

export function writeOutput(): usize {
  // Upper bound: header, per route 6 + 5 per step, per unassigned 2.
  out = new StaticArray<f64>(8 + nVeh * 6 + nTasks * 7 + packedBestLength() + poolOutputLength());
  showReload = new StaticArray<bool>(nTasks);
  outLen = 0;
  let totalDist: f64 = 0;
  let totalTravel: f64 = 0;
  for (let r = 0; r < nVeh; r++) {
    if (rJobs[r] > 0) {
      totalDist += rDist[r];
      totalTravel += rTravel[r];
    }
  }
  // Tasks never routed: unassigned list, plus tasks that had no candidate vehicle, plus breaks
  // of vehicles that cannot be used (not reported).
  let nUn = unasCount;
  for (let t = 0; t < nTasks; t++) {
    if (routeOf[t] < 0 && kindOf(t) < KIND_BREAK && candStart[t + 1] == candStart[t] && !isInUnas(t)) nUn++;
  }
  put(totalCost());
  put(<f64>usedRoutes());
  put(<f64>nUn);
  put(<f64>iterations);
  put(totalDist);
  put(totalTravel);
  put(0);
  put(0);
  for (let r = 0; r < nVeh; r++) {
    if (rJobs[r] == 0) continue;
    const s = startNode(r);
    const e = endNode(r);
    let steps = 0;
    let x = nxt[s];
    let stops = false;
    while (x != e) {
      // A reload is a step when it ends a trip: active, with a stop since the last one shown.
      if (isReload(x)) {
        showReload[x] = !passive[x] && stops;
        if (showReload[x]) stops = false;
      } else if (!isBreak(x)) stops = true;
      if (shown(x)) steps++;
      x = nxt[x];
    }
    // Leave the depot as late as the first stop allows, so the route does not start by waiting
    // (reloads parked at the start are skipped: they take no time there).
    const first = rFirst[r];
    let depart = vehTwStart(r);
    if (first != e && !isBreak(first)) {
      const late = eStart[first] - dur(r, effLoc[s], locOf(first));
      if (late > depart) depart = late;
    }
    put(<f64>r);
    put(<f64>steps);
    put(depart);
    put(eStart[e]);
    put(rCost[r]);
    put(rDist[r]);
    let prevDep = depart;
    let prevLoc = effLoc[s];
    x = nxt[s];
    while (x != e) {
      if (!shown(x)) {
        x = nxt[x];
        continue;
      }
      const arr = passive[x] ? prevDep : prevDep + dur(r, prevLoc, locOf(x));
      put(<f64>x);
      put(arr);
      put(eStart[x]);
      put(eDep[x]);
      put(cumDist[x]);
      prevDep = eDep[x];
      prevLoc = effLoc[x];
      x = nxt[x];
    }
  }
  for (let i = 0; i < unasCount; i++) {
    put(<f64>unas[i]);
    put(<f64>reasonFor(unas[i]));
  }
  for (let t = 0; t < nTasks; t++) {
    if (routeOf[t] < 0 && kindOf(t) < KIND_BREAK && candStart[t + 1] == candStart[t] && !isInUnas(t)) {
      put(<f64>t);
      put(<f64>aloneReason[t]);
    }
  }
  // The solution packed, for a later round that starts from it (src/searches.ts).
  unchecked((out[6] = <f64>outLen));
  const packed = new StaticArray<i32>(packedBestLength());
  packBest(packed);
  for (let i = 0; i < packed.length; i++) put(<f64>unchecked(packed[i]));
  // The route pool, when kept, from the offset in header slot 7 (src/recombine.ts).
  if (poolOutputLength() > 0) {
    unchecked((out[7] = <f64>outLen));
    writePool(put);
  }
  return changetype<usize>(out);
}

/** Whether node x of route r is a step of the output: reloads only when they end a trip. */
let showReload = new StaticArray<bool>(0);
function shown(x: i32): bool {
  return !isReload(x) || showReload[x];
}

function isInUnas(t: i32): bool {
  for (let i = 0; i < unasCount; i++) if (unas[i] == t) return true;
  return false;
}

export function outputLength(): i32 {
  return outLen;
}
