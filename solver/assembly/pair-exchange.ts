/**
 * Pair exchange (inter-route), granular: two shipments of different routes trade routes when that
 * lowers the cost — Li & Lim 2001's "PD-exchange". The partner shipment is one met among the
 * pickup's nearest neighbours; each pickup goes after one of its own neighbours in the other route
 * (or where the other pickup was), its delivery at its best place after it (`evalPair`). Where
 * neither shipment fits beside the other, relocating one alone (pair relocate) cannot help.
 * Opt-in (tuning.localSearch bit 1024): local-search.ts has the measurement that keeps it off.
 */
import { KIND_DELIVERY, KIND_PICKUP } from '../src/abi';
import { kindOf, nTasks, pairOf, taskSkill, vehSkill } from './instance';
import { adj, adjStart } from './init';
import { INF } from './insert';
import { evalPair, pairDeliveryAfter } from './insert-pair';
import {
  bestNear,
  gained,
  liftOut,
  lsCost,
  lsNeighboursEnd,
  nearQ,
  nearR,
  nearU,
  Out,
  putAt,
  putBack,
  takeOut,
  withinLimits,
} from './relocate';
import { recompute, rFeasible, routeOf } from './routes';
import { touch } from './state';

// The two shipments out of their routes.
const outA = new Out();
const outB = new Out();

// The best place found by bestPlace: pickup after placeU, delivery after placeQ.
let placeU: i32 = -1;
let placeQ: i32 = -1;

/**
 * The cheapest insertion of shipment `p` into route `v`: its pickup after or before one of its
 * neighbours on `v`, or after `vacated` (where the pickup taken out of `v` followed).
 */
function bestPlace(p: i32, v: i32, vacated: i32): f64 {
  const there = evalPair(p, vacated, v);
  const thereQ = pairDeliveryAfter;
  const best = bestNear(p, true, -1, v, 0, there);
  placeU = nearR < 0 ? vacated : nearU;
  placeQ = nearR < 0 ? thereQ : nearQ;
  return best;
}

let tried = new StaticArray<i32>(0);
let tryId: i32 = 0;

/** Trades the shipment whose pickup is `p` with a neighbouring route's shipment if cheaper. */
export function pairExchange(p: i32): bool {
  if (kindOf(p) != KIND_PICKUP) return false;
  const r = unchecked(routeOf[p]);
  if (r < 0 || unchecked(routeOf[pairOf(p)]) != r) return false;
  if (tried.length != nTasks) tried = new StaticArray<i32>(nTasks);
  tryId++;
  const skillsA = unchecked(taskSkill[p]) | unchecked(taskSkill[pairOf(p)]);
  const a1 = lsNeighboursEnd(p);
  for (let i = unchecked(adjStart[p]); i < a1; i++) {
    const b = unchecked(adj[i]);
    const k = kindOf(b);
    if (k != KIND_PICKUP && k != KIND_DELIVERY) continue;
    const p2 = k == KIND_PICKUP ? b : pairOf(b);
    const r2 = unchecked(routeOf[p2]);
    if (r2 < 0 || r2 == r || unchecked(routeOf[pairOf(p2)]) != r2) continue;
    if (unchecked(tried[p2]) == tryId) continue;
    unchecked((tried[p2] = tryId));
    if ((skillsA & ~unchecked(vehSkill[r2])) != 0) continue;
    if (((unchecked(taskSkill[p2]) | unchecked(taskSkill[pairOf(p2)])) & ~unchecked(vehSkill[r])) != 0) continue;
    if (trade(p, r, p2, r2)) return true;
  }
  return false;
}

/** Tries p (of route r) and p2 (of r2) in each other's route; keeps the trade only if it gains. */
function trade(p: i32, r: i32, p2: i32, r2: i32): bool {
  const before = lsCost();
  touch(r);
  touch(r2);
  takeOut(outA, p);
  takeOut(outB, p2);
  recompute(r);
  recompute(r2);
  let ok = false;
  if (unchecked(rFeasible[r]) && unchecked(rFeasible[r2])) {
    const c1 = bestPlace(p, r2, outB.pp);
    const u1 = placeU;
    const q1 = placeQ;
    if (c1 < INF && lsCost() + c1 < before) {
      const c2 = bestPlace(p2, r, outA.pp);
      if (c2 < INF && lsCost() + c1 + c2 < before) {
        // Both places were priced before either was filled: r and r2 are different routes.
        putAt(outA, u1, q1);
        putAt(outB, placeU, placeQ);
        recompute(r);
        recompute(r2);
        // Rules only `recompute` sees (driving limits, reloads, loads along the route) have the last word.
        ok =
          unchecked(rFeasible[r]) && unchecked(rFeasible[r2]) && withinLimits(r) && withinLimits(r2) && gained(before);
        if (!ok) {
          liftOut(outA);
          liftOut(outB);
        }
      }
    }
  }
  if (ok) return true;
  putBack(outA);
  putBack(outB);
  recompute(r);
  recompute(r2);
  return false;
}
