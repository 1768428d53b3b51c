/**
 * Instance data of one solve, written by the TypeScript driver through the ABI in `index.ts`.
 *
 * Everything is a flat `StaticArray` sized once in `configure()`: with the `stub` runtime nothing
 * is ever freed, so the engine allocates all of its memory up front and never inside the search.
 *
 * Nodes: tasks are `0 … nTasks-1`; vehicle `v` owns two sentinel nodes, its route start
 * `nTasks + 2v` and its route end `nTasks + 2v + 1`. Route index = vehicle index.
 */

import {
  IN_COORDS,
  IN_DISTANCES,
  IN_DURATIONS,
  IN_PARAMS,
  IN_START,
  IN_TASK_DELTA,
  IN_TASK_F,
  IN_TASK_I,
  IN_TASK_SKILL,
  IN_TASK_START_LOAD,
  IN_TIME_WINDOWS,
  IN_VEH_CAP,
  IN_VEH_F,
  IN_VEH_I,
  IN_VEH_SKILL,
  KIND_BREAK,
  TW_WIDTH_CAP,
  KIND_RELOAD,
  PARAMS_LEN,
  TASK_F_PENALTY,
  TASK_F_SERVICE,
  TASK_F_SETUP,
  TASK_F_STRIDE,
  TASK_F_TW_WIDTH,
  TASK_I_KIND,
  TASK_I_PAIR,
  TASK_I_STRIDE,
  TASK_I_TW_COUNT,
  TASK_I_TW_OFFSET,
  VEH_F_DRIVING_BREAK,
  VEH_F_FIXED,
  VEH_F_GROUP_MAX,
  VEH_F_MAX_DIST,
  VEH_F_MAX_DRIVING,
  VEH_F_MAX_TRAVEL,
  VEH_F_PER_M,
  VEH_F_PER_SEC,
  VEH_F_STRIDE,
  VEH_F_TW_END,
  VEH_F_TW_START,
  VEH_I_GROUP,
  VEH_I_MAX_STOPS,
  VEH_I_STRIDE,
} from '../src/abi';

/** Travel modes. */
export const MODE_MATRIX: i32 = 0;
export const MODE_GEO: i32 = 1;

export let nLoc: i32 = 0;
export let nTasks: i32 = 0;
export let nVeh: i32 = 0;
export let D: i32 = 1;
export let nTw: i32 = 0;
/** Matrix profiles (vehicles on different road networks: car, bike…), each an L×L block. */
export let nProf: i32 = 1;
export let nNodes: i32 = 0;
export let mode: i32 = MODE_MATRIX;

// Inputs (see index.ts for the ABI ids).
export let matDur = new StaticArray<f64>(0);
export let matDist = new StaticArray<f64>(0);
export let coords = new StaticArray<f64>(0);
export let taskF = new StaticArray<f64>(0);
export let taskStartLoad = new StaticArray<f64>(0);
export let taskDelta = new StaticArray<f64>(0);
export let tw = new StaticArray<f64>(0);
export let vehF = new StaticArray<f64>(0);
export let vehCap = new StaticArray<f64>(0);
export let taskI = new StaticArray<i32>(0);
export let vehI = new StaticArray<i32>(0);
export let taskSkill = new StaticArray<u64>(0);
export let vehSkill = new StaticArray<u64>(0);
export let params = new StaticArray<f64>(PARAMS_LEN);
/** A solution to start from (IN_START, used when PARAM_START_T0 > 0): packed as state.ts packBest. */
export let startSolution = new StaticArray<i32>(0);

// Derived per node / per vehicle, filled by `prepare()`.
export let nodeLoc = new StaticArray<i32>(0);
export let invSpeed = new StaticArray<f64>(0);
export let unitXYZ = new StaticArray<f64>(0);

