/**
 * SISR recreate: greedy insertion with blinks. Tasks are sorted by one of a few orders drawn at
 * random (random, largest demand, farthest, closest, tightest window), then each goes to its
 * cheapest feasible position, each position being skipped ("blinked") with a small probability.
 */
import { KIND_JOB, KIND_PICKUP } from '../src/abi';
import {
  kindOf,
  lastEnd,
  pairOf,
  penaltyOf,
  taskSkill,
  vehSkill,
  nVeh,
  startNode,
  endNode,
  vehFixed,
} from './instance';
import { markAround } from './focus';
import { adj, adjStart, cand, candStart } from './init';
import { evalInsert, INF, routeFullFor } from './insert';
import { evalPair, pairDeliveryAfter } from './insert-pair';
import { beyond, deliveryFloor, pairFloorOn, pairRouteFloor } from './pair-floor';
import { eDep, effLoc, linkAfter, nxt, prv, recompute, rFeasible, rJobs, routeOf, rSize, unlink } from './routes';
import { anyDriving, anyReload, balanceK, hasGroups } from './rules';
import { pend, pendCount } from './ruin';
import { rand, restoreRng, saveRng } from './rng';
import { allocPendingOrder, sortPending } from './pending-order';
import { addUnassigned, searchCost, touch, unasScale } from './state';
import { durInto, locOf, metricDur } from './travel';
import { emptyTwinTried, heterogeneous, newTypeScan, nTypes, skipEmptyTwin, typesSeen, vehType } from './fleet';
import { capWeight, setOverloading } from './soft-capacity';

export let blinkRate: f64 = 0.01;
/**
 * Fleet minimisation: routes closed for insertion. Frozen when the phase starts (empty routes) and
 * when it empties a route on purpose; a route emptied by a ruin stays open, or the fleet would
 * shrink by accident with its customers stranded.
 */
let closed = new StaticArray<bool>(0);
let closing = false;
export function closeEmptyRoutes(): void {
  closing = true;
  for (let r = 0; r < nVeh; r++) closed[r] = rJobs[r] == 0;
}
export function closeRoute(r: i32): void {
  closed[r] = true;
}
export function openAllRoutes(): void {
  closing = false;
}
export function setBlinkRate(b: f64): void {
  if (b >= 0) blinkRate = b;
}

export function allocRecreate(): void {
  closed = new StaticArray<bool>(nVeh);
  floorRoute = new StaticArray<i32>(nVeh);
  floorLow = new StaticArray<f64>(nVeh);
  floorDelivery = new StaticArray<f64>(nVeh);
  twinStamp = new StaticArray<i32>(nVeh); // types are at most the vans (prepareFleet comes later)
  twinLow = new StaticArray<f64>(nVeh);
  twinDelivery = new StaticArray<f64>(nVeh);
  twinScan = 0;
  allocPendingOrder();
}
/**
 * Inserts every pending task at its best position, or leaves it unassigned. Stops early, returning
 * false, once the search cost passes `bound`: the annealing passes a cost its candidate cannot be
 * accepted above, and each insertion only adds cost (a stop, an opened route, a task left out).
 */
export function recreate(sortIt: bool, bound: f64 = Infinity): bool {
  if (sortIt) sortPending();
  for (let i = 0; i < pendCount; i++) {
    overBudget = false;
    insertBest(pend[i], bound < Infinity ? bound - searchCost() : INF);
    if (overBudget || searchCost() > bound) return false;
  }
  return true;
}

/**
 * Set by insertBest when its full scan, capped at the budget, found no position within it: the
 * candidate would pass its bound wherever the task went, so the recreate stops there.
 */
let overBudget = false;
/** Relative slack over the budget, for rounding: a position priced just above it is placed and checked as before. */
const BUDGET_SLACK: f64 = 1e-9;

/**
 * Whether an insertion's price is exactly what it adds to the search cost: then a position priced
 * over the budget cannot keep a candidate within its bound. Work limits, balanced workloads and
 * penalised capacity add terms the price leaves out or estimates.
 */
// @inline
function exactPrices(): bool {
  return !hasGroups && balanceK == 0 && capWeight == 0;
}

/**
 * Granular insertion for instances with long routes: a job is first tried only next to its
 * nearest neighbours and in empty routes (O(K) instead of O(stops)); the full scan runs only when
 * that finds nothing feasible or only a route to open, so no job is left out, and no route opened,
 * because of the shortcut. Off for short
 * routes (many shifts, as in multi-day plans): there the neighbours often sit in routes of other
 * days and the short list would open new routes instead of filling the right day's.
 */
let granularK: i32 = 0;
export function setGranular(k: i32): void {
  granularK = k;
}

let best: f64 = INF;
let bestU: i32 = -1;
let bestR: i32 = -1;
let bestQ: i32 = -1;

// @inline

function tryAt(t: i32, u: i32, r: i32, emptyRoute: bool = false): void {
  if (blinkRate > 0 && rand() < blinkRate) return;
  if (emptyRoute && emptyTwinTried(r)) return;
  const c = evalInsert(t, u, r, best);
  if (c < best) {
    best = c;
    bestU = u;
    bestR = r;
  }
}

