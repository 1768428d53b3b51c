/**
 * SISR ruin (Christiaens & Vanden Berghe, 2020): around a random seed task, remove one string of
 * consecutive tasks from each of a few nearby routes, sometimes keeping a short substring in the
 * middle ("split string"). Removing neighbours together frees room where it is useful.
 */
import { KIND_DELIVERY, KIND_PICKUP } from '../src/abi';
import { isBound, kindOf, nTasks, nVeh, pairOf, endNode, startNode } from './instance';
import { adj, adjStart } from './init';
import { markAround } from './focus';
import { nxt, rJobs, routeOf, unlink } from './routes';
import { rand, randInt } from './rng';
import { clearUnassigned, recomputeTouched, touch, unas, unasCount } from './state';

/** Tasks removed by the last ruin (routable ones only: jobs and shipment pickups). */
export let pend = new StaticArray<i32>(0);
export let pendCount: i32 = 0;
let routeSeq = new StaticArray<i32>(0);
let ruinedStamp = new StaticArray<i32>(0);
let ruinId: i32 = 0;

export let avgRemoved: f64 = 10; // SISR's c̄
export let maxString: f64 = 10; // SISR's L_max
/** Problems of shipments only: c̄ and L_max are at least half a route (see ruin). */
let halfRoutes = false;

export function allocRuin(): void {
  pend = new StaticArray<i32>(nTasks);
  routeSeq = new StaticArray<i32>(nTasks);
  ruinedStamp = new StaticArray<i32>(nVeh);
}

export function resetPend(): void {
  pendCount = 0;
}
export function pushPend(t: i32): void {
  unchecked((pend[pendCount++] = t));
}

/** Moves the unassigned list into `pend` so that recreate retries them. */
export function pendUnassigned(): void {
  for (let i = 0; i < unasCount; i++) pushPend(unchecked(unas[i]));
  clearUnassigned();
}

/** The tasks on routes (the ruin's size is drawn from it). */
export function assignedJobs(): i32 {
  let n = 0;
  for (let r = 0; r < nVeh; r++) n += unchecked(rJobs[r]);
  return n;
}

export function setRuinParams(cbar: f64, lmax: f64, shipmentsOnly: bool): void {
  if (cbar > 0) avgRemoved = cbar;
  if (lmax > 0) maxString = lmax;
  halfRoutes = shipmentsOnly;
}

/** Removes task t (and its shipment partner) from its route into `pend`. */
export function removeTask(t: i32): void {
  const r = routeOf[t];
  if (r < 0) return;
  touch(r);
  markAround(t);
  unlink(t);
  const k = kindOf(t);
  if (k == KIND_PICKUP || k == KIND_DELIVERY) {
    const q = pairOf(t);
    if (routeOf[q] >= 0) {
      markAround(q);
      unlink(q);
    }
  }
  unchecked((pend[pendCount++] = k == KIND_DELIVERY ? pairOf(t) : t));
}

/** Removes every task of route r (fleet minimisation). */
export function removeRoute(r: i32): void {
  touch(r);
  let x = nxt[startNode(r)];
  const e = endNode(r);
  let n = 0;
  while (x != e) {
    if (!isBound(x)) unchecked((routeSeq[n++] = x));
    x = nxt[x];
  }
  for (let i = 0; i < n; i++) {
    const t = routeSeq[i];
    if (routeOf[t] >= 0) removeTask(t);
  }
  recomputeTouched();
}

function removeString(r: i32, c: i32, lsmax: f64): void {
  let card = 0;
  let ic = 0;
  let x = nxt[startNode(r)];
  const e = endNode(r);
  while (x != e) {
    if (!isBound(x)) {
      if (x == c) ic = card;
      unchecked((routeSeq[card++] = x));
    }
    x = nxt[x];
  }
  if (card == 0) return;
  let lmax = <i32>Math.min(<f64>card, lsmax);
  if (lmax < 1) lmax = 1;
  const l = randInt(lmax) + 1;
  // String or split string with equal odds (SISR, Christiaens & Vanden Berghe 2020, §4.1).
  if (l == card || rand() < 0.5) {
    // Plain string of length l containing c.
    let lo = ic - l + 1;
    if (lo < 0) lo = 0;
    let hi = ic;
    if (hi > card - l) hi = card - l;
    const from = lo + randInt(hi - lo + 1);
    for (let i = 0; i < l; i++) {
      const t = routeSeq[from + i];
      if (routeOf[t] >= 0) removeTask(t);
    }
    return;
  }
  // Split string: a window of l + m containing c, keeping m consecutive tasks inside it.
  // m grows by one with probability 1/2 at each step (our choice: short kept runs of 1–3 tasks
  // dominate; SISR draws m with its parameter β instead).
  let m = 1;
  while (l + m < card && rand() < 0.5) m++;
  const size = l + m;
  let lo = ic - size + 1;
  if (lo < 0) lo = 0;
  let hi = ic;
  if (hi > card - size) hi = card - size;
  const from = lo + randInt(hi - lo + 1);
  const keep = from + randInt(l + 1);
  for (let i = from; i < from + size; i++) {
    if (i >= keep && i < keep + m) continue;
    const t = routeSeq[i];
    if (routeOf[t] >= 0) removeTask(t);
  }
}

/** One SISR ruin step. Leaves the removed tasks in `pend` (after any already there). */
export function ruin(assignedJobs: i32, usedRoutes: i32): void {
  if (assignedJobs == 0 || usedRoutes == 0) return;
  const avgCard = <f64>assignedJobs / <f64>usedRoutes;
  // c̄ grows with the routes: at least a quarter of a route's stops. With c̄ = 10, a ruin touches
  // one to three routes of 80 stops and rarely frees one; at 20,000 iterations c̄ = 20 reached a
  // best-known fleet on 3 seeds of 3 (default: 1). Routes under 40 stops (Solomon, Homberger 200,
  // Li & Lim type 1) keep SISR's c̄.
  // With shipments only, c̄ and L_max are at least half a route, so fewer and longer strings:
  // Li & Lim LRC2_4_2 (about 40 stops a route) at 60 s × 2 workers went from a mean gap of 3.53 %
  // over 13 runs (5 of them at 5–9 %) to 2.31 % over 16 (2 at 5–9 %); c̄ = L_max = 30 was worse
  // (6.35 % on seed 1, half the iterations). See the README.
  const half = halfRoutes ? avgCard * 0.5 : 0.0;
  const lsmax = Math.min(Math.max(maxString, half), avgCard);
  const cbar = Math.max(Math.max(avgRemoved, avgCard * 0.25), half);
  const ksmax = (4.0 * cbar) / (1.0 + lsmax) - 1.0;
  const ks = <i32>Math.floor(rand() * ksmax) + 1;
  // Seed: a random routed task.
  let seed = -1;
  for (let tries = 0; tries < 64 && seed < 0; tries++) {
    const t = randInt(nTasks);
    if (routeOf[t] >= 0 && !isBound(t)) seed = t;
  }
  if (seed < 0) return;
  ruinId++;
  let ruined = 0;
  const a0 = adjStart[seed];
  const a1 = adjStart[seed + 1];
  for (let i = a0 - 1; i < a1 && ruined < ks; i++) {
    const c = i < a0 ? seed : unchecked(adj[i]);
    const r = routeOf[c];
    if (r < 0 || unchecked(ruinedStamp[r]) == ruinId) continue;
    ruinedStamp[r] = ruinId;
    removeString(r, c, lsmax);
    ruined++;
  }
  recomputeTouched();
}
