/**
 * Relocate (inter-route), granular: a job moves next to one of its nearest neighbours in another
 * route when that lowers the cost. Removal gain and insertion cost come in O(1) from the cached
 * forward/backward arrays (`evalInsert`); the shortened route is re-checked by `recompute`
 * (matrices need not obey the triangle inequality) and the move undone if it is not feasible.
 * Also what the other inter-route operators share: the neighbour scan for a place (`bestNear`),
 * taking a task out and putting it back (`Out`), the checked move (`moveTask`) and the cost test.
 */
import { KIND_JOB, KIND_PICKUP } from '../src/abi';
import {
  D,
  capOf,
  endNode,
  kindOf,
  pairOf,
  taskSkill,
  vehFixed,
  vehMaxDist,
  vehMaxStops,
  vehMaxTravel,
  vehSkill,
} from './instance';
import { adj, adjStart } from './init';
import { evalInsert, INF, nextReal } from './insert';
import { evalPair, pairDeliveryAfter } from './insert-pair';
import {
  costSum,
  effLoc,
  fixedScale,
  fixedSum,
  linkAfter,
  nxt,
  pMax,
  prv,
  rDist,
  recompute,
  rFeasible,
  rJobs,
  routeOf,
  rTravel,
  unlink,
} from './routes';
import { touch } from './state';
import { arcCost, locOf } from './travel';

/** Neighbours tried per task. */
export const LS_NEIGHBOURS: i32 = 15;

/** The end of task t's neighbours tried by the operators in `adj` (they start at adjStart[t]). */
// @inline
export function lsNeighboursEnd(t: i32): i32 {
  const end = unchecked(adjStart[t + 1]);
  const cap = unchecked(adjStart[t]) + LS_NEIGHBOURS;
  return end < cap ? end : cap;
}

/**
 * Route-level limits that `recompute` does not flag (rFeasible covers windows and the shift):
 * capacity anywhere on the route, max stops, max travel time, max distance. Operators that do not
 * check loads position by position apply the move, recompute, and undo it unless this holds.
 */
export function withinLimits(v: i32): bool {
  const e = endNode(v);
  for (let d = 0; d < D; d++) if (unchecked(pMax[e * D + d]) > capOf(v, d)) return false;
  const ms = vehMaxStops(v);
  if (ms >= 0 && unchecked(rJobs[v]) > ms) return false;
  return unchecked(rTravel[v]) <= vehMaxTravel(v) && unchecked(rDist[v]) <= vehMaxDist(v);
}

/** Route costs as the search sees them (fixed costs scaled): the measure every move must lower. */
// @inline
export function lsCost(): f64 {
  return costSum - (1.0 - fixedScale) * fixedSum;
}

/** Whether a move that took the routes from cost `before` to now is a real gain. */
// @inline
export function gained(before: f64): bool {
  return lsCost() < before - 1e-9 * Math.abs(before) - 1e-12;
}

/** Whether vehicle `v` has every skill task `t` needs. */
// @inline
export function canServe(v: i32, t: i32): bool {
  return (unchecked(taskSkill[t]) & ~unchecked(vehSkill[v])) == 0;
}

/** What leaving out node `t` (between its predecessor and the next real node) saves on route `r`. */
// @inline
export function removalGain(r: i32, t: i32): f64 {
  const lp = unchecked(effLoc[unchecked(prv[t])]);
  const lt = locOf(t);
  const ln = locOf(nextReal(unchecked(nxt[t])));
  return arcCost(r, lp, lt) + arcCost(r, lt, ln) - arcCost(r, lp, ln);
}

/**
 * What a place in another route must cost less than for moving `tasks` tasks out of route `r`,
 * which saves `gain` (and the fixed cost when they are all the route holds), less rounding: ≤ 0
 * when no place can.
 */
// @inline
export function toBeat(r: i32, gain: f64, tasks: i32): f64 {
  const g = unchecked(rJobs[r]) == tasks ? gain + vehFixed(r) * fixedScale : gain;
  return g - 1e-9 * Math.abs(g) - 1e-12;
}

// The place found by the last bestNear: after nearU (a pickup's delivery after nearQ) in route
// nearR; nearR = -1 when none beat its bound.
export let nearU: i32 = -1;
export let nearQ: i32 = -1;
export let nearR: i32 = -1;

