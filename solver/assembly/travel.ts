/**
 * Travel model: explicit matrices, or lon/lat with haversine × circuity ÷ speed computed on the
 * fly (coordinate mode keeps memory linear in the number of stops).
 * Location -1 means "nowhere" (no start or end depot): every arc touching it is free.
 */
import {
  PARAM_CIRCUITY,
  PARAM_SPEED_MPS,
  TASK_I_LOC,
  TASK_I_STRIDE,
  VEH_F_PER_M,
  VEH_F_PER_SEC,
  VEH_F_SPEED_FACTOR,
  VEH_F_STRIDE,
  VEH_I_END_LOC,
  VEH_I_PROFILE,
  VEH_I_START_LOC,
  VEH_I_STRIDE,
} from '../src/abi';
import {
  coords,
  invSpeed,
  matDist,
  matDur,
  mode,
  MODE_MATRIX,
  nLoc,
  nodeLoc,
  nTasks,
  nVeh,
  params,
  taskI,
  unitXYZ,
  vehF,
  vehI,
  nNodes,
} from './instance';

const EARTH_RADIUS_M: f64 = 6371008.8;

let circuity: f64 = 1.0;
let invSpeedMps: f64 = 1.0;
/** All vehicles price travel the same way: arc costs come from one matrix / one formula. */
let uniformCost = false;
let uPerSec: f64 = 0;
let uPerM: f64 = 0;
let costM = new StaticArray<f64>(0);
/** Offset of each vehicle's matrix profile in matDur / matDist. */
let profOff = new StaticArray<i32>(0);
/**
 * Every matrix equals its transpose (Euclidean and great-circle inputs): an arc into a task can
 * then be read from the task's own row. A scan of insertion positions for one task reads the
 * arcs u→task for every u; from u's rows that is one cache miss per position once the matrices
 * outgrow the cache (1,000 stops: 8 MB each), from the task's row they stay in L1.
 */
export let symmetric = false;

/**
 * Arc costs obey the triangle inequality, so no detour is negative and the part of an insertion
 * known first bounds its whole cost from below (evalPair). Great-circle costs always do; a
 * matrix is checked, up to 500 locations (O(n³), ≈ 0.1 s there; a road matrix usually fails at once).
 */
export let metricCost = false;
const METRIC_MAX_LOCATIONS = 500;

export function checkMetricCost(): void {
  metricCost =
    uniformCost && (mode != MODE_MATRIX || (nLoc <= METRIC_MAX_LOCATIONS && costM.length > 0 && isMetric(costM)));
}

/**
 * Travel times obey the triangle inequality, so leaving a later stop of a route never reaches a
 * place earlier than leaving an earlier one (recreate stops a route's scan at the first position
 * too late for the task). Great-circle times always do; matrices are checked, every profile, when
 * the O(n³) check costs under a hundredth of the time budget (≈ 2 s at 1,000 locations) or up
 * to 500 locations.
 */
export let metricDur = false;

export function checkMetricDur(limitMs: f64): void {
  if (mode != MODE_MATRIX) {
    metricDur = true;
    return;
  }
  const n = <f64>nLoc;
  metricDur = false;
  if (nLoc > METRIC_MAX_LOCATIONS && n * n * n * 2e-6 > 0.01 * limitMs) return;
  const per = nLoc * nLoc;
  for (let o = 0; o + per <= matDur.length; o += per) if (!isMetric(matDur, o)) return;
  metricDur = matDur.length > 0;
}

function isMetric(m: StaticArray<f64>, o: i32 = 0): bool {
  for (let k = 0; k < nLoc; k++) {
    for (let i = 0; i < nLoc; i++) {
      const ik = unchecked(m[o + i * nLoc + k]);
      const row = o + i * nLoc;
      const rowK = o + k * nLoc;
      for (let j = 0; j < nLoc; j++) {
        const ij = unchecked(m[row + j]);
        if (ij > ik + unchecked(m[rowK + j]) + 1e-9 * ij) return false;
      }
    }
  }
  return true;
}