function granularScan(t: i32): void {
  const a0 = unchecked(adjStart[t]);
  let a1 = unchecked(adjStart[t + 1]);
  if (a1 > a0 + granularK) a1 = a0 + granularK;
  const skills = unchecked(taskSkill[t]);
  for (let i = a0; i < a1; i++) {
    const b = unchecked(adj[i]);
    const r = unchecked(routeOf[b]);
    if (r < 0 || (closing && unchecked(closed[r]))) continue;
    if ((skills & ~unchecked(vehSkill[r])) != 0) continue;
    if (routeFullFor(t, r, best)) {
      // Both positions would fail on capacity; their blinks' draws are kept (same random stream).
      if (blinkRate > 0) {
        rand();
        rand();
      }
      continue;
    }
    tryAt(t, unchecked(prv[b]), r);
    tryAt(t, b, r);
  }
  const c1 = unchecked(candStart[t + 1]);
  // Once an empty van of every type is priced, the rest are twins: the walk ends there.
  for (let ci = unchecked(candStart[t]); ci < c1 && typesSeen < nTypes; ci++) {
    const r = unchecked(cand[ci]);
    if (unchecked(rJobs[r]) != 0 || (closing && unchecked(closed[r]))) continue;
    if (skipEmptyTwin(r)) continue;
    const e = endNode(r);
    for (let u = startNode(r); u != e; u = unchecked(nxt[u])) tryAt(t, u, r, true);
  }
}

/** Skips the positions from u to e unevaluated, drawing their blinks so the random stream stays the same. */
function skipPositions(u: i32, e: i32): void {
  if (blinkRate > 0) for (; u != e; u = unchecked(nxt[u])) rand();
}

function scanRoute(t: i32, r: i32, isPair: bool, floor: f64): void {
  const e = endNode(r);
  let u = startNode(r);
  if (!isPair && routeFullFor(t, r, best)) {
    skipPositions(u, e); // every position would fail on capacity
    return;
  }
  // A job, or a shipment's pickup (its delivery comes later still).
  const late = metricDur && !anyReload && (isPair || kindOf(t) == KIND_JOB) ? lastEnd(t) : INF;
  const lt = locOf(t);
  const empty = unchecked(rSize[r]) == 0;
  while (u != e) {
    if (late < INF) {
      // Too late for t after u, so after every later stop too: with durations that obey the
      // triangle inequality, leaving a later stop and driving to t never arrives earlier.
      const arr = unchecked(eDep[u]) + durInto(r, unchecked(effLoc[u]), lt);
      if (arr > late + 1e-7 * Math.abs(arr)) {
        skipPositions(u, e);
        return;
      }
    }
    if ((blinkRate > 0 && rand() < blinkRate) || (empty && emptyTwinTried(r))) {
      u = unchecked(nxt[u]);
      continue;
    }
    if (isPair) {
      const c = evalPair(t, u, r, best, floor, pairFloorOn);
      if (c < best) {
        best = c;
        bestU = u;
        bestR = r;
        bestQ = pairDeliveryAfter;
      }
    } else {
      const c = evalInsert(t, u, r, best);
      if (c < best) {
        best = c;
        bestU = u;
        bestR = r;
      }
    }
    u = unchecked(nxt[u]);
  }
}

let floorRoute = new StaticArray<i32>(0);
let floorLow = new StaticArray<f64>(0);
let floorDelivery = new StaticArray<f64>(0);
/** Per van type, the floors of its empty vans in the current pair scan (`twinScan`). */
let twinStamp = new StaticArray<i32>(0);
let twinLow = new StaticArray<f64>(0);
let twinDelivery = new StaticArray<f64>(0);
let twinScan: i32 = 0;

/**
 * A shipment on metric costs: each route's floor first (O(stops), against O(stops²) for its
 * positions), then the routes cheapest floor first, until a floor reaches the best found. The
 * first routes set a tight bound, so evalPair skips most positions of the others, or whole routes.
 */
function scanPairByFloor(t: i32, c1: i32): void {
  let n = 0;
  twinScan++;
  for (let ci = candStart[t]; ci < c1; ci++) {
    const r = unchecked(cand[ci]);
    if (closing && unchecked(closed[r])) continue;
    if (skipEmptyTwin(r)) continue;
    // Identical empty vans have the same floor: priced once per type (Li & Lim's 100 vans, 10 of
    // them used, made nine tenths of the floors' calls).
    const ty = unchecked(vehType[r]);
    const empty = unchecked(rSize[r]) == 0;
    const twin = empty && unchecked(twinStamp[ty]) == twinScan;
    const low = twin ? unchecked(twinLow[ty]) : pairRouteFloor(t, r);
    const fd = twin ? unchecked(twinDelivery[ty]) : deliveryFloor;
    if (empty && !twin) {
      unchecked((twinStamp[ty] = twinScan));
      unchecked((twinLow[ty] = low));
      unchecked((twinDelivery[ty] = fd));
    }
    let j = n - 1;
    while (j >= 0 && unchecked(floorLow[j]) > low) {
      unchecked((floorLow[j + 1] = floorLow[j]));
      unchecked((floorRoute[j + 1] = floorRoute[j]));
      unchecked((floorDelivery[j + 1] = floorDelivery[j]));
      j--;
    }
    unchecked((floorLow[j + 1] = low));
    unchecked((floorRoute[j + 1] = r));
    unchecked((floorDelivery[j + 1] = fd));
    n++;
  }
  for (let i = 0; i < n; i++) {
    if (beyond(unchecked(floorLow[i]), best)) break;
    scanRoute(t, unchecked(floorRoute[i]), true, unchecked(floorDelivery[i]));
  }
}

