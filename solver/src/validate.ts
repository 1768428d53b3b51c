/**
 * Input validation. Every check names the field (`vehicles[3].timeWindow: end before start`) so
 * a user can fix their file from the message alone. Returns normalised windows (sorted, merged).
 */
import { VEH_GROUPS } from './abi.ts';
import { ProblemError } from './errors.ts';
import type { Location, TimeWindow } from './types.ts';

export const MAX_DIMS = 8;
export const MAX_SKILLS = 64;

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function num(field: string, x: unknown, opts: { min?: number; int?: boolean; optional?: boolean } = {}): void {
  if (x === undefined && opts.optional !== false) return;
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new ProblemError(field, 'must be a finite number');
  if (opts.min !== undefined && x < opts.min) throw new ProblemError(field, `must be at least ${opts.min}`);
  if (opts.int && !Number.isInteger(x)) throw new ProblemError(field, 'must be an integer');
}

function amounts(field: string, x: unknown): number {
  if (x === undefined) return 0;
  if (!Array.isArray(x)) throw new ProblemError(field, 'must be an array of amounts');
  if (x.length > MAX_DIMS) throw new ProblemError(field, `at most ${MAX_DIMS} dimensions`);
  for (const [i, a] of x.entries()) num(`${field}[${i}]`, a, { min: 0 });
  return x.length;
}

/** Checks and normalises a window list: sorted by start, overlapping windows merged. */
export function normaliseWindows(field: string, x: unknown): TimeWindow[] | undefined {
  if (x === undefined) return undefined;
  if (!Array.isArray(x)) throw new ProblemError(field, 'must be an array of [start, end]');
  if (x.length === 0) throw new ProblemError(field, 'must hold at least one window');
  const ws = x.map((w, i) => {
    const f = `${field}[${i}]`;
    if (!Array.isArray(w) || w.length !== 2) throw new ProblemError(f, 'must be [start, end]');
    num(`${f}[0]`, w[0], { min: 0 });
    if (typeof w[1] !== 'number' || Number.isNaN(w[1])) throw new ProblemError(`${f}[1]`, 'must be a number');
    if (w[1] < w[0]) throw new ProblemError(f, 'end before start');
    return [w[0], w[1]] as const;
  });
  ws.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of ws) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/** A job's or a shipment step's place and times. */
function stop(field: string, x: Record<string, unknown>, matrixSize: number | undefined): void {
  if (x.location === undefined) throw new ProblemError(`${field}.location`, 'is required');
  location(`${field}.location`, x.location, matrixSize);
  num(`${field}.serviceS`, x.serviceS, { min: 0 });
  num(`${field}.setupS`, x.setupS, { min: 0 });
}

/** An object with a string or number id, unique among those `seen` (when given). */
function withId(field: string, x: unknown, seen?: Set<unknown>): Record<string, unknown> {
  if (!isObj(x)) throw new ProblemError(field, 'must be an object');
  if (typeof x.id !== 'string' && typeof x.id !== 'number')
    throw new ProblemError(`${field}.id`, 'must be a string or number');
  if (seen) {
    if (seen.has(x.id)) throw new ProblemError(`${field}.id`, `duplicate id ${String(x.id)}`);
    seen.add(x.id);
  }
  return x;
}

function skills(field: string, x: unknown, seen: Set<unknown>): void {
  if (x === undefined) return;
  if (!Array.isArray(x)) throw new ProblemError(field, 'must be an array');
  x.forEach((s, i) => {
    if (typeof s !== 'string' && typeof s !== 'number')
      throw new ProblemError(`${field}[${i}]`, 'must be a string or number');
    seen.add(s);
  });
  if (seen.size > MAX_SKILLS) throw new ProblemError(field, `at most ${MAX_SKILLS} distinct skills per problem`);
}

function location(field: string, x: unknown, matrixSize: number | undefined): void {
  if (matrixSize !== undefined) {
    if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x >= matrixSize) {
      throw new ProblemError(field, `must be a matrix index in 0…${matrixSize - 1}`);
    }
    return;
  }
  if (!Array.isArray(x) || x.length !== 2) throw new ProblemError(field, 'must be [lon, lat] (no matrices given)');
  num(`${field}[0]`, x[0]);
  num(`${field}[1]`, x[1]);
  if (Math.abs(x[0] as number) > 180) throw new ProblemError(`${field}[0]`, 'longitude outside −180…180');
  if (Math.abs(x[1] as number) > 90) throw new ProblemError(`${field}[1]`, 'latitude outside −90…90');
}