/** Fills derived arrays; called once after the driver has written the inputs. */
export function prepareTravel(): void {
  circuity = params[PARAM_CIRCUITY] > 0 ? params[PARAM_CIRCUITY] : 1.0;
  invSpeedMps = params[PARAM_SPEED_MPS] > 0 ? 1.0 / params[PARAM_SPEED_MPS] : 1.0;
  nodeLoc = new StaticArray<i32>(nNodes);
  for (let t = 0; t < nTasks; t++) nodeLoc[t] = taskI[t * TASK_I_STRIDE + TASK_I_LOC];
  invSpeed = new StaticArray<f64>(nVeh);
  profOff = new StaticArray<i32>(nVeh);
  for (let v = 0; v < nVeh; v++) {
    nodeLoc[nTasks + 2 * v] = vehI[v * VEH_I_STRIDE + VEH_I_START_LOC];
    nodeLoc[nTasks + 2 * v + 1] = vehI[v * VEH_I_STRIDE + VEH_I_END_LOC];
    const sf = vehF[v * VEH_F_STRIDE + VEH_F_SPEED_FACTOR];
    invSpeed[v] = sf > 0 ? 1.0 / sf : 1.0;
    profOff[v] = mode == MODE_MATRIX ? vehI[v * VEH_I_STRIDE + VEH_I_PROFILE] * nLoc * nLoc : 0;
  }
  uniformCost = nVeh > 0;
  for (let v = 1; v < nVeh; v++) {
    if (
      vehF[v * VEH_F_STRIDE + VEH_F_PER_SEC] != vehF[VEH_F_PER_SEC] ||
      vehF[v * VEH_F_STRIDE + VEH_F_PER_M] != vehF[VEH_F_PER_M] ||
      invSpeed[v] != invSpeed[0] ||
      profOff[v] != profOff[0]
    )
      uniformCost = false;
  }
  if (uniformCost) {
    uPerSec = vehF[VEH_F_PER_SEC] * invSpeed[0];
    uPerM = vehF[VEH_F_PER_M];
    // A cost matrix saves half the lookups in the hottest loop; skipped when it would be large.
    if (mode == MODE_MATRIX && nLoc <= 3000) {
      costM = new StaticArray<f64>(nLoc * nLoc);
      const o = profOff[0];
      for (let i = 0; i < nLoc * nLoc; i++) costM[i] = uPerSec * matDur[o + i] + uPerM * matDist[o + i];
    }
  }
  shareEqualMatrices();
  symmetric = mode != MODE_MATRIX || (isSymmetric(matDur) && (matDist === matDur || isSymmetric(matDist)));
  if (mode != MODE_MATRIX) {
    // Unit vectors make the great-circle distance a chord length plus one asin.
    unitXYZ = new StaticArray<f64>(nLoc * 3);
    const rad = Math.PI / 180.0;
    for (let i = 0; i < nLoc; i++) {
      const lon = coords[i * 2] * rad;
      const lat = coords[i * 2 + 1] * rad;
      const c = Math.cos(lat);
      unitXYZ[i * 3] = c * Math.cos(lon);
      unitXYZ[i * 3 + 1] = c * Math.sin(lon);
      unitXYZ[i * 3 + 2] = Math.sin(lat);
    }
  }
}

/**
 * Matrices with the same values become one array (the literature's instances give one matrix for
 * time, distance and cost): at 1,000 locations each is 8 MB, and three of them per worker no
 * longer fit the cache the search's scans read them through. Values, hence results, are unchanged.
 */
function shareEqualMatrices(): void {
  if (mode != MODE_MATRIX) return;
  if (matDist.length == matDur.length && sameValues(matDist, matDur)) matDist = matDur;
  // costM is read without a profile offset: only the first profile's block can stand in for it.
  if (costM.length == 0 || unchecked(profOff[0]) != 0) return;
  if (sameValues(costM, matDist)) costM = matDist;
  else if (sameValues(costM, matDur)) costM = matDur;
}

/** `a` equals the start of `b` (b may hold further profiles after it). */
function sameValues(a: StaticArray<f64>, b: StaticArray<f64>): bool {
  if (a.length > b.length) return false;
  for (let i = 0; i < a.length; i++) if (unchecked(a[i]) != unchecked(b[i])) return false;
  return true;
}

function isSymmetric(m: StaticArray<f64>): bool {
  const per = nLoc * nLoc;
  for (let o = 0; o + per <= m.length; o += per) {
    for (let a = 0; a < nLoc; a++) {
      for (let b = a + 1; b < nLoc; b++)
        if (unchecked(m[o + a * nLoc + b]) != unchecked(m[o + b * nLoc + a])) return false;
    }
  }
  return true;
}

