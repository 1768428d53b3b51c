/**
 * VROOM-compatible JSON (https://github.com/VROOM-Project/vroom/blob/master/docs/API.md).
 *
 * Supported input subset: `vehicles` (id, start/end or start_index/end_index, capacity, skills,
 * time_window, breaks {id, time_windows, service}, speed_factor, max_tasks, max_travel_time,
 * max_distance, costs {fixed, per_hour, per_km}), `jobs` (id, location/location_index, setup,
 * service, delivery, pickup, amount, skills, priority, time_windows), `shipments` (pickup/delivery
 * with id, location/location_index, setup, service, time_windows; amount, skills, priority),
 * `matrices` (first profile: durations, distances) or legacy `matrix`.
 * Not supported: profiles other than the first, per-job service by vehicle type, `max_load` on
 * breaks, vehicle `steps`, custom `costs` matrices.
 * Extensions: without matrices, coordinates are routed with `speed_model {speed_mps, circuity}`
 * (our travel model, not OSRM); every `unassigned` entry carries a `reason`.
 */
import { ProblemError } from './errors.ts';
import { validateProblem } from './validate.ts';
import type { Job, Location, Matrices, Problem, Shipment, ShipmentStep, Solution, Vehicle } from './types.ts';

type J = Record<string, unknown>;
const obj = (x: unknown): J => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as J) : {});
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

const FIELD_NAMES: [RegExp, string][] = [
  [/\.timeWindows\b/g, '.time_windows'],
  [/\.timeWindow\b/g, '.time_window'],
  [/\.serviceS\b/g, '.service'],
  [/\.setupS\b/g, '.setup'],
  [/\.maxStops\b/g, '.max_tasks'],
  [/\.maxTravelTimeS\b/g, '.max_travel_time'],
  [/\.maxDistanceM\b/g, '.max_distance'],
  [/\.speedFactor\b/g, '.speed_factor'],
  [/\.perHour\b/g, '.per_hour'],
  [/\.perKm\b/g, '.per_km'],
  [/^speedModel/, 'speed_model'],
];

function vroomField(field: string): string {
  return FIELD_NAMES.reduce((f, [re, to]) => f.replace(re, to), field);
}

function loc(o: J, key: 'location' | 'start' | 'end', hasMatrix: boolean): Location | undefined {
  const idx = o[`${key === 'location' ? 'location' : key}_index`];
  if (hasMatrix && idx !== undefined) return idx as number;
  const c = o[key];
  return c === undefined ? undefined : (c as Location);
}

function step(o: J, hasMatrix: boolean): ShipmentStep {
  return {
    id: o.id as ShipmentStep['id'],
    location: loc(o, 'location', hasMatrix) as Location,
    setupS: o.setup as number | undefined,
    serviceS: o.service as number | undefined,
    timeWindows: o.time_windows as ShipmentStep['timeWindows'],
  };
}