/** Whether the best position found so far opens a route at a fixed cost. */
// @inline
function opensRoute(): bool {
  return bestR >= 0 && unchecked(rJobs[bestR]) == 0 && vehFixed(bestR) > 0;
}

/** Scans the candidate routes of task t up to cand index c1 for a cheaper position than `best`. */
function scanCandidates(t: i32, isPair: bool, c1: i32): void {
  if (isPair && pairFloorOn) {
    scanPairByFloor(t, c1);
    return;
  }
  for (let ci = candStart[t]; ci < c1; ci++) {
    const r = unchecked(cand[ci]);
    if (closing && unchecked(closed[r])) continue;
    // Once one of every type is priced, the empty vans left are twins, skipped without drawing
    // their blinks (as the granular scan ends its walk). Tested before skipEmptyTwin, which
    // stamps a mixed fleet's van as it is first met: that van is still to be priced.
    if (typesSeen >= nTypes && unchecked(rSize[r]) == 0) continue;
    // Identical empty vans price the same: one of each type is enough.
    if (skipEmptyTwin(r)) continue;
    scanRoute(t, r, isPair, 0.0);
  }
}

/**
 * Inserts task t at its cheapest feasible position; returns false (and lists it unassigned) if none.
 * `budget` is what the candidate may still add (the final annealing's bound less its cost so far).
 */
export function insertBest(t: i32, budget: f64 = INF): bool {
  const isPair = kindOf(t) == KIND_PICKUP;
  best = INF;
  bestU = -1;
  bestR = -1;
  bestQ = -1;
  newTypeScan();
  if (granularK > 0 && kindOf(t) == KIND_JOB) granularScan(t);
  // The full scan runs when the short list found nothing, or only a route to open at a fixed
  // cost: at a tight fleet the neighbours' routes are often full while a farther one has room
  // (Homberger 1,000 with vehicles first ended a route up and 2 points further from the best
  // known when a new route was taken for an answer).
  const full = !(bestR >= 0 && !opensRoute());
  // A full scan is what a dropped candidate costs most (the task that fits nowhere near its
  // neighbours, 34–37 % of the final annealing's candidates on Homberger 1,000): capped at the
  // budget, its positions are rejected on price before their windows are checked. The outcome is
  // the uncapped scan's: the same position when one is within the budget, the candidate dropped
  // otherwise. Shipments keep the plain scan: their route floors would skip blinks' draws.
  const cap = budget + BUDGET_SLACK * (Math.abs(budget) + 1.0);
  // Mixed fleets too: the scan's empty-van stamps would make the uncapped scan differ.
  const capped = full && budget < INF && !isPair && !heterogeneous && exactPrices() && cap < best;
  if (capped) {
    best = cap;
    saveRng();
  }
  scanCandidates(t, isPair, full ? candStart[t + 1] : candStart[t]);
  if (capped && best == cap) {
    // Nothing within the budget. Leaving t out would fit it only when no position exists at all,
    // which only the uncapped scan tells (same draws, so the same search as without the cap).
    if (bestR >= 0 || unasScale * penaltyOf(t) > cap) {
      overBudget = true;
      return false;
    }
    restoreRng();
    best = INF;
    newTypeScan(); // the capped scan marked the empty vans it priced against the cap
    scanCandidates(t, isPair, candStart[t + 1]);
  }
  if (capWeight > 0 && (bestR < 0 || opensRoute())) {
    // Penalised capacity (soft-capacity.ts): a job that no used route can take within capacity
    // may overload one rather than open a route or stay out.
    setOverloading(true);
    newTypeScan();
    scanCandidates(t, isPair, candStart[t + 1]);
    setOverloading(false);
  }
  if (bestR < 0) {
    addUnassigned(t);
    return false;
  }
  touch(bestR);
  linkAfter(t, bestU);
  if (isPair) linkAfter(pairOf(t), bestQ); // bestQ == t means right after the pickup
  markAround(t);
  if (isPair) markAround(pairOf(t));
  recompute(bestR);
  if ((hasGroups || anyDriving) && !rFeasible[bestR]) {
    // Shipments are priced without the driving and work-limit checks: confirmed here.
    unlink(t);
    if (isPair) unlink(pairOf(t));
    recompute(bestR);
    addUnassigned(t);
    return false;
  }
  return true;
}
