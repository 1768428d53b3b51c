/**
 * Heterogeneous fleets (vans with their own capacity, fixed cost and cost per hour or km).
 *
 * Why this exists: greedy insertion prices a first stop in an empty van at the van's own rates, so the
 * cheapest-to-open type (usually the smallest van) always wins the first stop, and a big van, which pays off
 * only once it carries many stops, is never opened: the search stalls on many small radial routes (vfmpv17:
 * 29 small vans, +62 %, where the best known uses 7). Two remedies, both used only when the vehicles differ:
 *  - a route-by-route construction (fill one van with the cheapest insertions, then open the
 *    next), tried with the vans ordered by capacity and by cost per unit of capacity;
 *  - a route exchange move in the annealing: the whole sequence of one route moves to another
 *    vehicle (empty or used, swapping), so a route can change its van type.
 * Identical vans form a type: an empty van is tried once per type in insertion scans.
 */
import { KIND_DELIVERY, KIND_PICKUP, VEH_F_STRIDE, VEH_I_STRIDE } from '../src/abi';
import {
  capOf,
  D,
  endNode,
  isBound,
  kindOf,
  nTasks,
  nVeh,
  pairOf,
  startNode,
  taskSkill,
  vehF,
  vehI,
  vehCap,
  vehFixed,
  vehMaxDist,
  vehMaxStops,
  vehMaxTravel,
  vehPerM,
  vehPerSec,
  vehSkill,
} from './instance';
import { cand, candStart, isSeedable } from './init';
import { evalInsert, INF } from './insert';
import { evalPair, pairDeliveryAfter } from './insert-pair';
import {
  linkAfter,
  nxt,
  pMax,
  prv,
  rCost,
  rDist,
  recompute,
  rFeasible,
  rJobs,
  routeOf,
  rSize,
  rTravel,
  unlink,
} from './routes';
import { anyDriving, hasGroups } from './rules';
import { addUnassigned, touch } from './state';
import { locOf, proximity } from './travel';
import { randInt } from './rng';

/** Type of each vehicle: identical vans share one; a van with breaks has a type of its own. */
export let vehType = new StaticArray<i32>(0);
export let nTypes: i32 = 0;
/** Whether at least two vehicles differ in capacity or costs. */
export let heterogeneous = false;
let hasBreaks = new StaticArray<bool>(0);
let typeStamp = new StaticArray<i32>(0);
let stampId: i32 = 0;
/** Types with an empty van priced (or skipped as a twin) in this scan: at nTypes, no empty van is left to try. */
export let typesSeen: i32 = 0;

function sameVehicle(a: i32, b: i32): bool {
  for (let k = 0; k < VEH_F_STRIDE; k++) if (vehF[a * VEH_F_STRIDE + k] != vehF[b * VEH_F_STRIDE + k]) return false;
  for (let k = 0; k < VEH_I_STRIDE; k++) if (vehI[a * VEH_I_STRIDE + k] != vehI[b * VEH_I_STRIDE + k]) return false;
  for (let d = 0; d < D; d++) if (vehCap[a * D + d] != vehCap[b * D + d]) return false;
  return vehSkill[a] == vehSkill[b];
}

/** Call before any insertion (a van with breaks keeps a type of its own). */
export function prepareFleet(): void {
  vehType = new StaticArray<i32>(nVeh);
  hasBreaks = new StaticArray<bool>(nVeh);
  nTypes = 0;
  const rep = new StaticArray<i32>(nVeh);
  // Breaks and reloads are bound to their van: such a van is a type of its own and keeps its routes.
  for (let t = 0; t < nTasks; t++) if (isBound(t)) hasBreaks[pairOf(t)] = true;
  for (let v = 0; v < nVeh; v++) {
    let ty = -1;
    if (!hasBreaks[v]) {
      for (let k = 0; k < nTypes; k++) {
        const r = rep[k];
        if (!hasBreaks[r] && sameVehicle(v, r)) {
          ty = k;
          break;
        }
      }
    }
    if (ty < 0) {
      ty = nTypes;
      rep[nTypes++] = v;
    }
    vehType[v] = ty;
  }
  typeStamp = new StaticArray<i32>(nTypes);
  heterogeneous = false;
  for (let v = 1; v < nVeh; v++) {
    if (vehFixed(v) != vehFixed(0) || vehPerSec(v) != vehPerSec(0) || vehPerM(v) != vehPerM(0)) heterogeneous = true;
    for (let d = 0; d < D; d++) if (capOf(v, d) != capOf(0, d)) heterogeneous = true;
  }
}

/** Starts a new insertion scan for the "one empty van per type" rule. */
export function newTypeScan(): void {
  stampId++;
  typesSeen = 0;
}

/** Marks r's type as tried in this scan; true when an empty van of that type already was. */
// @inline
function typeTried(r: i32): bool {
  const ty = unchecked(vehType[r]);
  if (unchecked(typeStamp[ty]) == stampId) return true;
  unchecked((typeStamp[ty] = stampId));
  typesSeen++;
  return false;
}

