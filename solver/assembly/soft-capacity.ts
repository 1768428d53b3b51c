/**
 * Penalised capacity (tuning.softCapacity, opt-in) in the final annealing: a job that no used route
 * can take within capacity may overload one (recreate.ts, evalInsert) instead of opening a route,
 * at a price per unit over capacity that follows the walk and rises to prohibitive by the end.
 * The local search keeps capacity hard, and only a solution within every capacity becomes the
 * best. For jobs alone (no shipments, no reloads, one kind of van): there a route's largest load
 * is its prefix maximum at the end. Not shown to help on Homberger 1,000 (solver README).
 */
import { KIND_BREAK, KIND_JOB } from '../src/abi';
import { D, capOf, demandOf, endNode, kindOf, nTasks, nVeh, taskDelta, taskStartLoad } from './instance';
import { fixedSum, loadAfter, pMax, sMax } from './routes';

/** Price of one unit over capacity; 0 = capacity is hard (everywhere but the final annealing). */
export let capWeight: f64 = 0;
/** Units over capacity, summed over routes (kept by `trackExcess` while capWeight > 0). */
export let overSum: f64 = 0;
let rOver = new StaticArray<f64>(0);
/** Set by recreate while it prices positions over capacity (evalInsert), only for a job with no other place. */
export let overloading = false;
export function setOverloading(b: bool): void {
  overloading = b;
}

/** Units over capacity below which a solution counts as within capacity (sums of f64 updates). */
const OVER_EPS: f64 = 1e-7;
/** The most the walk's own adjustments raise the price to, in near-arc costs per unit over capacity. */
const ADAPT_CAP: f64 = 20;
/** The price's floor at the end of the final annealing, in near-arc costs per unit: prohibitive. */
const END_PRICE: f64 = 1000;
/** Iterations between adjustments of the price, and the share of them to spend within capacity. */
const ADAPT_EVERY: i32 = 100;
const LOW_SHARE: f64 = 0.5;
const HIGH_SHARE: f64 = 0.8;
const ADAPT_STEP: f64 = 1.25;

let startPrice: f64 = 0;
let endPrice: f64 = 0;
let adaptCap: f64 = 0;
let adaptive: f64 = 0;
let seen: i32 = 0;
let within: i32 = 0;
/** Fixed costs of the fewest routes the walk has used within capacity (see capacityTerm). */
let keptFixed: f64 = 0;

/**
 * What the annealing adds to a solution's cost: the price of its load over capacity and, while it
 * is over, the fixed costs of the routes it has emptied since it was last within capacity. At
 * vehicles first a route's fixed cost outweighs any price per unit that leaves room to search:
 * without this, the walk empties routes into overloaded vans and never finds its way back within
 * capacity (Homberger r1_10_2, 91 routes).
 */
// @inline
export function capacityTerm(): f64 {
  if (overSum < OVER_EPS) return 0.0;
  return capWeight * overSum + (fixedSum < keptFixed ? keptFixed - fixedSum : 0.0);
}

// @inline
export function withinCapacity(): bool {
  return overSum < OVER_EPS;
}

/**
 * Turns the price on: `perMean` near-arc costs (`scale`) per mean job load over capacity. The
 * price then follows the walk (stepSoftCapacity) up to ADAPT_CAP near-arc costs per unit (higher,
 * opening routes became the walk's escape on r1_10_2), and never falls below a floor that rises
 * geometrically to END_PRICE, so the annealing ends within capacity.
 */
export function startSoftCapacity(perMean: f64, scale: f64): void {
  startPrice = (perMean * scale) / meanDemand();
  endPrice = Math.max(startPrice, END_PRICE * scale);
  adaptCap = ADAPT_CAP * scale;
  adaptive = startPrice;
  keptFixed = fixedSum;
  seen = 0;
  within = 0;
  setCapWeight(startPrice);
}

/**
 * Once per iteration of the final annealing (at `frac` of it): every ADAPT_EVERY iterations the
 * price rises when the walk spent under LOW_SHARE of them within capacity, and falls when it spent
 * over HIGH_SHARE (as HGS adapts its penalties to a target share of feasible solutions). True
 * when the price changed.
 */
export function stepSoftCapacity(frac: f64): bool {
  if (withinCapacity()) {
    within++;
    if (fixedSum < keptFixed) keptFixed = fixedSum;
  }
  if (++seen < ADAPT_EVERY) return false;
  const share = <f64>within / <f64>seen;
  if (share < LOW_SHARE && adaptive < adaptCap) adaptive *= ADAPT_STEP;
  else if (share > HIGH_SHARE && adaptive > startPrice) adaptive /= ADAPT_STEP;
  seen = 0;
  within = 0;
  const floor = startPrice * Math.pow(endPrice / startPrice, frac);
  setCapWeight(adaptive > floor ? adaptive : floor);
  return true;
}

/** Whether the problem is one the penalty is written for (see the module's comment). */
export function softCapacityFits(heterogeneous: bool, reloads: bool): bool {
  if (heterogeneous || reloads || D == 0) return false;
  for (let t = 0; t < nTasks; t++) {
    const k = kindOf(t);
    if (k != KIND_JOB && k != KIND_BREAK) return false;
  }
  return true;
}

/** Mean load of a job (start load and change summed over dimensions): the unit the start price is given in. */
export function meanDemand(): f64 {
  let s: f64 = 0;
  let n = 0;
  for (let t = 0; t < nTasks; t++) {
    if (kindOf(t) != KIND_JOB) continue;
    s += demandOf(t);
    n++;
  }
  return n > 0 && s > 0 ? s / <f64>n : 1.0;
}

/** Units over capacity on route v as cached by `recompute`. */
function routeExcess(v: i32): f64 {
  const e = endNode(v);
  let x: f64 = 0;
  for (let d = 0; d < D; d++) {
    const over = unchecked(pMax[e * D + d]) - capOf(v, d);
    if (over > 0) x += over;
  }
  return x;
}

/** Sets the price; turning it on or off recounts the excess of every route. */
export function setCapWeight(w: f64): void {
  const was = capWeight > 0;
  capWeight = w;
  if (w > 0 == was) return;
  if (rOver.length != nVeh) rOver = new StaticArray<f64>(nVeh);
  overSum = 0;
  for (let v = 0; v < nVeh; v++) {
    const x = w > 0 ? routeExcess(v) : 0.0;
    rOver[v] = x;
    overSum += x;
  }
}

/** Units over capacity on route v, as last tracked. */
// @inline
export function routeOver(v: i32): f64 {
  return unchecked(rOver[v]);
}

/** Called by `recompute` for route v while the price is on. */
export function trackExcess(v: i32): void {
  const x = routeExcess(v);
  overSum += x - unchecked(rOver[v]);
  unchecked((rOver[v] = x));
}

/** Units over capacity that job j inserted after u (before w) adds to route v. */
export function insertExcess(v: i32, j: i32, u: i32, w: i32): f64 {
  let x: f64 = 0;
  for (let d = 0; d < D; d++) {
    const s = unchecked(taskStartLoad[j * D + d]);
    const after = s + unchecked(taskDelta[j * D + d]);
    let m = unchecked(pMax[u * D + d]) + s;
    const at = unchecked(loadAfter[u * D + d]) + after;
    if (at > m) m = at;
    const later = unchecked(sMax[w * D + d]) + after;
    if (later > m) m = later;
    const over = m - capOf(v, d);
    if (over > 0) x += over;
  }
  return x - unchecked(rOver[v]);
}
