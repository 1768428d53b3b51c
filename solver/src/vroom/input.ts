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

/** What every part needs: are locations matrix indices, and where coordinates beside them go. */
interface Reading {
  hasMatrix: boolean;
  echo: Echo;
}

type Place = 'location' | 'start' | 'end';

/**
 * `location_index` when there is a matrix, else the coordinates (`start`/`end` alike), as VROOM
 * requires; the other alone is refused by name (an index without matrices would leave a vehicle
 * without its start or end).
 */
function loc(o: Json, key: Place, field: string, r: Reading): Location | undefined {
  const idx = o[`${key}_index`];
  const c = o[key];
  if (r.hasMatrix && idx !== undefined) return idx as number;
  if (r.hasMatrix && c !== undefined) throw new ProblemError(`${field}.${key}_index`, 'is required with matrices');
  if (c === undefined && idx !== undefined)
    throw new ProblemError(`${field}.${key}`, `is required without matrices (${key}_index needs matrices)`);
  return c === undefined ? undefined : (c as Location);
}

/** Keeps the coordinates given beside the matrix index `loc` used, to show in the output (echo.ts). */
function keepBeside<K>(map: Map<K, Coordinates>, k: K, o: Json, key: Place, field: string, r: Reading): void {
  if (!r.hasMatrix || o[`${key}_index`] === undefined) return;
  const c = echoedCoordinates(`${field}.${key}`, o[key]);
  if (c) map.set(k, c);
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

function vehicleFromVroom(v: Json, i: number, profile: string | undefined, r: Reading): Vehicle {
  const f = `vehicles[${i}]`;
  const costs = v.costs === undefined ? undefined : obj(v.costs);
  refuseVehicleExtras(v, f);
  keepBeside(r.echo.start, i, v, 'start', f, r);
  keepBeside(r.echo.end, i, v, 'end', f, r);
  return {
    id: v.id as Vehicle['id'],
    description: description(f, v.description),
    start: loc(v, 'start', f, r),
    end: loc(v, 'end', f, r),
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

/**
 * What a job and a shipment's pickup or delivery read alike: id, description, location and times
 * (time windows are left to the caller, to keep the `Problem`'s key order).
 */
function stopFromVroom(
  o: Json,
  kind: 'job' | 'pickup' | 'delivery',
  field: string,
  r: Reading,
): Omit<ShipmentStep, 'timeWindows'> {
  refuseTaskTimesPerType(o, field);
  keepBeside(r.echo.task[kind], o.id as Id, o, 'location', field, r);
  return {
    id: o.id as Id,
    description: description(field, o.description),
    location: loc(o, 'location', field, r) as Location,
    setupS: o.setup as number | undefined,
    serviceS: o.service as number | undefined,
  };
}

function jobFromVroom(x: unknown, i: number, r: Reading): Job {
  const j = obj(x);
  return {
    ...stopFromVroom(j, 'job', `jobs[${i}]`, r),
    delivery: (j.delivery ?? j.amount) as number[] | undefined,
    pickup: j.pickup as number[] | undefined,
    skills: j.skills as Job['skills'],
    priority: j.priority as number | undefined,
    timeWindows: j.time_windows as Job['timeWindows'],
  };
}

function shipmentStepFromVroom(o: Json, part: 'pickup' | 'delivery', field: string, r: Reading): ShipmentStep {
  return { ...stopFromVroom(o, part, field, r), timeWindows: o.time_windows as ShipmentStep['timeWindows'] };
}

function shipmentFromVroom(x: unknown, i: number, r: Reading): Shipment {
  const s = obj(x);
  return {
    pickup: shipmentStepFromVroom(obj(s.pickup), 'pickup', `shipments[${i}].pickup`, r),
    delivery: shipmentStepFromVroom(obj(s.delivery), 'delivery', `shipments[${i}].delivery`, r),
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
  const r: Reading = { hasMatrix, echo: emptyEcho() };
  rawVehicles.forEach((v, i) => {
    const m = picked.vehicleMatrices[i];
    if (m && m.distances === undefined)
      refuseDistanceWithoutDistances(v, `vehicles[${i}]`, picked.vehicleSource[i] ?? '');
  });
  const vehicles = rawVehicles.map((v, i) => vehicleFromVroom(v, i, picked.vehicleProfile[i], r));
  const jobs = arr(root.jobs).map((x, i) => jobFromVroom(x, i, r));
  const shipments = arr(root.shipments).map((x, i) => shipmentFromVroom(x, i, r));
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
  rememberEcho(clean, r.echo);
  return clean;
}
