/** VROOM input JSON → the solver's `Problem`, key by key (see `../vroom.ts` for what is read). */
import { ProblemError } from '../errors.ts';
import type {
  Break,
  Coordinates,
  Id,
  Job,
  Location,
  Matrices,
  Problem,
  Shipment,
  ShipmentStep,
  Vehicle,
} from '../types.ts';
import { type Echo, echoedCoordinates, emptyEcho, rememberEcho } from './echo.ts';
import { validateInVroomTerms } from './field-names.ts';
import { arr, description, type Json, obj } from './json.ts';
import { pickMatrices } from './profiles.ts';
import {
  refuseBreakExtras,
  refuseDistanceWithoutDistances,
  refuseTaskTimesPerType,
  refuseVehicleExtras,
} from './refusals.ts';

/**
 * `location_index` when there is a matrix, else the coordinates (`start`/`end` alike), as VROOM
 * requires; the other alone is refused by name (an index without matrices would leave a vehicle
 * without its start or end).
 */
function loc(o: Json, key: 'location' | 'start' | 'end', hasMatrix: boolean, field: string): Location | undefined {
  const idx = o[`${key}_index`];
  if (hasMatrix && idx !== undefined) return idx as number;
  const c = o[key];
  if (hasMatrix && c !== undefined) throw new ProblemError(`${field}.${key}_index`, 'is required with matrices');
  if (c === undefined && idx !== undefined)
    throw new ProblemError(`${field}.${key}`, `is required without matrices (${key}_index needs matrices)`);
  return c === undefined ? undefined : (c as Location);
}

/** Coordinates given beside the matrix index `loc` used, to show in the output (see echo.ts). */
function echoed(o: Json, key: 'location' | 'start' | 'end', field: string, echo: Echo | undefined) {
  return echo && o[`${key}_index`] !== undefined ? echoedCoordinates(`${field}.${key}`, o[key]) : undefined;
}

function remember<K>(map: Map<K, Coordinates>, key: K, c: Coordinates | undefined): void {
  if (c) map.set(key, c);
}

function breakFromVroom(b: unknown, field: string): Break {
  const o = obj(b);
  refuseBreakExtras(o, field);
  return {
    id: o.id as Vehicle['id'],
    description: description(field, o.description),
    timeWindows: o.time_windows as [number, number][],
    serviceS: o.service as number | undefined,
  };
}

function vehicleFromVroom(v: Json, i: number, profile: string | undefined, echo: Echo | undefined): Vehicle {
  const f = `vehicles[${i}]`;
  const hasMatrix = echo !== undefined;
  const costs = v.costs === undefined ? undefined : obj(v.costs);
  refuseVehicleExtras(v, f);
  if (echo) {
    remember(echo.start, i, echoed(v, 'start', f, echo));
    remember(echo.end, i, echoed(v, 'end', f, echo));
  }
  return {
    id: v.id as Vehicle['id'],
    description: description(f, v.description),
    start: loc(v, 'start', hasMatrix, f),
    end: loc(v, 'end', hasMatrix, f),
    timeWindow: v.time_window as Vehicle['timeWindow'],
    capacity: v.capacity as number[] | undefined,
    skills: v.skills as Vehicle['skills'],
    speedFactor: v.speed_factor as number | undefined,
    profile,
    maxStops: v.max_tasks as number | undefined,
    maxTravelTimeS: v.max_travel_time as number | undefined,
    maxDistanceM: v.max_distance as number | undefined,
    costs: costs && {
      fixed: costs.fixed as number | undefined,
      perHour: costs.per_hour as number | undefined,
      perKm: costs.per_km as number | undefined,
    },
    breaks: v.breaks === undefined ? undefined : arr(v.breaks).map((b, k) => breakFromVroom(b, `${f}.breaks[${k}]`)),
  };
}