/** VROOM input JSON → Problem. Errors name the VROOM field (`vehicles[3].time_window: …`). */
export function fromVroom(input: unknown): Problem {
  const root = obj(input);
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new ProblemError('input', 'must be a JSON object');
  const profiles = obj(root.matrices);
  const first = obj(Object.values(profiles)[0]);
  const durations = (first.durations ?? root.matrix) as Matrices['durations'] | undefined;
  const hasMatrix = durations !== undefined;
  const vehicles: Vehicle[] = arr(root.vehicles).map((x) => {
    const v = obj(x);
    const costs = v.costs === undefined ? undefined : obj(v.costs);
    return {
      id: v.id as Vehicle['id'],
      start: loc(v, 'start', hasMatrix),
      end: loc(v, 'end', hasMatrix),
      timeWindow: v.time_window as Vehicle['timeWindow'],
      capacity: v.capacity as number[] | undefined,
      skills: v.skills as Vehicle['skills'],
      speedFactor: v.speed_factor as number | undefined,
      maxStops: v.max_tasks as number | undefined,
      maxTravelTimeS: v.max_travel_time as number | undefined,
      maxDistanceM: v.max_distance as number | undefined,
      costs: costs && {
        fixed: costs.fixed as number | undefined,
        perHour: costs.per_hour as number | undefined,
        perKm: costs.per_km as number | undefined,
      },
      breaks:
        v.breaks === undefined
          ? undefined
          : arr(v.breaks).map((b) => {
              const o = obj(b);
              return {
                id: o.id as Vehicle['id'],
                timeWindows: o.time_windows as [number, number][],
                serviceS: o.service as number | undefined,
              };
            }),
    };
  });
  const jobs: Job[] = arr(root.jobs).map((x) => {
    const j = obj(x);
    return {
      id: j.id as Job['id'],
      location: loc(j, 'location', hasMatrix) as Location,
      setupS: j.setup as number | undefined,
      serviceS: j.service as number | undefined,
      delivery: (j.delivery ?? j.amount) as number[] | undefined,
      pickup: j.pickup as number[] | undefined,
      skills: j.skills as Job['skills'],
      priority: j.priority as number | undefined,
      timeWindows: j.time_windows as Job['timeWindows'],
    };
  });
  const shipments: Shipment[] = arr(root.shipments).map((x) => {
    const s = obj(x);
    return {
      pickup: step(obj(s.pickup), hasMatrix),
      delivery: step(obj(s.delivery), hasMatrix),
      amount: s.amount as number[] | undefined,
      skills: s.skills as Shipment['skills'],
      priority: s.priority as number | undefined,
    };
  });
  const sm = root.speed_model === undefined ? undefined : obj(root.speed_model);
  const problem: Problem = {
    vehicles,
    jobs,
    shipments,
    matrices: durations ? { durations, distances: first.distances as Matrices['distances'] } : undefined,
    speedModel: sm && { speedMps: sm.speed_mps as number | undefined, circuity: sm.circuity as number | undefined },
  };
  if (!hasMatrix) delete problem.matrices;
  if (!sm) delete problem.speedModel;
  // Plain objects with undefined keys would trip the validator's "must be a number" checks.
  const clean = JSON.parse(JSON.stringify(problem)) as Problem;
  try {
    validateProblem(clean);
  } catch (e) {
    if (e instanceof ProblemError) throw new ProblemError(vroomField(e.field), e.message.slice(e.field.length + 2));
    throw e;
  }
  return clean;
}

/** Solution → VROOM output JSON (step `duration` is the cumulative travel time, as in VROOM). */
export function toVroom(solution: Solution, problem: Problem): Record<string, unknown> {
  const served = new Set(solution.routes.flatMap((r) => r.steps.filter((s) => s.type === 'job').map((s) => s.id)));
  const amountSum = (which: 'delivery' | 'pickup', ids: Set<unknown>) => {
    const dims = problem.vehicles.find((v) => v.capacity)?.capacity?.length ?? 0;
    const total = Array.from({ length: dims }, () => 0);
    for (const j of problem.jobs ?? [])
      if (ids.has(j.id))
        (j[which] ?? []).forEach((a, d) => {
          total[d] = (total[d] ?? 0) + a;
        });
    return total;
  };
  const routes = solution.routes.map((r) => {
    const ids = new Set(r.steps.filter((s) => s.type === 'job').map((s) => s.id));
    let waited = 0;
    let served = 0;
    const depart = r.steps[0]?.departure ?? 0;
    const steps = r.steps.map((s) => {
      const travel = s.arrival - depart - waited - served;
      waited += s.waitingS;
      served += s.departure - s.serviceStart;
      const out: Record<string, unknown> = {
        type: s.type,
        arrival: s.arrival,
        duration: travel,
        service: s.departure - s.serviceStart,
        waiting_time: s.waitingS,
        load: s.load,
        distance: s.distance,
      };
      if (s.id !== undefined) out.id = s.id;
      if (s.type === 'job') out.job = s.id;
      if (typeof s.location === 'number') out.location_index = s.location;
      else if (s.location) out.location = s.location;
      return out;
    });
    return {
      vehicle: r.vehicleId,
      cost: r.cost,
      service: r.serviceS,
      duration: r.travelS,
      waiting_time: r.waitingS,
      distance: r.distance,
      delivery: amountSum('delivery', ids),
      pickup: amountSum('pickup', ids),
      steps,
    };
  });
  return {
    code: 0,
    summary: {
      cost: solution.summary.cost,
      routes: solution.summary.routes,
      unassigned: solution.summary.unassigned,
      service: solution.summary.serviceS,
      duration: solution.summary.travelS,
      waiting_time: solution.summary.waitingS,
      distance: solution.summary.distance,
      computing_times: { solving: solution.summary.computingTimeMs },
      delivery: amountSum('delivery', served),
      pickup: amountSum('pickup', served),
    },
    unassigned: solution.unassigned.map((u) => ({ id: u.id, type: u.type, reason: u.reason })),
    routes,
  };
}