function matrix(field: string, m: unknown, n: number | undefined): number {
  if (!Array.isArray(m)) throw new ProblemError(field, 'must be a square array of arrays');
  const size = n ?? m.length;
  if (m.length !== size) throw new ProblemError(field, `must have ${size} rows`);
  m.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== size)
      throw new ProblemError(`${field}[${i}]`, `must have ${size} entries`);
    for (let j = 0; j < size; j++) {
      const v = row[j];
      if (v === null) continue;
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
        throw new ProblemError(`${field}[${i}][${j}]`, 'must be a number ≥ 0 or null');
    }
  });
  return size;
}

/** Throws a ProblemError naming the first bad field; returns the number of load dimensions. */
export function validateProblem(p: unknown): number {
  if (!isObj(p)) throw new ProblemError('problem', 'must be an object');
  let size: number | undefined;
  if (p.matrices !== undefined) {
    if (!isObj(p.matrices)) throw new ProblemError('matrices', 'must be an object');
    if (p.matrices.durations === undefined) throw new ProblemError('matrices.durations', 'is required');
    size = matrix('matrices.durations', p.matrices.durations, undefined);
    if (p.matrices.distances !== undefined) matrix('matrices.distances', p.matrices.distances, size);
  }
  if (p.profileMatrices !== undefined) {
    if (!isObj(p.profileMatrices)) throw new ProblemError('profileMatrices', 'must be an object');
    if (size === undefined) throw new ProblemError('profileMatrices', 'needs matrices (the default profile)');
    for (const [name, m] of Object.entries(p.profileMatrices)) {
      const f = `profileMatrices.${name}`;
      if (!isObj(m)) throw new ProblemError(f, 'must be an object');
      if (m.durations === undefined) throw new ProblemError(`${f}.durations`, 'is required');
      matrix(`${f}.durations`, m.durations, size);
      if (m.distances !== undefined) matrix(`${f}.distances`, m.distances, size);
    }
  }
  const profiles = isObj(p.profileMatrices) ? p.profileMatrices : {};
  if (p.speedModel !== undefined) {
    if (!isObj(p.speedModel)) throw new ProblemError('speedModel', 'must be an object');
    num('speedModel.speedMps', p.speedModel.speedMps, { min: 1e-6 });
    num('speedModel.circuity', p.speedModel.circuity, { min: 1e-6 });
  }
  if (!Array.isArray(p.vehicles) || p.vehicles.length === 0)
    throw new ProblemError('vehicles', 'must be a non-empty array');
  const dims = new Set<number>();
  const skillSet = new Set<unknown>();
  const ids = new Set<unknown>();
  p.vehicles.forEach((x: unknown, i: number) => {
    const f = `vehicles[${i}]`;
    const v = withId(f, x, ids);
    if (v.start !== undefined) location(`${f}.start`, v.start, size);
    if (v.end !== undefined) location(`${f}.end`, v.end, size);
    if (v.timeWindow !== undefined) {
      const w = v.timeWindow;
      if (!Array.isArray(w) || w.length !== 2) throw new ProblemError(`${f}.timeWindow`, 'must be [start, end]');
      num(`${f}.timeWindow[0]`, w[0], { min: 0 });
      if (typeof w[1] !== 'number' || Number.isNaN(w[1]))
        throw new ProblemError(`${f}.timeWindow[1]`, 'must be a number');
      if (w[1] < w[0]) throw new ProblemError(`${f}.timeWindow`, 'end before start');
    }
    if (v.capacity !== undefined) dims.add(amounts(`${f}.capacity`, v.capacity));
    skills(`${f}.skills`, v.skills, skillSet);
    num(`${f}.maxTravelTimeS`, v.maxTravelTimeS, { min: 0 });
    num(`${f}.maxDistanceM`, v.maxDistanceM, { min: 0 });
    num(`${f}.maxStops`, v.maxStops, { min: 0, int: true });
    num(`${f}.speedFactor`, v.speedFactor, { min: 1e-6 });
    if (v.profile !== undefined && (typeof v.profile !== 'string' || !(v.profile in profiles)))
      throw new ProblemError(`${f}.profile`, 'must name a key of profileMatrices');
    if (v.costs !== undefined) {
      if (!isObj(v.costs)) throw new ProblemError(`${f}.costs`, 'must be an object');
      num(`${f}.costs.fixed`, v.costs.fixed, { min: 0 });
      num(`${f}.costs.perHour`, v.costs.perHour, { min: 0 });
      num(`${f}.costs.perKm`, v.costs.perKm, { min: 0 });
    }
    num(`${f}.maxDrivingS`, v.maxDrivingS, { min: 1e-6 });
    num(`${f}.drivingBreakS`, v.drivingBreakS, { min: 0 });
    if (v.reload !== undefined) {
      if (!isObj(v.reload)) throw new ProblemError(`${f}.reload`, 'must be an object');
      num(`${f}.reload.reloadS`, v.reload.reloadS, { min: 0, optional: false });
      num(`${f}.reload.maxTrips`, v.reload.maxTrips, { min: 1, int: true });
      if (typeof v.reload.maxTrips === 'number' && v.reload.maxTrips > 50)
        throw new ProblemError(`${f}.reload.maxTrips`, 'must be at most 50');
      if (v.start === undefined) throw new ProblemError(`${f}.reload`, 'needs a start (the place to reload)');
    }
    if (v.breaks !== undefined) {
      if (!Array.isArray(v.breaks)) throw new ProblemError(`${f}.breaks`, 'must be an array');
      v.breaks.forEach((b: unknown, k: number) => {
        const bf = `${f}.breaks[${k}]`;
        if (!isObj(b)) throw new ProblemError(bf, 'must be an object');
        if (b.timeWindows === undefined) throw new ProblemError(`${bf}.timeWindows`, 'is required');
        normaliseWindows(`${bf}.timeWindows`, b.timeWindows);
        num(`${bf}.serviceS`, b.serviceS, { min: 0 });
      });
    }
  });
  const taskIds = new Set<unknown>();
  const jobs = p.jobs ?? [];
  if (!Array.isArray(jobs)) throw new ProblemError('jobs', 'must be an array');
  jobs.forEach((x: unknown, i: number) => {
    const f = `jobs[${i}]`;
    const j = withId(f, x, taskIds);
    stop(f, j, size);
    if (j.delivery !== undefined) dims.add(amounts(`${f}.delivery`, j.delivery));
    if (j.pickup !== undefined) dims.add(amounts(`${f}.pickup`, j.pickup));
    skills(`${f}.skills`, j.skills, skillSet);
    num(`${f}.priority`, j.priority, { min: 0 });
    if (typeof j.priority === 'number' && j.priority > 100)
      throw new ProblemError(`${f}.priority`, 'must be at most 100');
    normaliseWindows(`${f}.timeWindows`, j.timeWindows);
  });
  const ships = p.shipments ?? [];
  if (!Array.isArray(ships)) throw new ProblemError('shipments', 'must be an array');
  ships.forEach((s: unknown, i: number) => {
    const f = `shipments[${i}]`;
    if (!isObj(s)) throw new ProblemError(f, 'must be an object');
    for (const part of ['pickup', 'delivery'] as const) {
      const pf = `${f}.${part}`;
      const st = withId(pf, s[part]);
      stop(pf, st, size);
      normaliseWindows(`${pf}.timeWindows`, st.timeWindows);
    }
    if (s.amount !== undefined) dims.add(amounts(`${f}.amount`, s.amount));
    skills(`${f}.skills`, s.skills, skillSet);
    num(`${f}.priority`, s.priority, { min: 0 });
  });
  if (p.workLimits !== undefined) {
    if (!Array.isArray(p.workLimits)) throw new ProblemError('workLimits', 'must be an array');
    const limitIds = new Set<unknown>();
    const perVehicle = new Map<unknown, number>();
    p.workLimits.forEach((x: unknown, i: number) => {
      const f = `workLimits[${i}]`;
      const w = withId(f, x, limitIds);
      num(`${f}.maxWorkS`, w.maxWorkS, { min: 0, optional: false });
      if (!Array.isArray(w.vehicles)) throw new ProblemError(`${f}.vehicles`, 'must be an array of vehicle ids');
      new Set(w.vehicles).forEach((id) => {
        if (!ids.has(id)) throw new ProblemError(`${f}.vehicles`, `unknown vehicle ${String(id)}`);
        const n = (perVehicle.get(id) ?? 0) + 1;
        if (n > VEH_GROUPS) {
          throw new ProblemError(`${f}.vehicles`, `vehicle ${String(id)} is in more than ${VEH_GROUPS} work limits`);
        }
        perVehicle.set(id, n);
      });
    });
  }
  num('balance', p.balance, { min: 0 });
  const d = [...dims].filter((x) => x > 0);
  if (new Set(d).size > 1)
    throw new ProblemError('capacity', `amount vectors have different lengths (${[...new Set(d)].join(', ')})`);
  return d[0] ?? 0;
}

/** Location list helper for coordinate mode: same coordinates share one index. */
export function isCoordinates(l: Location): l is readonly [number, number] {
  return Array.isArray(l);
}