/** Squared chord between two locations on the unit sphere (monotone in distance). */
// @inline
export function chord2(a: i32, b: i32): f64 {
  const dx = unchecked(unitXYZ[a * 3]) - unchecked(unitXYZ[b * 3]);
  const dy = unchecked(unitXYZ[a * 3 + 1]) - unchecked(unitXYZ[b * 3 + 1]);
  const dz = unchecked(unitXYZ[a * 3 + 2]) - unchecked(unitXYZ[b * 3 + 2]);
  return dx * dx + dy * dy + dz * dz;
}

function geoMeters(a: i32, b: i32): f64 {
  if (a == b) return 0;
  let h = Math.sqrt(chord2(a, b)) * 0.5;
  if (h > 1.0) h = 1.0;
  return 2.0 * EARTH_RADIUS_M * Math.asin(h) * circuity;
}

/** Distance for vehicle `v` (its matrix profile). */
// @inline
export function vdist(v: i32, a: i32, b: i32): f64 {
  if (a < 0 || b < 0) return 0;
  if (mode == MODE_MATRIX) return unchecked(matDist[unchecked(profOff[v]) + a * nLoc + b]);
  return geoMeters(a, b);
}

/** Distance in metres (or instance units) between two locations, first profile (proximity). */
// @inline
export function dist(a: i32, b: i32): f64 {
  if (a < 0 || b < 0) return 0;
  if (mode == MODE_MATRIX) return unchecked(matDist[a * nLoc + b]);
  return geoMeters(a, b);
}

/** Base travel time (speed factor 1) between two locations. */
// @inline
export function baseDur(a: i32, b: i32): f64 {
  if (a < 0 || b < 0) return 0;
  if (mode == MODE_MATRIX) return unchecked(matDur[a * nLoc + b]);
  return geoMeters(a, b) * invSpeedMps;
}

/** Travel time for vehicle `v` (its matrix profile and speed factor). */
// @inline
export function dur(v: i32, a: i32, b: i32): f64 {
  if (a < 0 || b < 0) return 0;
  if (mode == MODE_MATRIX) return unchecked(matDur[unchecked(profOff[v]) + a * nLoc + b]) * unchecked(invSpeed[v]);
  return geoMeters(a, b) * invSpeedMps * unchecked(invSpeed[v]);
}

/** Vehicles v and w travel alike: same matrix profile and speed factor. */
export function sameTravel(v: i32, w: i32): bool {
  return unchecked(profOff[v]) == unchecked(profOff[w]) && unchecked(invSpeed[v]) == unchecked(invSpeed[w]);
}

/** Proximity used for neighbour lists: distance plus travel time, so either matrix may be empty. */
export function proximity(a: i32, b: i32): f64 {
  if (a < 0 || b < 0) return 0;
  if (mode == MODE_MATRIX) return unchecked(matDist[a * nLoc + b]) + unchecked(matDur[a * nLoc + b]);
  return chord2(a, b);
}

/** Travel cost of arc a→b for vehicle v (per-second and per-distance rates, speed factor). */
// @inline
export function arcCost(v: i32, a: i32, b: i32): f64 {
  if (a < 0 || b < 0) return 0;
  if (uniformCost) {
    if (mode == MODE_MATRIX) {
      if (costM.length > 0) return unchecked(costM[a * nLoc + b]);
      const o = unchecked(profOff[0]) + a * nLoc + b;
      return uPerSec * unchecked(matDur[o]) + uPerM * unchecked(matDist[o]);
    }
    return geoMeters(a, b) * (uPerSec * invSpeedMps + uPerM);
  }
  return (
    unchecked(vehF[v * VEH_F_STRIDE + VEH_F_PER_SEC]) * dur(v, a, b) +
    unchecked(vehF[v * VEH_F_STRIDE + VEH_F_PER_M]) * vdist(v, a, b)
  );
}

// @inline

export function locOf(u: i32): i32 {
  return unchecked(nodeLoc[u]);
}

/** Travel time a→t for vehicle v, read from t's row when the matrices are symmetric (see `symmetric`). */
// @inline
export function durInto(v: i32, a: i32, t: i32): f64 {
  return symmetric ? dur(v, t, a) : dur(v, a, t);
}

/** Travel cost a→t for vehicle v, read from t's row when the matrices are symmetric. */
// @inline
export function arcCostInto(v: i32, a: i32, t: i32): f64 {
  return symmetric ? arcCost(v, t, a) : arcCost(v, a, t);
}

/** Distance a→t for vehicle v, read from t's row when the matrices are symmetric. */
// @inline
export function vdistInto(v: i32, a: i32, t: i32): f64 {
  return symmetric ? vdist(v, t, a) : vdist(v, a, t);
}