export function configure(
  locs: i32,
  tasks: i32,
  vehicles: i32,
  dims: i32,
  tws: i32,
  travelMode: i32,
  profiles: i32,
): void {
  nLoc = locs;
  nTasks = tasks;
  nVeh = vehicles;
  D = dims < 1 ? 1 : dims;
  nTw = tws;
  mode = travelMode;
  nNodes = tasks + 2 * vehicles;
  nProf = profiles < 1 ? 1 : profiles;
  const m = travelMode == MODE_MATRIX ? nProf * locs * locs : 0;
  matDur = new StaticArray<f64>(m);
  matDist = new StaticArray<f64>(m);
  coords = new StaticArray<f64>(travelMode == MODE_GEO ? locs * 2 : 0);
  taskF = new StaticArray<f64>(tasks * TASK_F_STRIDE);
  taskStartLoad = new StaticArray<f64>(tasks * D);
  taskDelta = new StaticArray<f64>(tasks * D);
  tw = new StaticArray<f64>(tws * 2);
  vehF = new StaticArray<f64>(vehicles * VEH_F_STRIDE);
  vehCap = new StaticArray<f64>(vehicles * D);
  taskI = new StaticArray<i32>(tasks * TASK_I_STRIDE);
  vehI = new StaticArray<i32>(vehicles * VEH_I_STRIDE);
  taskSkill = new StaticArray<u64>(tasks);
  vehSkill = new StaticArray<u64>(vehicles);
  params = new StaticArray<f64>(PARAMS_LEN);
  startSolution = new StaticArray<i32>(1 + vehicles + tasks);
}

/** Pointer to the data of input array `id` (ids documented in index.ts). */
export function inputPtr(id: i32): usize {
  switch (id) {
    case IN_DURATIONS:
      return changetype<usize>(matDur);
    case IN_DISTANCES:
      return changetype<usize>(matDist);
    case IN_COORDS:
      return changetype<usize>(coords);
    case IN_TASK_F:
      return changetype<usize>(taskF);
    case IN_TASK_START_LOAD:
      return changetype<usize>(taskStartLoad);
    case IN_TASK_DELTA:
      return changetype<usize>(taskDelta);
    case IN_TIME_WINDOWS:
      return changetype<usize>(tw);
    case IN_VEH_F:
      return changetype<usize>(vehF);
    case IN_VEH_CAP:
      return changetype<usize>(vehCap);
    case IN_TASK_I:
      return changetype<usize>(taskI);
    case IN_VEH_I:
      return changetype<usize>(vehI);
    case IN_TASK_SKILL:
      return changetype<usize>(taskSkill);
    case IN_VEH_SKILL:
      return changetype<usize>(vehSkill);
    case IN_PARAMS:
      return changetype<usize>(params);
    case IN_START:
      return changetype<usize>(startSolution);
    default:
      return 0;
  }
}

// ---- accessors -------------------------------------------------------------------------------

// @inline

export function isTask(u: i32): bool {
  return u < nTasks;
}
// @inline
export function startNode(v: i32): i32 {
  return nTasks + 2 * v;
}
// @inline
export function endNode(v: i32): i32 {
  return nTasks + 2 * v + 1;
}
// @inline
export function isEnd(u: i32): bool {
  return u >= nTasks && ((u - nTasks) & 1) == 1;
}
// @inline
export function kindOf(t: i32): i32 {
  return unchecked(taskI[t * TASK_I_STRIDE + TASK_I_KIND]);
}
// @inline
export function isBreak(u: i32): bool {
  return u < nTasks && kindOf(u) == KIND_BREAK;
}
// @inline
export function isReload(u: i32): bool {
  return u < nTasks && kindOf(u) == KIND_RELOAD;
}
/** Breaks and reloads: tasks bound to one vehicle, never removed by a ruin. */
// @inline
export function isBound(u: i32): bool {
  return u < nTasks && kindOf(u) >= KIND_BREAK;
}
// @inline
export function pairOf(t: i32): i32 {
  return unchecked(taskI[t * TASK_I_STRIDE + TASK_I_PAIR]);
}
// @inline
export function serviceOf(t: i32): f64 {
  return unchecked(taskF[t * TASK_F_STRIDE + TASK_F_SERVICE]);
}
// @inline
export function setupOf(t: i32): f64 {
  return unchecked(taskF[t * TASK_F_STRIDE + TASK_F_SETUP]);
}
// @inline
export function penaltyOf(t: i32): f64 {
  return unchecked(taskF[t * TASK_F_STRIDE + TASK_F_PENALTY]);
}
// @inline
export function twWidthOf(t: i32): f64 {
  return unchecked(taskF[t * TASK_F_STRIDE + TASK_F_TW_WIDTH]);
}
// @inline
export function vehTwStart(v: i32): f64 {
  return unchecked(vehF[v * VEH_F_STRIDE + VEH_F_TW_START]);
}
// @inline
export function vehTwEnd(v: i32): f64 {
  return unchecked(vehF[v * VEH_F_STRIDE + VEH_F_TW_END]);
}
// @inline
export function vehMaxTravel(v: i32): f64 {
  return unchecked(vehF[v * VEH_F_STRIDE + VEH_F_MAX_TRAVEL]);
}
// @inline
export function vehMaxDist(v: i32): f64 {
  return unchecked(vehF[v * VEH_F_STRIDE + VEH_F_MAX_DIST]);
}
// @inline
export function vehFixed(v: i32): f64 {
  return unchecked(vehF[v * VEH_F_STRIDE + VEH_F_FIXED]);
}
// @inline
export function vehPerSec(v: i32): f64 {
  return unchecked(vehF[v * VEH_F_STRIDE + VEH_F_PER_SEC]);
}
// @inline
export function vehPerM(v: i32): f64 {
  return unchecked(vehF[v * VEH_F_STRIDE + VEH_F_PER_M]);
}
// @inline
export function vehMaxStops(v: i32): i32 {
  return unchecked(vehI[v * VEH_I_STRIDE + VEH_I_MAX_STOPS]);
}
// @inline
export function vehMaxDriving(v: i32): f64 {
  return unchecked(vehF[v * VEH_F_STRIDE + VEH_F_MAX_DRIVING]);
}
/** Whether node x, in route v, is a break long enough to end a driving period. */
// @inline
export function endsDriving(x: i32, v: i32): bool {
  return (
    x < nTasks && kindOf(x) == KIND_BREAK && serviceOf(x) >= unchecked(vehF[v * VEH_F_STRIDE + VEH_F_DRIVING_BREAK])
  );
}
// @inline
export function vehGroup(v: i32, k: i32): i32 {
  return unchecked(vehI[v * VEH_I_STRIDE + VEH_I_GROUP + k]);
}
// @inline
export function vehGroupMax(v: i32, k: i32): f64 {
  return unchecked(vehF[v * VEH_F_STRIDE + VEH_F_GROUP_MAX + k]);
}
// @inline
export function capOf(v: i32, d: i32): f64 {
  return unchecked(vehCap[v * D + d]);
}

