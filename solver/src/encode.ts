/**
 * Problem → the flat typed arrays of the WASM ABI (see assembly/index.ts for the layout, abi.ts
 * for the names of its ids and fields).
 * Tasks are numbered jobs first, then shipments (pickup, delivery), then breaks in vehicle order.
 */
import {
  IN_COORDS,
  IN_DISTANCES,
  IN_DURATIONS,
  IN_F64_COUNT,
  IN_TASK_DELTA,
  IN_TASK_F,
  IN_TASK_START_LOAD,
  IN_TIME_WINDOWS,
  IN_VEH_CAP,
  IN_VEH_F,
  KIND_BREAK,
  KIND_DELIVERY,
  KIND_JOB,
  KIND_PICKUP,
  KIND_RELOAD,
  TASK_F_PENALTY,
  TASK_F_SERVICE,
  TASK_F_SETUP,
  TASK_F_STRIDE,
  TASK_F_TW_WIDTH,
  TW_WIDTH_CAP,
  TASK_I_KIND,
  TASK_I_LOC,
  TASK_I_PAIR,
  TASK_I_STRIDE,
  TASK_I_TW_COUNT,
  TASK_I_TW_OFFSET,
  UNREACHABLE,
  VEH_F_DRIVING_BREAK,
  VEH_F_FIXED,
  VEH_F_GROUP_MAX,
  VEH_F_MAX_DIST,
  VEH_F_MAX_DRIVING,
  VEH_F_MAX_TRAVEL,
  VEH_F_PER_M,
  VEH_F_PER_SEC,
  VEH_F_RELOAD,
  VEH_F_SPEED_FACTOR,
  VEH_F_STRIDE,
  VEH_F_TW_END,
  VEH_F_TW_START,
  VEH_GROUPS,
  VEH_I_END_LOC,
  VEH_I_GROUP,
  VEH_I_MAX_STOPS,
  VEH_I_PROFILE,
  VEH_I_START_LOC,
  VEH_I_STRIDE,
} from './abi.ts';
import { encodeParams } from './params.ts';
import { normaliseWindows, validateProblem } from './validate.ts';
import type { Id, Location, Matrices, Problem, SolveOptions, TimeWindow } from './types.ts';

/** Reload trips of a vehicle when `reload.maxTrips` is absent. */
export const DEFAULT_MAX_TRIPS = 3;

/** Everything a worker needs: structured-cloneable. */
export interface Encoded {
  counts: { locs: number; tasks: number; vehicles: number; dims: number; tws: number; mode: number; profiles: number };
  /** The f64 inputs indexed by their ABI id (IN_DURATIONS … IN_VEH_CAP). */
  f64: Float64Array[];
  /** The params array (IN_PARAMS), by PARAM_* slot. */
  params: Float64Array;
  taskI: Int32Array;
  vehI: Int32Array;
  taskSkill: BigUint64Array;
  vehSkill: BigUint64Array;
  /** Per break task: [vehicle index, break index]. */
  breaks: [number, number][];
  /** Per reload task (after the breaks): its vehicle index. */
  reloads: number[];
  nJobs: number;
  /** A solution to start from (IN_START), set by `withRun` for a round that continues another's. */
  start?: Int32Array;
  nShipments: number;
}

interface TaskSpec {
  loc: Location;
  serviceS: number;
  setupS: number;
  windows: TimeWindow[];
  start: number[];
  delta: number[];
  kind: number;
  partner: number;
  skills: Id[];
  priority: number;
}