function jobFromVroom(x: unknown, i: number, echo: Echo | undefined): Job {
  const j = obj(x);
  const f = `jobs[${i}]`;
  const hasMatrix = echo !== undefined;
  refuseTaskTimesPerType(j, f);
  if (echo) remember(echo.task.job, j.id as Id, echoed(j, 'location', f, echo));
  return {
    id: j.id as Job['id'],
    description: description(f, j.description),
    location: loc(j, 'location', hasMatrix, f) as Location,
    setupS: j.setup as number | undefined,
    serviceS: j.service as number | undefined,
    delivery: (j.delivery ?? j.amount) as number[] | undefined,
    pickup: j.pickup as number[] | undefined,
    skills: j.skills as Job['skills'],
    priority: j.priority as number | undefined,
    timeWindows: j.time_windows as Job['timeWindows'],
  };
}

function shipmentStepFromVroom(
  o: Json,
  part: 'pickup' | 'delivery',
  field: string,
  echo: Echo | undefined,
): ShipmentStep {
  const hasMatrix = echo !== undefined;
  refuseTaskTimesPerType(o, field);
  if (echo) remember(echo.task[part], o.id as Id, echoed(o, 'location', field, echo));
  return {
    id: o.id as ShipmentStep['id'],
    description: description(field, o.description),
    location: loc(o, 'location', hasMatrix, field) as Location,
    setupS: o.setup as number | undefined,
    serviceS: o.service as number | undefined,
    timeWindows: o.time_windows as ShipmentStep['timeWindows'],
  };
}

function shipmentFromVroom(x: unknown, i: number, echo: Echo | undefined): Shipment {
  const s = obj(x);
  return {
    pickup: shipmentStepFromVroom(obj(s.pickup), 'pickup', `shipments[${i}].pickup`, echo),
    delivery: shipmentStepFromVroom(obj(s.delivery), 'delivery', `shipments[${i}].delivery`, echo),
    amount: s.amount as number[] | undefined,
    skills: s.skills as Shipment['skills'],
    priority: s.priority as number | undefined,
  };
}

const matricesOf = (m: Json): Matrices => ({
  durations: m.durations as Matrices['durations'],
  distances: m.distances as Matrices['distances'],
});

/** VROOM input JSON → Problem. Errors name the VROOM field (`vehicles[3].time_window: …`). */
export function fromVroom(input: unknown): Problem {
  const root = obj(input);
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new ProblemError('input', 'must be a JSON object');
  const rawVehicles = arr(root.vehicles).map(obj);
  const picked = pickMatrices(root, rawVehicles);
  const first = picked.main;
  const durations = first?.durations as Matrices['durations'] | undefined;
  const hasMatrix = durations !== undefined;
  const echo = hasMatrix ? emptyEcho() : undefined;
  rawVehicles.forEach((v, i) => {
    const m = picked.vehicleMatrices[i];
    if (m && m.distances === undefined)
      refuseDistanceWithoutDistances(v, `vehicles[${i}]`, picked.vehicleSource[i] ?? '');
  });
  const vehicles = rawVehicles.map((v, i) => vehicleFromVroom(v, i, picked.vehicleProfile[i], echo));
  const jobs = arr(root.jobs).map((x, i) => jobFromVroom(x, i, echo));
  const shipments = arr(root.shipments).map((x, i) => shipmentFromVroom(x, i, echo));
  const sm = root.speed_model === undefined ? undefined : obj(root.speed_model);
  const problem: Problem = {
    vehicles,
    jobs,
    shipments,
    matrices: durations ? { durations, distances: first?.distances as Matrices['distances'] } : undefined,
    profileMatrices:
      Object.keys(picked.others).length === 0
        ? undefined
        : Object.fromEntries(Object.entries(picked.others).map(([n, m]) => [n, matricesOf(m)])),
    speedModel: sm && { speedMps: sm.speed_mps as number | undefined, circuity: sm.circuity as number | undefined },
  };
  if (!hasMatrix) delete problem.matrices;
  if (!sm) delete problem.speedModel;
  // Plain objects with undefined keys would trip the validator's "must be a number" checks.
  const clean = JSON.parse(JSON.stringify(problem)) as Problem;
  validateInVroomTerms(clean, hasMatrix);
  if (echo) rememberEcho(clean, echo);
  return clean;
}
