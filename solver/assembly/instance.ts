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
  PARAMS_LEN,
} from '../src/abi';

/** Task kinds (TASK_I field 3). */
export const KIND_JOB: i32 = 0;
export const KIND_PICKUP: i32 = 1;
export const KIND_DELIVERY: i32 = 2;
export const KIND_BREAK: i32 = 3;
/** A reload at the vehicle's start (multi-trip), bound to its vehicle like a break. */
export const KIND_RELOAD: i32 = 4;

/** Travel modes. */
export const MODE_MATRIX: i32 = 0;
export const MODE_GEO: i32 = 1;

/** Travel time at or above this is "no road": the arc can never be used. */
export const UNREACHABLE: f64 = 1e12;

export const TASK_F_STRIDE: i32 = 4; // service, setup, penalty, twWidth
export const TASK_I_STRIDE: i32 = 5; // loc, twOffset, twCount, kind, pair (break, reload: vehicle)
// twStart, twEnd, maxTravel, maxDist, fixed, perSec, perM, speedFactor, maxDriving, reloadS,
// max work of group A, max work of group B, shortest break that ends a driving period
export const VEH_F_STRIDE: i32 = 13;
// startLoc, endLoc, maxStops, matrix profile, work group A (-1 none), work group B (-1 none)
export const VEH_I_STRIDE: i32 = 6;
/** Work-limit groups a vehicle can belong to. */
export const VEH_GROUPS: i32 = 2;

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
  return unchecked(taskI[t * TASK_I_STRIDE + 3]);
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
  return unchecked(taskI[t * TASK_I_STRIDE + 4]);
}
// @inline
export function serviceOf(t: i32): f64 {
  return unchecked(taskF[t * TASK_F_STRIDE]);
}
// @inline
export function setupOf(t: i32): f64 {
  return unchecked(taskF[t * TASK_F_STRIDE + 1]);
}
// @inline
export function penaltyOf(t: i32): f64 {
  return unchecked(taskF[t * TASK_F_STRIDE + 2]);
}
// @inline
export function twWidthOf(t: i32): f64 {
  return unchecked(taskF[t * TASK_F_STRIDE + 3]);
}
// @inline
export function vehTwStart(v: i32): f64 {
  return unchecked(vehF[v * VEH_F_STRIDE]);
}
// @inline
export function vehTwEnd(v: i32): f64 {
  return unchecked(vehF[v * VEH_F_STRIDE + 1]);
}
// @inline
export function vehMaxTravel(v: i32): f64 {
  return unchecked(vehF[v * VEH_F_STRIDE + 2]);
}
// @inline
export function vehMaxDist(v: i32): f64 {
  return unchecked(vehF[v * VEH_F_STRIDE + 3]);
}
// @inline
export function vehFixed(v: i32): f64 {
  return unchecked(vehF[v * VEH_F_STRIDE + 4]);
}
// @inline
export function vehPerSec(v: i32): f64 {
  return unchecked(vehF[v * VEH_F_STRIDE + 5]);
}
// @inline
export function vehPerM(v: i32): f64 {
  return unchecked(vehF[v * VEH_F_STRIDE + 6]);
}
// @inline
export function vehMaxStops(v: i32): i32 {
  return unchecked(vehI[v * VEH_I_STRIDE + 2]);
}
// @inline
export function vehMaxDriving(v: i32): f64 {
  return unchecked(vehF[v * VEH_F_STRIDE + 8]);
}
/** Whether node x, in route v, is a break long enough to end a driving period. */
// @inline
export function endsDriving(x: i32, v: i32): bool {
  return x < nTasks && kindOf(x) == KIND_BREAK && serviceOf(x) >= unchecked(vehF[v * VEH_F_STRIDE + 12]);
}
// @inline
export function vehGroup(v: i32, k: i32): i32 {
  return unchecked(vehI[v * VEH_I_STRIDE + 4 + k]);
}
// @inline
export function vehGroupMax(v: i32, k: i32): f64 {
  return unchecked(vehF[v * VEH_F_STRIDE + 10 + k]);
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
  const base = unchecked(taskI[t * TASK_I_STRIDE + 1]);
  const cnt = unchecked(taskI[t * TASK_I_STRIDE + 2]);
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
  const cnt = unchecked(taskI[t * TASK_I_STRIDE + 2]);
  if (cnt == 0) return -1.0;
  return unchecked(tw[(unchecked(taskI[t * TASK_I_STRIDE + 1]) + cnt - 1) * 2 + 1]);
}

/** Latest service start at task `t` not after `bound`, or -1 when no window allows it. */
export function latestStart(t: i32, bound: f64): f64 {
  const base = unchecked(taskI[t * TASK_I_STRIDE + 1]);
  const cnt = unchecked(taskI[t * TASK_I_STRIDE + 2]);
  for (let k = cnt - 1; k >= 0; k--) {
    const s = unchecked(tw[(base + k) * 2]);
    if (s <= bound) {
      const e = unchecked(tw[(base + k) * 2 + 1]);
      return bound < e ? bound : e;
    }
  }
  return -1.0;
}