/** Whether the scan should skip empty route r (an identical empty van was already tried). */
// @inline
export function skipEmptyTwin(r: i32): bool {
  return heterogeneous && unchecked(rSize[r]) == 0 && typeTried(r);
}

/**
 * Identical empty vans price a task alike, so one of a type is evaluated per scan: the others are
 * skipped after drawing their blinks until every type is priced, then passed over (`typesSeen`).
 */
// @inline
export function emptyTwinTried(r: i32): bool {
  return !heterogeneous && unchecked(rSize[r]) == 0 && typeTried(r);
}

function capSum(v: i32): f64 {
  let s: f64 = 0;
  for (let d = 0; d < D; d++) {
    const c = capOf(v, d);
    s += c < INF ? c : 1e15;
  }
  return s;
}

// ---- route-by-route construction ------------------------------------------------------------

let order = new StaticArray<i32>(0);
let orderKey = new StaticArray<f64>(0);
let pool = new StaticArray<i32>(0);
let poolCount: i32 = 0;

function isCand(t: i32, v: i32): bool {
  for (let ci = candStart[t]; ci < candStart[t + 1]; ci++) if (unchecked(cand[ci]) == v) return true;
  return false;
}

/** Fills route v from the pool: the farthest task first, then cheapest insertions while any fits. */
function fillRoute(v: i32): void {
  const depot = locOf(startNode(v)) >= 0 ? locOf(startNode(v)) : locOf(endNode(v));
  let first = true;
  while (poolCount > 0) {
    let bestI = -1;
    let bestU = -1;
    let bestQ = -1;
    let best: f64 = INF;
    let far: f64 = -1;
    for (let i = 0; i < poolCount; i++) {
      const t = unchecked(pool[i]);
      if (!isCand(t, v)) continue;
      const isPair = kindOf(t) == KIND_PICKUP;
      let tb: f64 = INF;
      let tu = -1;
      let tq = -1;
      const e = endNode(v);
      for (let u = startNode(v); u != e; u = unchecked(nxt[u])) {
        const c = isPair ? evalPair(t, u, v) : evalInsert(t, u, v, tb);
        if (c < tb) {
          tb = c;
          tu = u;
          tq = isPair ? pairDeliveryAfter : -1;
        }
      }
      if (tu < 0) continue;
      if (first) {
        // Seed with the farthest task that fits: the route then sweeps back towards the depot.
        const p = depot >= 0 ? proximity(depot, locOf(t)) : 0.0;
        if (p > far) {
          far = p;
          bestI = i;
          bestU = tu;
          bestQ = tq;
        }
      } else if (tb < best) {
        best = tb;
        bestI = i;
        bestU = tu;
        bestQ = tq;
      }
    }
    if (bestI < 0) return;
    const t = pool[bestI];
    pool[bestI] = pool[--poolCount];
    touch(v);
    linkAfter(t, bestU);
    if (kindOf(t) == KIND_PICKUP) linkAfter(pairOf(t), bestQ);
    recompute(v);
    if ((hasGroups || anyDriving) && !rFeasible[v]) {
      // A shipment over a driving or work limit (priced without them): this van is done.
      unlink(t);
      if (kindOf(t) == KIND_PICKUP) unlink(pairOf(t));
      recompute(v);
      pool[poolCount++] = t;
      return;
    }
    first = false;
  }
}

let nextVeh: i32 = 0;

/**
 * Starts building a solution route by route into empty routes (the caller has emptied them and
 * started a move). `byCapacity`: biggest vans first; otherwise lowest fixed cost per unit of
 * capacity first. Then `fillNextRoute()` until it returns false (the caller watches the clock),
 * then `endRouteConstruction()`.
 */
export function beginRouteConstruction(byCapacity: bool): void {
  if (order.length != nVeh) {
    order = new StaticArray<i32>(nVeh);
    orderKey = new StaticArray<f64>(nVeh);
    pool = new StaticArray<i32>(nTasks);
  }
  for (let v = 0; v < nVeh; v++) {
    order[v] = v;
    const cap = capSum(v);
    orderKey[v] = byCapacity ? -cap : (vehFixed(v) + 1e-9) / (cap > 0 ? cap : 1e-9);
  }
  for (let i = 1; i < nVeh; i++) {
    const v = order[i];
    const k = orderKey[i];
    let j = i - 1;
    while (j >= 0 && orderKey[j] > k) {
      order[j + 1] = order[j];
      orderKey[j + 1] = orderKey[j];
      j--;
    }
    order[j + 1] = v;
    orderKey[j + 1] = k;
  }
  poolCount = 0;
  for (let t = 0; t < nTasks; t++)
    if (isSeedable(t) && routeOf[t] < 0 && candStart[t + 1] > candStart[t]) pool[poolCount++] = t;
  nextVeh = 0;
}

/** Fills the next van in the order; false when every task is placed or every van tried. */
export function fillNextRoute(): bool {
  if (nextVeh >= nVeh || poolCount == 0) return false;
  fillRoute(order[nextVeh++]);
  return true;
}

