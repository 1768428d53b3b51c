/**
 * Relocate (inter-route), granular: a job moves next to one of its nearest neighbours in another
 * route when that lowers the cost. Removal gain and insertion cost come in O(1) from the cached
 * forward/backward arrays (`evalInsert`); the shortened route is re-checked by `recompute`
 * (matrices need not obey the triangle inequality) and the move undone if it is not feasible.
 */
import {
  D,
  capOf,
  endNode,
  KIND_JOB,
  kindOf,
  taskSkill,
  vehFixed,
  vehMaxDist,
  vehMaxStops,
  vehMaxTravel,
  vehSkill,
} from './instance';
import { adj, adjStart } from './init';
import { evalInsert, INF, nextReal } from './insert';
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

/** Moves job t to its best neighbouring position in another route if that is cheaper. */
export function relocate(t: i32): bool {
  if (kindOf(t) != KIND_JOB) return false;
  const r = unchecked(routeOf[t]);
  if (r < 0) return false;
  const p = unchecked(prv[t]);
  const lp = unchecked(effLoc[p]);
  const lt = locOf(t);
  const ln = locOf(nextReal(unchecked(nxt[t])));
  let gain = arcCost(r, lp, lt) + arcCost(r, lt, ln) - arcCost(r, lp, ln);
  if (unchecked(rJobs[r]) == 1) gain += vehFixed(r) * fixedScale;
  let best = gain - 1e-9 * Math.abs(gain) - 1e-12;
  if (best <= 0) return false;
  let bestU = -1;
  let bestR = -1;
  const skills = unchecked(taskSkill[t]);
  const a0 = adjStart[t];
  const a1 = lsNeighboursEnd(t);
  for (let i = a0; i < a1; i++) {
    const b = unchecked(adj[i]);
    const r2 = unchecked(routeOf[b]);
    if (r2 < 0 || r2 == r) continue;
    if ((skills & ~unchecked(vehSkill[r2])) != 0) continue;
    const u1 = unchecked(prv[b]);
    let c = evalInsert(t, u1, r2, best);
    if (c < best) {
      best = c;
      bestU = u1;
      bestR = r2;
    }
    c = evalInsert(t, b, r2, best);
    if (c < best) {
      best = c;
      bestU = b;
      bestR = r2;
    }
  }
  if (bestR < 0 || best >= INF) return false;
  touch(r);
  touch(bestR);
  unlink(t);
  recompute(r);
  if (!unchecked(rFeasible[r])) {
    linkAfter(t, p);
    recompute(r);
    return false;
  }
  linkAfter(t, bestU);
  recompute(bestR);
  // Rules that only `recompute` sees (driving limits, reloads…) may still refuse the insertion.
  if (!unchecked(rFeasible[bestR])) {
    unlink(t);
    recompute(bestR);
    linkAfter(t, p);
    recompute(r);
    return false;
  }
  return true;
}
