/**
 * Real-fleet rules (issue 19), all free when unused:
 *  - driving limit (EU 561/2006): per node the driving since the last break (`drvF`, at arrival)
 *    and until the next break (`drvB`, from departure), so an insertion checks in O(1) the one or
 *    two driving segments it lengthens;
 *  - multi-trip: reload tasks (KIND_RELOAD) at the vehicle's start, bound to it like breaks; a
 *    reload with no job after it is passive (no travel, no time, no trip split);
 *  - work limits: the summed route durations of a group of vehicles (a driver's week), kept as
 *    per-group totals updated by `recompute`;
 *  - balance: a convex per-route term weight × rate × duration² / 7200 on each route's duration
 *    (as reported: waits included), priced per insertion from the waits after each node.
 */
import { PARAM_BALANCE, TASK_I_PAIR, TASK_I_STRIDE, TASK_I_TW_COUNT, VEH_GROUPS } from '../src/abi';
import {
  isBreak,
  isReload,
  nNodes,
  nTasks,
  nVeh,
  params,
  penaltyOf,
  vehGroup,
  vehGroupMax,
  vehMaxDriving,
} from './instance';

/** Breaks and passive reloads: nodes without a place of their own (they sit where the van is). */
export let passive = new StaticArray<bool>(0);
export let drvF = new StaticArray<f64>(0);
export let drvB = new StaticArray<f64>(0);
/** Per node: the next break after it (or the route end), valid for driving-limited routes. */
export let nextBrk = new StaticArray<i32>(0);
/** Per vehicle: driving limit (∞ none), whether it has reload tasks. */
export let ruleDriving = new StaticArray<f64>(0);
export let ruleReload = new StaticArray<bool>(0);
export let anyReload = false;
export let anyDriving = false;

export let rFirst = new StaticArray<i32>(0);
export let rDepart = new StaticArray<f64>(0);
export let rWork = new StaticArray<f64>(0);
export let rBal = new StaticArray<f64>(0);
/** Duration of each route, for the balance term (0 when balance is off). */
export let rBalWork = new StaticArray<f64>(0);
/** Per node (balance on): waiting at it and after it, up to the route end. */
export let waitSuf = new StaticArray<f64>(0);
/** Some task has several time windows (delays may then grow along a route). */
export let anyMultiTw = false;

export let hasGroups = false;
export let nGroups: i32 = 0;
export let gTotal = new StaticArray<f64>(0);
export let gMax = new StaticArray<f64>(0);
export let vehGroupCount = new StaticArray<i32>(0);
export let vehGroupIdx = new StaticArray<i32>(0);

/**
 * Sum over the groups of the time over their limit. Insertions never create any, but a removal
 * can (the route then leaves later or earlier: its reported duration may grow); the objective
 * prices it above any set of unassigned tasks, so such a state is never accepted.
 */
export let workExcess: f64 = 0;
let excessPrice: f64 = 0;
export function addWorkExcess(d: f64): void {
  workExcess += d;
}
/** Price of the current work excess (0 when within every limit). */
// @inline
export function excessCost(): f64 {
  return workExcess > 1e-6 ? (workExcess + 1.0) * excessPrice : 0.0;
}

/** Balance weight ÷ 7200 (so that, with weight 1, an hour of imbalance costs about an hour of travel). */
export let balanceK: f64 = 0;

/** Call before `allocRoutes()`. */
export function prepareRules(): void {
  passive = new StaticArray<bool>(nNodes);
  drvF = new StaticArray<f64>(nNodes);
  drvB = new StaticArray<f64>(nNodes);
  nextBrk = new StaticArray<i32>(nNodes);
  ruleDriving = new StaticArray<f64>(nVeh);
  ruleReload = new StaticArray<bool>(nVeh);
  rFirst = new StaticArray<i32>(nVeh);
  rDepart = new StaticArray<f64>(nVeh);
  rWork = new StaticArray<f64>(nVeh);
  rBal = new StaticArray<f64>(nVeh);
  rBalWork = new StaticArray<f64>(nVeh);
  waitSuf = new StaticArray<f64>(params[PARAM_BALANCE] > 0 ? nNodes : 0);
  anyMultiTw = false;
  for (let t = 0; t < nTasks; t++) if (unchecked(taskI[t * TASK_I_STRIDE + TASK_I_TW_COUNT]) > 1) anyMultiTw = true;
  vehGroupCount = new StaticArray<i32>(nVeh);
  vehGroupIdx = new StaticArray<i32>(nVeh * VEH_GROUPS);
  anyReload = false;
  anyDriving = false;
  for (let t = 0; t < nTasks; t++) {
    if (isBreak(t)) passive[t] = true;
    else if (isReload(t)) {
      passive[t] = true;
      const v = unchecked(taskVehicle(t));
      ruleReload[v] = true;
      anyReload = true;
    }
  }
  nGroups = 0;
  for (let v = 0; v < nVeh; v++) {
    const m = vehMaxDriving(v);
    ruleDriving[v] = m > 0 ? m : Infinity;
    if (m > 0 && m < Infinity) anyDriving = true;
    let c = 0;
    for (let k = 0; k < VEH_GROUPS; k++) {
      const g = vehGroup(v, k);
      if (g < 0) continue;
      vehGroupIdx[v * VEH_GROUPS + c++] = g;
      if (g + 1 > nGroups) nGroups = g + 1;
    }
    vehGroupCount[v] = c;
  }
  hasGroups = nGroups > 0;
  gTotal = new StaticArray<f64>(nGroups);
  gMax = new StaticArray<f64>(nGroups);
  for (let v = 0; v < nVeh; v++) {
    for (let k = 0; k < vehGroupCount[v]; k++) gMax[vehGroupIdx[v * VEH_GROUPS + k]] = vehGroupMax(v, k);
  }
  workExcess = 0;
  excessPrice = 1.0;
  for (let t = 0; t < nTasks; t++) excessPrice += penaltyOf(t);
  const w = params[PARAM_BALANCE];
  balanceK = w > 0 ? w / 7200.0 : 0.0;
}

import { taskI } from './instance';
// @inline
function taskVehicle(t: i32): i32 {
  return unchecked(taskI[t * TASK_I_STRIDE + TASK_I_PAIR]);
}

/** Whether group totals of vehicle v's groups allow its duration to become `work`. */
export function workFits(v: i32, work: f64): bool {
  const gc = unchecked(vehGroupCount[v]);
  for (let k = 0; k < gc; k++) {
    const g = unchecked(vehGroupIdx[v * VEH_GROUPS + k]);
    if (unchecked(gTotal[g]) - unchecked(rWork[v]) + work > unchecked(gMax[g]) + 1e-6) return false;
  }
  return true;
}

/** Smallest slack among vehicle v's groups. */
export function workSlack(v: i32): f64 {
  let s: f64 = Infinity;
  const gc = unchecked(vehGroupCount[v]);
  for (let k = 0; k < gc; k++) {
    const g = unchecked(vehGroupIdx[v * VEH_GROUPS + k]);
    const x = unchecked(gMax[g]) - unchecked(gTotal[g]);
    if (x < s) s = x;
  }
  return s;
}
