/** VROOM input JSON → the solver's `Problem`, key by key (see `../vroom.ts` for what is read). */
import { ProblemError } from '../errors.ts';
import type { Break, Job, Location, Matrices, Problem, Shipment, ShipmentStep, Vehicle } from '../types.ts';
import { validateInVroomTerms } from './field-names.ts';
import { arr, description, type Json, obj } from './json.ts';
import { pickMatrices } from './profiles.ts';
import { refuseBreakExtras, refuseTaskTimesPerType, refuseVehicleExtras } from './refusals.ts';

/** `location_index` when there is a matrix, else the coordinates (`start`/`end` alike). */
function loc(o: Json, key: 'location' | 'start' | 'end', hasMatrix: boolean): Location | undefined {
  const idx = o[`${key === 'location' ? 'location' : key}_index`];
  if (hasMatrix && idx !== undefined) return idx as number;
  const c = o[key];
  return c === undefined ? undefined : (c as Location);
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

function vehicleFromVroom(v: Json, i: number, hasMatrix: boolean, profile: string | undefined): Vehicle {
  const f = `vehicles[${i}]`;
  const costs = v.costs === undefined ? undefined : obj(v.costs);
  refuseVehicleExtras(v, f);
  return {
    id: v.id as Vehicle['id'],
    description: description(f, v.description),
    start: loc(v, 'start', hasMatrix),
    end: loc(v, 'end', hasMatrix),
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

function jobFromVroom(x: unknown, i: number, hasMatrix: boolean): Job {
  const j = obj(x);
  const f = `jobs[${i}]`;
  refuseTaskTimesPerType(j, f);
  return {
    id: j.id as Job['id'],
    description: description(f, j.description),
    location: loc(j, 'location', hasMatrix) as Location,
    setupS: j.setup as number | undefined,
    serviceS: j.service as number | undefined,
    delivery: (j.delivery ?? j.amount) as number[] | undefined,
    pickup: j.pickup as number[] | undefined,
    skills: j.skills as Job['skills'],
    priority: j.priority as number | undefined,
    timeWindows: j.time_windows as Job['timeWindows'],
  };
}

function shipmentStepFromVroom(o: Json, hasMatrix: boolean, field: string): ShipmentStep {
  refuseTaskTimesPerType(o, field);
  return {
    id: o.id as ShipmentStep['id'],
    description: description(field, o.description),
    location: loc(o, 'location', hasMatrix) as Location,
    setupS: o.setup as number | undefined,
    serviceS: o.service as number | undefined,
    timeWindows: o.time_windows as ShipmentStep['timeWindows'],
  };
}

function shipmentFromVroom(x: unknown, i: number, hasMatrix: boolean): Shipment {
  const s = obj(x);
  return {
    pickup: shipmentStepFromVroom(obj(s.pickup), hasMatrix, `shipments[${i}].pickup`),
    delivery: shipmentStepFromVroom(obj(s.delivery), hasMatrix, `shipments[${i}].delivery`),
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
  const vehicles = rawVehicles.map((v, i) => vehicleFromVroom(v, i, hasMatrix, picked.vehicleProfile[i]));
  const jobs = arr(root.jobs).map((x, i) => jobFromVroom(x, i, hasMatrix));
  const shipments = arr(root.shipments).map((x, i) => shipmentFromVroom(x, i, hasMatrix));
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
  validateInVroomTerms(clean);
  return clean;
}