/**
 * Earliest service start at task `t` for an arrival at `a` (waiting allowed), or -1 when every
 * window has closed. Windows are sorted by start and disjoint (the driver guarantees it).
 */
export function earliestStart(t: i32, a: f64): f64 {
  const base = unchecked(taskI[t * TASK_I_STRIDE + TASK_I_TW_OFFSET]);
  const cnt = unchecked(taskI[t * TASK_I_STRIDE + TASK_I_TW_COUNT]);
  for (let k = 0; k < cnt; k++) {
    const e = unchecked(tw[(base + k) * 2 + 1]);
    if (a <= e) {
      const s = unchecked(tw[(base + k) * 2]);
      return a > s ? a : s;
    }
  }
  return -1.0;
}

/** The end of task t's last window: an arrival after it is too late for every window. */
export function lastEnd(t: i32): f64 {
  const cnt = unchecked(taskI[t * TASK_I_STRIDE + TASK_I_TW_COUNT]);
  if (cnt == 0) return -1.0;
  return unchecked(tw[(unchecked(taskI[t * TASK_I_STRIDE + TASK_I_TW_OFFSET]) + cnt - 1) * 2 + 1]);
}

/** Latest service start at task `t` not after `bound`, or -1 when no window allows it. */
export function latestStart(t: i32, bound: f64): f64 {
  const base = unchecked(taskI[t * TASK_I_STRIDE + TASK_I_TW_OFFSET]);
  const cnt = unchecked(taskI[t * TASK_I_STRIDE + TASK_I_TW_COUNT]);
  for (let k = cnt - 1; k >= 0; k--) {
    const s = unchecked(tw[(base + k) * 2]);
    if (s <= bound) {
      const e = unchecked(tw[(base + k) * 2 + 1]);
      return bound < e ? bound : e;
    }
  }
  return -1.0;
}

/** A task's load: its start load and its change, summed over dimensions (recreate's demand order). */
export function demandOf(t: i32): f64 {
  let s: f64 = 0;
  for (let d = 0; d < D; d++) s += Math.abs(taskStartLoad[t * D + d]) + Math.abs(taskDelta[t * D + d]);
  return s;
}

/** Whether no task and no van has a time window (capacity-and-cost problems such as the HVRP sets). */
export function windowless(): bool {
  for (let t = 0; t < nTasks; t++) if (kindOf(t) < KIND_BREAK && twWidthOf(t) < TW_WIDTH_CAP) return false;
  for (let v = 0; v < nVeh; v++) if (vehTwStart(v) > 0 || vehTwEnd(v) < Infinity) return false;
  return true;
}
