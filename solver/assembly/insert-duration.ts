/**
 * How an insertion changes a route's duration (as reported: the van leaves as late as its first
 * stop allows), for the balance term and the work limits: an O(1) estimate from the waits after
 * the insertion point, and the exact O(route) walk when a work limit is tight.
 */
import { earliestStart, endNode, nTasks, serviceOf, setupOf, startNode, vehTwStart } from './instance';
import { dur, locOf } from './travel';
import { balanceRate, effLoc, eStart, nxt, posOf, rJobs, setupPaidAt } from './routes';
import { anyMultiTw, balanceK, passive, rBalWork, rDepart, rFirst, waitSuf, workFits, workSlack } from './rules';

/**
 * Route duration (as reported: leave the start as late as the first stop allows) after a task,
 * starting service at `stJ` and leaving at `depJ` from `lj`, is inserted after u. O(route) walk;
 * used only when a work limit is tight.
 */
export function durationWith(v: i32, u: i32, stJ: f64, depJ: f64, lj: i32): f64 {
  let time = depJ;
  let l = lj;
  let x = unchecked(nxt[u]);
  const e = endNode(v);
  while (x != e) {
    if (x < nTasks && unchecked(passive[x])) {
      const st = earliestStart(x, time);
      time = (st < 0 ? time : st) + serviceOf(x);
      x = unchecked(nxt[x]);
      continue;
    }
    const lx = locOf(x);
    const arr = time + dur(v, l, lx);
    let st = earliestStart(x, arr);
    if (st < 0) st = arr;
    time = st + setupPaidAt(x, l) + serviceOf(x);
    l = lx;
    x = unchecked(nxt[x]);
  }
  const arrE = time + dur(v, l, locOf(e));
  // New first stop: j when it goes before the current first one.
  const first = unchecked(rFirst[v]);
  let dep = unchecked(rDepart[v]);
  if (first == e || unchecked(posOf[u]) < unchecked(posOf[first])) {
    dep = vehTwStart(v);
    const late = stJ - dur(v, effLoc[startNode(v)], lj);
    if (late > dep) dep = late;
  }
  return arrE - dep;
}

/**
 * Growth of route v's duration when j is inserted after u (service start `stJ`) and delays the
 * arrival after it by `delay`: the waits after u absorb the delay (exact with single windows, a
 * price otherwise); a new first stop moves the departure.
 */
export function durationGrowth(v: i32, u: i32, w: i32, stJ: f64, delay: f64, lj: i32): f64 {
  const e = endNode(v);
  const first = unchecked(rFirst[v]);
  const startDep = vehTwStart(v);
  let newDep = unchecked(rDepart[v]);
  if (first == e || unchecked(posOf[u]) < unchecked(posOf[first])) {
    newDep = stJ - dur(v, effLoc[startNode(v)], lj);
    if (newDep < startDep) newDep = startDep;
  }
  if (unchecked(rJobs[v]) == 0) return unchecked(eStart[e]) + delay - newDep;
  const absorbed = delay - unchecked(waitSuf[w]);
  return (absorbed > 0 ? absorbed : 0.0) + unchecked(rDepart[v]) - newDep;
}

/** Balance term change of route v when its duration grows by `dw`. */
// @inline
export function balanceDelta(v: i32, dw: f64): f64 {
  if (unchecked(rJobs[v]) == 0) return balanceK * balanceRate(v) * dw * dw;
  return balanceK * balanceRate(v) * dw * (2.0 * unchecked(rBalWork[v]) + dw);
}

/**
 * Work-limit check of a task inserted after u (service start `stJ`, leaving `lj` at `depJ`): a
 * quick bound (the delay it causes at the next stop, which later stops can only absorb, plus a
 * setup it may add) when it does not become the first stop and the route has single windows;
 * otherwise, or when the bound does not fit, the exact duration by a walk.
 */
export function workAllows(v: i32, u: i32, stJ: f64, depJ: f64, lj: i32, r: i32, oldArrR: f64): bool {
  const slack = workSlack(v);
  const first = unchecked(rFirst[v]);
  const e = endNode(v);
  if (first != e && unchecked(posOf[u]) >= unchecked(posOf[first]) && !anyMultiTw) {
    let delay = depJ + dur(v, lj, locOf(r)) - oldArrR;
    if (r != e) delay += setupOf(r);
    if (delay <= slack) return true;
  }
  return workFits(v, durationWith(v, u, stJ, depJ, lj));
}
