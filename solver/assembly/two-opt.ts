/**
 * 2-opt (Croes 1958), intra-route, granular: a stretch of a route is driven backwards so that
 * task u is followed by one of its nearest neighbours v from the same route. The cost change is
 * summed over the stretch (the matrices need not be symmetric); the best move is applied, the
 * route recomputed and the move undone unless it stays feasible and really cheaper (time windows
 * after a reversal cannot be told from the cached arrays). Stretches hold plain jobs only (no
 * break, reload or shipment stop) and at most MAX_STRETCH of them: long reversals under time
 * windows are rarely feasible and their walk would cost more than they find.
 */
import { KIND_JOB } from '../src/abi';
import { isEnd, kindOf, nTasks } from './instance';
import { adj, adjStart } from './init';
import { feasibleFrom, nextReal, visitLoc, visitStop } from './insert';
import { eDep, effLoc, nxt, prv, recompute, rFeasible, routeOf } from './routes';
import { gained, lsCost, lsNeighboursEnd, withinLimits } from './relocate';
import { touch } from './state';
import { arcCost, locOf } from './travel';

const MAX_STRETCH: i32 = 40;
const stretch = new StaticArray<i32>(MAX_STRETCH);

/**
 * The cost change of reversing the stretch from nxt[x] to y (route r), so that x is followed by
 * y; INF-like (1e300) when y is not within MAX_STRETCH plain jobs after x.
 */
function reversalDelta(r: i32, x: i32, y: i32): f64 {
  const a = unchecked(nxt[x]);
  if (a == y) return 1e300;
  let fwd: f64 = 0;
  let back: f64 = 0;
  let s = a;
  for (let n = 1; ; n++) {
    if (s >= nTasks || kindOf(s) != KIND_JOB || n > MAX_STRETCH) return 1e300;
    if (s == y) break;
    const t = unchecked(nxt[s]);
    if (isEnd(t) || t >= nTasks) return 1e300;
    const ls = locOf(s);
    const lt = locOf(t);
    fwd += arcCost(r, ls, lt);
    back += arcCost(r, lt, ls);
    s = t;
  }
  const lx = unchecked(effLoc[x]);
  const lw = locOf(nextReal(unchecked(nxt[y])));
  return (
    arcCost(r, lx, locOf(y)) +
    arcCost(r, locOf(a), lw) +
    back -
    arcCost(r, lx, locOf(a)) -
    arcCost(r, locOf(y), lw) -
    fwd
  );
}

/** Reverses the stretch from nxt[x] to y (checked by reversalDelta); its own inverse with (x, a). */
function reverse(x: i32, y: i32): i32 {
  const a = unchecked(nxt[x]);
  const w = unchecked(nxt[y]);
  let n = 0;
  for (let s = a; ; s = unchecked(nxt[s])) {
    unchecked((stretch[n++] = s));
    if (s == y) break;
  }
  let at = x;
  for (let i = n - 1; i >= 0; i--) {
    const s = unchecked(stretch[i]);
    nxt[at] = s;
    prv[s] = at;
    at = s;
  }
  nxt[at] = w;
  prv[w] = at;
  return a; // now last of the stretch: reverse(x, a) undoes this
}

/**
 * Whether route r still meets its windows with the stretch from nxt[x] to y driven backwards:
 * checked from the cached arrays in O(stretch), so most infeasible reversals are never applied.
 * A necessary check only: a reversal that passes is applied and recomputed (other rules).
 */
function reversalFits(r: i32, x: i32, y: i32): bool {
  const a = unchecked(nxt[x]);
  let time = unchecked(eDep[x]);
  let l = unchecked(effLoc[x]);
  for (let s = y; ; s = unchecked(prv[s])) {
    time = visitStop(r, s, time, l);
    if (time < 0) return false;
    l = visitLoc;
    if (s == a) break;
  }
  return feasibleFrom(r, unchecked(nxt[y]), time, l);
}

/** Makes one of u's neighbours in its own route follow it, if driving a stretch backwards is cheaper. */
export function twoOpt(u: i32): bool {
  if (kindOf(u) != KIND_JOB) return false;
  const r = unchecked(routeOf[u]);
  if (r < 0) return false;
  let best: f64 = -1e-9;
  let bestX = -1;
  let bestY = -1;
  const a0 = adjStart[u];
  const a1 = lsNeighboursEnd(u);
  for (let i = a0; i < a1; i++) {
    const v = unchecked(adj[i]);
    if (unchecked(routeOf[v]) != r) continue;
    // v after u: u, then v, reversed stretch; v before u: v, then u.
    let d = reversalDelta(r, u, v);
    if (d < best * (1 + 1e-9)) {
      best = d;
      bestX = u;
      bestY = v;
    }
    if (kindOf(v) != KIND_JOB) continue;
    d = reversalDelta(r, v, u);
    if (d < best * (1 + 1e-9)) {
      best = d;
      bestX = v;
      bestY = u;
    }
  }
  if (bestX < 0 || !reversalFits(r, bestX, bestY)) return false;
  const before = lsCost();
  touch(r);
  const last = reverse(bestX, bestY);
  recompute(r);
  if (unchecked(rFeasible[r]) && withinLimits(r) && gained(before)) return true;
  reverse(bestX, last);
  recompute(r);
  return false;
}