export function encodeProblem(problem: Problem, opts: SolveOptions = {}): Encoded {
  const dims = validateProblem(problem);
  const D = Math.max(1, dims);
  const pad = (a: number[] | undefined): number[] => Array.from({ length: D }, (_, i) => a?.[i] ?? 0);
  const matrixMode = problem.matrices !== undefined;
  // Locations: matrix indices as they are; coordinates deduplicated.
  const coordIndex = new Map<string, number>();
  const coordList: number[] = [];
  const locIdx = (l: Location | undefined): number => {
    if (l === undefined) return -1;
    if (typeof l === 'number') return l;
    const key = `${l[0]},${l[1]}`;
    let i = coordIndex.get(key);
    if (i === undefined) {
      i = coordIndex.size;
      coordIndex.set(key, i);
      coordList.push(l[0], l[1]);
    }
    return i;
  };
  const tasks: TaskSpec[] = [];
  const jobs = problem.jobs ?? [];
  const ships = problem.shipments ?? [];
  jobs.forEach((j, i) => {
    const del = pad(j.delivery);
    const pick = pad(j.pickup);
    tasks.push({
      loc: j.location,
      serviceS: j.serviceS ?? 0,
      setupS: j.setupS ?? 0,
      windows: normaliseWindows(`jobs[${i}].timeWindows`, j.timeWindows) ?? [[0, Infinity]],
      start: del,
      delta: pick.map((p, k) => p - (del[k] ?? 0)),
      kind: KIND_JOB,
      partner: -1,
      skills: j.skills ?? [],
      priority: j.priority ?? 0,
    });
  });
  ships.forEach((s, i) => {
    const amt = pad(s.amount);
    const base = tasks.length;
    for (const part of ['pickup', 'delivery'] as const) {
      const st = s[part];
      tasks.push({
        loc: st.location,
        serviceS: st.serviceS ?? 0,
        setupS: st.setupS ?? 0,
        windows: normaliseWindows(`shipments[${i}].${part}.timeWindows`, st.timeWindows) ?? [[0, Infinity]],
        start: pad([]),
        delta: amt.map((a) => (part === 'pickup' ? a : -a)),
        kind: part === 'pickup' ? KIND_PICKUP : KIND_DELIVERY,
        partner: part === 'pickup' ? base + 1 : base,
        skills: s.skills ?? [],
        priority: s.priority ?? 0,
      });
    }
  });
  // Breaks and reloads: tasks of vehicle vi alone (its index in `partner`), carrying nothing.
  const ofVehicle = (vi: number) => ({ start: pad([]), delta: pad([]), partner: vi, skills: [], priority: 0 });
  const breaks: [number, number][] = [];
  problem.vehicles.forEach((v, vi) => {
    (v.breaks ?? []).forEach((b, bi) => {
      breaks.push([vi, bi]);
      tasks.push({
        loc: -1,
        serviceS: b.serviceS ?? 0,
        setupS: 0,
        windows: normaliseWindows(`vehicles[${vi}].breaks[${bi}].timeWindows`, b.timeWindows) ?? [[0, Infinity]],
        kind: KIND_BREAK,
        ...ofVehicle(vi),
      });
    });
  });
  const reloads: number[] = [];
  problem.vehicles.forEach((v, vi) => {
    if (!v.reload) return;
    const n = (v.reload.maxTrips ?? DEFAULT_MAX_TRIPS) - 1;
    for (let k = 0; k < n; k++) {
      reloads.push(vi);
      tasks.push({
        loc: v.start as Location,
        serviceS: 0,
        // Paid only when arriving from elsewhere: a reload parked at the start costs nothing.
        setupS: v.reload.reloadS,
        windows: [[0, Infinity]],
        kind: KIND_RELOAD,
        ...ofVehicle(vi),
      });
    }
  });
  const T = tasks.length;
  const V = problem.vehicles.length;
  // Skills → bits.
  const skillBit = new Map<Id, bigint>();
  const mask = (ss: Id[]): bigint => {
    let m = 0n;
    for (const s of ss) {
      let b = skillBit.get(s);
      if (b === undefined) {
        b = 1n << BigInt(skillBit.size);
        skillBit.set(s, b);
      }
      m |= b;
    }
    return m;
  };
  const taskSkill = new BigUint64Array(T);
  tasks.forEach((t, i) => {
    taskSkill[i] = mask(t.skills);
  });
  const vehSkill = new BigUint64Array(V);
  problem.vehicles.forEach((v, i) => {
    vehSkill[i] = mask(v.skills ?? []);
  });
  // Locations of tasks and vehicles.
  const taskLoc = tasks.map((t) => (t.kind === KIND_BREAK ? -1 : locIdx(t.loc)));
  // Work limits: each vehicle's groups (at most VEH_GROUPS, checked by validate).
  const vIndex = new Map(problem.vehicles.map((v, i) => [v.id, i]));
  const vGroups = problem.vehicles.map(() => [] as [number, number][]);
  (problem.workLimits ?? []).forEach((w, g) => {
    for (const id of new Set(w.vehicles)) vGroups[vIndex.get(id) ?? -1]?.push([g, w.maxWorkS]);
  });
  const vStart = problem.vehicles.map((v) => locIdx(v.start));
  const vEnd = problem.vehicles.map((v) => locIdx(v.end));
  const L = matrixMode ? (problem.matrices?.durations.length ?? 0) : coordIndex.size;
  // Matrix profiles: 0 is `matrices`, then the other profiles the vehicles name, in order of use.
  const profileNames: string[] = [];
  const vProfile = problem.vehicles.map((v) => {
    if (v.profile === undefined || !problem.profileMatrices?.[v.profile]) return 0;
    let k = profileNames.indexOf(v.profile);
    if (k < 0) k = profileNames.push(v.profile) - 1;
    return k + 1;
  });
  const P = 1 + profileNames.length;
  const durM = new Float64Array(matrixMode ? P * L * L : 0);
  const distM = new Float64Array(matrixMode ? P * L * L : 0);
  let maxArc = 0;
  const blocks =
    matrixMode && problem.matrices
      ? [problem.matrices, ...profileNames.map((n) => problem.profileMatrices?.[n] as Matrices)]
      : [];
  blocks.forEach(({ durations, distances }, p) => {
    const o = p * L * L;
    for (let a = 0; a < L; a++) {
      for (let b = 0; b < L; b++) {
        const d = durations[a]?.[b];
        durM[o + a * L + b] = d === null || d === undefined ? UNREACHABLE : d;
        const m = distances ? distances[a]?.[b] : 0;
        distM[o + a * L + b] = m === null || m === undefined ? UNREACHABLE : m;
        if (d !== null && d !== undefined && d > maxArc) maxArc = d;
        if (m !== null && m !== undefined && m > maxArc) maxArc = m;
      }
    }
  });
  const coords = matrixMode ? new Float64Array(0) : new Float64Array(coordList);
  const speed = problem.speedModel?.speedMps ?? 8.33;
  const circuity = problem.speedModel?.circuity ?? 1.3;
  if (!matrixMode) maxArc = 2.1e7 * circuity * Math.max(1, 1 / speed); // half the Earth, generous
  // Windows.
  const twList: number[] = [];
  const taskF = new Float64Array(T * TASK_F_STRIDE);
  const taskI = new Int32Array(T * TASK_I_STRIDE);
  const startLoad = new Float64Array(T * D);
  const delta = new Float64Array(T * D);
  // Costs and the unassigned penalty: an unassigned job must cost more than any whole solution.
  const costs = problem.vehicles.map((v) => {
    const c = v.costs;
    // VROOM's default: a cost object without per_hour still pays travel time at 3600 per hour.
    const perHour = c?.perHour ?? 3600;
    return { fixed: c?.fixed ?? 0, perSec: perHour / 3600, perM: (c?.perKm ?? 0) / 1000 };
  });
  const maxRate = Math.max(1, ...costs.map((c) => c.perSec + c.perM));
  const sumFixed = costs.reduce((s, c) => s + c.fixed, 0);
  // With balance on, a route's work² term counts too: bounded by its shift (or all travel and service).
  let balanceMax = 0;
  if ((problem.balance ?? 0) > 0) {
    const busy = tasks.reduce((a, t) => a + t.serviceS + t.setupS, 0);
    problem.vehicles.forEach((v, i) => {
      const tw = v.timeWindow ?? [0, Infinity];
      const w = Math.min(tw[1] - tw[0], (T + 2 * V) * maxArc + busy);
      const rate = (costs[i]?.perSec ?? 0) > 0 ? (costs[i]?.perSec ?? 1) : 1;
      balanceMax += ((problem.balance ?? 0) * rate * w * w) / 7200;
    });
  }
  const unit = 10 * (sumFixed + (T + 2 * V) * maxArc * maxRate + balanceMax + 1);
  tasks.forEach((t, i) => {
    const ti = i * TASK_I_STRIDE;
    taskI[ti + TASK_I_LOC] = taskLoc[i] ?? -1;
    taskI[ti + TASK_I_TW_OFFSET] = twList.length / 2;
    taskI[ti + TASK_I_TW_COUNT] = t.windows.length;
    taskI[ti + TASK_I_KIND] = t.kind;
    taskI[ti + TASK_I_PAIR] = t.partner;
    let width = 0;
    for (const [s, e] of t.windows) {
      twList.push(s, e);
      width += Math.min(e, TW_WIDTH_CAP) - s;
    }
    const tf = i * TASK_F_STRIDE;
    taskF[tf + TASK_F_SERVICE] = t.serviceS;
    taskF[tf + TASK_F_SETUP] = t.setupS;
    taskF[tf + TASK_F_PENALTY] = unit * (1 + t.priority);
    taskF[tf + TASK_F_TW_WIDTH] = width;
    for (let d = 0; d < D; d++) {
      startLoad[i * D + d] = t.start[d] ?? 0;
      delta[i * D + d] = t.delta[d] ?? 0;
    }
  });
  const vehF = new Float64Array(V * VEH_F_STRIDE);
  const vehCap = new Float64Array(V * D);
  const vehI = new Int32Array(V * VEH_I_STRIDE);
  problem.vehicles.forEach((v, i) => {
    const tw = v.timeWindow ?? [0, Infinity];
    const c = costs[i] ?? { fixed: 0, perSec: 1, perM: 0 };
    const vf = i * VEH_F_STRIDE;
    vehF[vf + VEH_F_TW_START] = tw[0];
    vehF[vf + VEH_F_TW_END] = tw[1];
    vehF[vf + VEH_F_MAX_TRAVEL] = v.maxTravelTimeS ?? Infinity;
    vehF[vf + VEH_F_MAX_DIST] = v.maxDistanceM ?? Infinity;
    vehF[vf + VEH_F_FIXED] = c.fixed;
    vehF[vf + VEH_F_PER_SEC] = c.perSec;
    vehF[vf + VEH_F_PER_M] = c.perM;
    vehF[vf + VEH_F_SPEED_FACTOR] = v.speedFactor ?? 1;
    vehF[vf + VEH_F_MAX_DRIVING] = v.maxDrivingS ?? Infinity;
    vehF[vf + VEH_F_RELOAD] = v.reload?.reloadS ?? 0;
    vehF[vf + VEH_F_DRIVING_BREAK] = v.drivingBreakS ?? 0;
    const vi = i * VEH_I_STRIDE;
    vehI[vi + VEH_I_START_LOC] = vStart[i] ?? -1;
    vehI[vi + VEH_I_END_LOC] = vEnd[i] ?? -1;
    vehI[vi + VEH_I_MAX_STOPS] = v.maxStops ?? -1;
    vehI[vi + VEH_I_PROFILE] = vProfile[i] ?? 0;
    for (let k = 0; k < VEH_GROUPS; k++) {
      const [group, maxWorkS] = vGroups[i]?.[k] ?? [-1, 0];
      vehF[vf + VEH_F_GROUP_MAX + k] = maxWorkS;
      vehI[vi + VEH_I_GROUP + k] = group;
    }
    for (let d = 0; d < D; d++) vehCap[i * D + d] = v.capacity ? (v.capacity[d] ?? 0) : Infinity;
  });
  const params = encodeParams(problem, opts, circuity, speed);
  const f64 = Array.from({ length: IN_F64_COUNT }, () => new Float64Array(0));
  f64[IN_DURATIONS] = durM;
  f64[IN_DISTANCES] = distM;
  f64[IN_COORDS] = coords;
  f64[IN_TASK_F] = taskF;
  f64[IN_TASK_START_LOAD] = startLoad;
  f64[IN_TASK_DELTA] = delta;
  f64[IN_TIME_WINDOWS] = new Float64Array(twList);
  f64[IN_VEH_F] = vehF;
  f64[IN_VEH_CAP] = vehCap;
  return {
    counts: {
      locs: L,
      tasks: T,
      vehicles: V,
      dims: D,
      tws: twList.length / 2,
      mode: matrixMode ? 0 : 1,
      profiles: matrixMode ? P : 1,
    },
    f64,
    params,
    taskI,
    vehI,
    taskSkill,
    vehSkill,
    breaks,
    reloads,
    nJobs: jobs.length,
    nShipments: ships.length,
  };
}