/**
 * The cheapest place cheaper than `best` for task t next to one of its nearest neighbours, after
 * it or before it: in route `only`, or (only = -1) in any route but `from` whose vehicle has
 * `skills`. A pickup (`pair`) takes its delivery to its best place after it (`evalPair`). Returns
 * the cost (`best` when nothing beat it) and leaves the place in nearU, nearQ and nearR. Inlined:
 * with `pair` and `only` constant at every call the hot loop keeps only its own branch.
 */
// @inline
export function bestNear(t: i32, pair: bool, from: i32, only: i32, skills: u64, best: f64): f64 {
  nearU = -1;
  nearQ = -1;
  nearR = -1;
  const a1 = lsNeighboursEnd(t);
  for (let i = unchecked(adjStart[t]); i < a1; i++) {
    const b = unchecked(adj[i]);
    const r2 = unchecked(routeOf[b]);
    if (only >= 0 ? r2 != only : r2 < 0 || r2 == from || (skills & ~unchecked(vehSkill[r2])) != 0) continue;
    const u1 = unchecked(prv[b]);
    let c = pair ? evalPair(t, u1, r2, best) : evalInsert(t, u1, r2, best);
    if (c < best) {
      best = c;
      nearU = u1;
      nearQ = pairDeliveryAfter;
      nearR = r2;
    }
    c = pair ? evalPair(t, b, r2, best) : evalInsert(t, b, r2, best);
    if (c < best) {
      best = c;
      nearU = b;
      nearQ = pairDeliveryAfter;
      nearR = r2;
    }
  }
  return best;
}

/** A task out of its route — a job, or a pickup with its delivery `q` — and where it was. */
export class Out {
  t: i32 = -1;
  q: i32 = -1;
  /** The node the task followed. */
  pp: i32 = -1;
  /** The node the delivery followed (the pickup itself when right after it). */
  back: i32 = -1;
}

/** Takes task t (a pickup with its delivery) out of its route into `o`. */
export function takeOut(o: Out, t: i32): void {
  const q = kindOf(t) == KIND_PICKUP ? pairOf(t) : -1;
  o.t = t;
  o.q = q;
  o.pp = unchecked(prv[t]);
  if (q >= 0) {
    const pq = unchecked(prv[q]);
    o.back = pq == t ? t : pq;
    unlink(q);
  }
  unlink(t);
}

/** Puts the task of `o` after `u`, its delivery after `qAfter` (== the pickup: right after it). */
export function putAt(o: Out, u: i32, qAfter: i32): void {
  linkAfter(o.t, u);
  if (o.q >= 0) linkAfter(o.q, qAfter);
}

/** Puts the task of `o` back where it was. */
export function putBack(o: Out): void {
  putAt(o, o.pp, o.back);
}

/** Takes the task of `o` out again after `putAt`. */
export function liftOut(o: Out): void {
  if (o.q >= 0) unlink(o.q);
  unlink(o.t);
}

const moving = new Out();

/**
 * Moves task t (a pickup with its delivery) from route r to after `u` in route r2, the delivery
 * after `qAfter`; undone unless both routes stay feasible, since rules that only `recompute` sees
 * (driving limits, reloads…) may still refuse the removal or the insertion.
 */
export function moveTask(t: i32, r: i32, r2: i32, u: i32, qAfter: i32): bool {
  touch(r);
  touch(r2);
  takeOut(moving, t);
  recompute(r);
  if (!unchecked(rFeasible[r])) {
    putBack(moving);
    recompute(r);
    return false;
  }
  putAt(moving, u, qAfter);
  recompute(r2);
  if (!unchecked(rFeasible[r2])) {
    liftOut(moving);
    recompute(r2);
    putBack(moving);
    recompute(r);
    return false;
  }
  return true;
}

/** Moves job t to its best neighbouring position in another route if that is cheaper. */
export function relocate(t: i32): bool {
  if (kindOf(t) != KIND_JOB) return false;
  const r = unchecked(routeOf[t]);
  if (r < 0) return false;
  const best = toBeat(r, removalGain(r, t), 1);
  if (best <= 0) return false;
  const c = bestNear(t, false, r, -1, unchecked(taskSkill[t]), best);
  if (nearR < 0 || c >= INF) return false;
  return moveTask(t, r, nearR, nearU, -1);
}