/** Lists the tasks left in the pool as unassigned. */
export function endRouteConstruction(): void {
  for (let i = 0; i < poolCount; i++) addUnassigned(pool[i]);
  poolCount = 0;
}

// ---- route exchange --------------------------------------------------------------------------

let seqA = new StaticArray<i32>(0);
let seqB = new StaticArray<i32>(0);

function collect(r: i32, into: StaticArray<i32>): i32 {
  let n = 0;
  const e = endNode(r);
  for (let x = nxt[startNode(r)]; x != e; x = nxt[x]) into[n++] = x;
  return n;
}

function fits(v: i32): bool {
  if (!rFeasible[v]) return false;
  const e = endNode(v);
  for (let d = 0; d < D; d++) if (pMax[e * D + d] > capOf(v, d)) return false;
  const ms = vehMaxStops(v);
  if (ms >= 0 && rJobs[v] > ms) return false;
  if (rTravel[v] > vehMaxTravel(v) || rDist[v] > vehMaxDist(v)) return false;
  const offered = vehSkill[v];
  for (let x = nxt[startNode(v)]; x != e; x = nxt[x]) if ((taskSkill[x] & ~offered) != 0) return false;
  return true;
}

/** A random route with at least `minJobs` tasks and no bound task (breaks, reloads), or -1 after 16 tries. */
function randomRoute(minJobs: i32): i32 {
  if (seqA.length != nTasks) {
    seqA = new StaticArray<i32>(nTasks);
    seqB = new StaticArray<i32>(nTasks);
  }
  for (let tries = 0; tries < 16; tries++) {
    const r = randInt(nVeh);
    if (rJobs[r] >= minJobs && !hasBreaks[r]) return r;
  }
  return -1;
}

/**
 * Moves a random used route to a random vehicle of another type (swapping with its route if it has one).
 * Returns false when no exchange was made or it is infeasible; the caller has started a move and rolls it back.
 */
export function exchangeRoutes(): bool {
  const a = randomRoute(1);
  if (a < 0) return false;
  let b = -1;
  for (let tries = 0; tries < 16 && b < 0; tries++) {
    const r = randInt(nVeh);
    if (r != a && !hasBreaks[r] && vehType[r] != vehType[a]) b = r;
  }
  if (b < 0) return false;
  touch(a);
  touch(b);
  const na = collect(a, seqA);
  const nb = collect(b, seqB);
  for (let i = 0; i < na; i++) routeOf[seqA[i]] = -1;
  for (let i = 0; i < nb; i++) routeOf[seqB[i]] = -1;
  relinkInto(a, seqB, nb);
  relinkInto(b, seqA, na);
  recompute(a);
  recompute(b);
  return fits(a) && fits(b);
}

function relinkInto(r: i32, seq: StaticArray<i32>, n: i32, from: i32 = 0): void {
  const s = startNode(r);
  const e = endNode(r);
  nxt[s] = e;
  prv[e] = s;
  let u = s;
  for (let i = from; i < from + n; i++) {
    linkAfter(seq[i], u);
    u = seq[i];
  }
}

/**
 * Puts seq[from, from + n) in the empty van (one per type, the source route's own included) where
 * it fits and costs least; returns that van, or -1 when none fits. Every van tried is touched.
 */
function intoCheapestEmpty(seq: StaticArray<i32>, n: i32, from: i32): i32 {
  let best = -1;
  let bestCost = INF;
  newTypeScan();
  for (let v = 0; v < nVeh; v++) {
    if (rSize[v] != 0 || hasBreaks[v] || skipEmptyTwin(v)) continue;
    touch(v);
    relinkInto(v, seq, n, from);
    recompute(v);
    if (fits(v) && rCost[v] < bestCost) {
      best = v;
      bestCost = rCost[v];
    }
    relinkInto(v, seq, 0);
    recompute(v);
  }
  if (best >= 0) {
    relinkInto(best, seq, n, from);
    recompute(best);
  }
  return best;
}

/**
 * Splits a random used route in two at a random cut, each part in the empty van of the type
 * where it costs least: where vans cost by the hour or km, two smaller, cheaper vans can beat one
 * big one even with the extra depot trips, and neither insertion nor the route exchange splits a
 * route (vfmpv17 stalled at 4 big vans). Routes with shipments are left whole (a cut could part
 * a pickup from its delivery). Returns false when no split was made or it is infeasible; the
 * caller rolls the move back.
 */
export function splitRoute(): bool {
  const a = randomRoute(2);
  if (a < 0) return false;
  const n = collect(a, seqA);
  for (let i = 0; i < n; i++) {
    const k = kindOf(seqA[i]);
    if (k == KIND_PICKUP || k == KIND_DELIVERY) return false;
  }
  touch(a);
  const cut = 1 + randInt(n - 1);
  relinkInto(a, seqA, 0);
  recompute(a);
  if (intoCheapestEmpty(seqA, cut, 0) < 0) return false;
  return intoCheapestEmpty(seqA, n - cut, cut) >= 0;
}
