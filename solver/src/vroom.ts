/**
 * VROOM-compatible JSON (https://github.com/VROOM-Project/vroom/blob/master/docs/API.md).
 *
 * Supported input: `vehicles` (id, description, profile, type, start/end or start_index/end_index,
 * capacity, skills, time_window, breaks {id, description, time_windows, service}, speed_factor,
 * max_tasks, max_travel_time, max_distance, costs {fixed, per_hour (default 3600), per_km}),
 * `jobs` (id, description, location/location_index, setup, service, delivery, pickup, amount,
 * skills, priority, time_windows), `shipments` (pickup/delivery with id, description,
 * location/location_index, setup, service, time_windows; amount, skills, priority), `matrices`
 * (per profile: durations, distances) or legacy `matrix`.
 * Each vehicle uses its own `profile`'s matrices (default "car").
 * Refused with a ProblemError naming the field (never silently ignored): custom `costs` matrices, `costs.per_task_hour`, `service_per_type` /
 * `setup_per_type`, break `max_load`, vehicle `steps`.
 * Output follows VROOM's schema (docs/API.md "Output"): `violations` are always empty (no plan
 * mode), `computing_times.routing` is 0 (no routing engine), `distance` is omitted when matrices
 * come without distances; the route start is delayed as VROOM does, so a route does not wait
 * before its first stop when a later departure keeps every stop's service start.
 * Extensions: without matrices, coordinates are routed with `speed_model {speed_mps, circuity}`
 * (our travel model, not OSRM, so distances are always reported); every `unassigned` entry
 * carries a `reason`.
 */
import { ProblemError } from './errors.ts';
import { validateProblem } from './validate.ts';
import type {
  Break,
  Id,
  Job,
  Location,
  Matrices,
  Problem,
  Shipment,
  ShipmentStep,
  Solution,
  Step,
  TimeWindow,
  Vehicle,
} from './types.ts';

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
  [/^profileMatrices\./, 'matrices.'],
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

/** A field a VROOM user may send that this solver does not model: refuse it by name. */
function refuse(field: string, what: string): never {
  throw new ProblemError(field, `${what} is not supported by this solver (remove it, or use VROOM)`);
}

const nonEmpty = (x: unknown): boolean =>
  x !== undefined && x !== null && (typeof x !== 'object' || Object.keys(x as object).length > 0);

function description(field: string, x: unknown): string | undefined {
  if (x === undefined) return undefined;
  if (typeof x !== 'string') throw new ProblemError(`${field}.description`, 'must be a string');
  return x;
}

function step(o: J, hasMatrix: boolean, field: string): ShipmentStep {
  for (const k of ['setup_per_type', 'service_per_type'])
    if (nonEmpty(o[k])) refuse(`${field}.${k}`, `${k} (task times per vehicle type)`);
  return {
    id: o.id as ShipmentStep['id'],
    description: description(field, o.description),
    location: loc(o, 'location', hasMatrix) as Location,
    setupS: o.setup as number | undefined,
    serviceS: o.service as number | undefined,
    timeWindows: o.time_windows as ShipmentStep['timeWindows'],
  };
}

const sameMatrix = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

interface Picked {
  main?: J;
  /** Matrices of the other profiles in use, by name. */
  others: Record<string, J>;
  /** Per vehicle: the profile name when it is not the main one. */
  vehicleProfile: (string | undefined)[];
}

/**
 * Each vehicle travels on its own `profile`'s matrices (VROOM's default profile is "car"): the
 * first vehicle's profile becomes `matrices`, other profiles `profileMatrices` (profiles with
 * identical matrices are merged). A profile without matrices is refused by name.
 */
function pickMatrices(root: J, vehicles: J[]): Picked {
  const none: Picked = { others: {}, vehicleProfile: vehicles.map(() => undefined) };
  if (root.matrices === undefined)
    return root.matrix === undefined ? none : { ...none, main: { durations: root.matrix } };
  const profiles = obj(root.matrices);
  const names = Object.keys(profiles);
  for (const n of names) {
    const m = obj(profiles[n]);
    if (m.costs !== undefined) refuse(`matrices.${n}.costs`, 'a custom costs matrix');
  }
  const declared = vehicles.some((v) => v.profile !== undefined);
  // One profile and no vehicle naming any: that profile, whatever its name (lenient, as before).
  if (!declared && names.length === 1) return { ...none, main: obj(profiles[names[0] as string]) };
  const out: Picked = { others: {}, vehicleProfile: [] };
  let mainName = '';
  vehicles.forEach((v, i) => {
    const name = v.profile === undefined ? 'car' : v.profile;
    if (typeof name !== 'string') throw new ProblemError(`vehicles[${i}].profile`, 'must be a string');
    const m = profiles[name];
    if (m === undefined)
      throw new ProblemError(
        `vehicles[${i}].profile`,
        `no matrices for profile "${name}" (matrices has ${names.map((n) => `"${n}"`).join(', ') || 'none'})`,
      );
    if (out.main === undefined) {
      out.main = obj(m);
      mainName = name;
    }
    const same = name === mainName || sameMatrix(out.main, m);
    if (!same) out.others[name] = obj(m);
    out.vehicleProfile.push(same ? undefined : name);
  });
  return out;
}

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
  const vehicles: Vehicle[] = rawVehicles.map((v, i) => {
    const f = `vehicles[${i}]`;
    const costs = v.costs === undefined ? undefined : obj(v.costs);
    if (costs && nonEmpty(costs.per_task_hour) && costs.per_task_hour !== 0)
      refuse(`${f}.costs.per_task_hour`, 'a cost per hour of task time');
    if (v.steps !== undefined && arr(v.steps).length > 0)
      refuse(`${f}.steps`, 'a vehicle route given in input (steps)');
    return {
      id: v.id as Vehicle['id'],
      description: description(f, v.description),
      start: loc(v, 'start', hasMatrix),
      end: loc(v, 'end', hasMatrix),
      timeWindow: v.time_window as Vehicle['timeWindow'],
      capacity: v.capacity as number[] | undefined,
      skills: v.skills as Vehicle['skills'],
      speedFactor: v.speed_factor as number | undefined,
      profile: picked.vehicleProfile[i],
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
          : arr(v.breaks).map((b, k): Break => {
              const o = obj(b);
              const bf = `${f}.breaks[${k}]`;
              if (o.max_load !== undefined) refuse(`${bf}.max_load`, 'a maximum load during a break');
              return {
                id: o.id as Vehicle['id'],
                description: description(bf, o.description),
                timeWindows: o.time_windows as [number, number][],
                serviceS: o.service as number | undefined,
              };
            }),
    };
  });
  const jobs: Job[] = arr(root.jobs).map((x, i) => {
    const j = obj(x);
    const f = `jobs[${i}]`;
    for (const k of ['setup_per_type', 'service_per_type'])
      if (nonEmpty(j[k])) refuse(`${f}.${k}`, `${k} (task times per vehicle type)`);
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
  });
  const shipments: Shipment[] = arr(root.shipments).map((x, i) => {
    const s = obj(x);
    return {
      pickup: step(obj(s.pickup), hasMatrix, `shipments[${i}].pickup`),
      delivery: step(obj(s.delivery), hasMatrix, `shipments[${i}].delivery`),
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
    matrices: durations ? { durations, distances: first?.distances as Matrices['distances'] } : undefined,
    profileMatrices:
      Object.keys(picked.others).length === 0
        ? undefined
        : Object.fromEntries(
            Object.entries(picked.others).map(([n, m]) => [
              n,
              { durations: m.durations as Matrices['durations'], distances: m.distances as Matrices['distances'] },
            ]),
          ),
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

/** What the output needs to know about the task behind a step. */
interface TaskRef {
  serviceS: number;
  windows?: readonly TimeWindow[];
  description?: string;
  priority: number;
  delivery: number[];
  pickup: number[];
}

function taskRefs(problem: Problem, dims: number) {
  const pad = (a?: number[]) => Array.from({ length: dims }, (_, i) => a?.[i] ?? 0);
  const zero = pad();
  const byType = { job: new Map<Id, TaskRef>(), pickup: new Map<Id, TaskRef>(), delivery: new Map<Id, TaskRef>() };
  for (const j of problem.jobs ?? [])
    byType.job.set(j.id, {
      serviceS: j.serviceS ?? 0,
      windows: j.timeWindows,
      description: j.description,
      priority: j.priority ?? 0,
      delivery: pad(j.delivery),
      pickup: pad(j.pickup),
    });
  for (const s of problem.shipments ?? []) {
    const amount = pad(s.amount);
    const ref = (st: ShipmentStep, d: number[], p: number[]): TaskRef => ({
      serviceS: st.serviceS ?? 0,
      windows: st.timeWindows,
      description: st.description,
      priority: s.priority ?? 0,
      delivery: d,
      pickup: p,
    });
    // As in VROOM: the amount is picked up at the pickup and delivered at the delivery.
    byType.pickup.set(s.pickup.id, ref(s.pickup, zero, amount));
    byType.delivery.set(s.delivery.id, ref(s.delivery, amount, zero));
  }
  return byType;
}

/** Room to start later at a step: up to the end of the window its service start is in. */
function lateRoom(start: number, windows: readonly TimeWindow[] | undefined): number {
  if (!windows) return Number.POSITIVE_INFINITY;
  for (const [s, e] of windows) if (start >= s - 1e-9 && start <= e + 1e-9) return Math.max(0, e - start);
  return 0;
}

/**
 * VROOM's placement of waiting: the route leaves later instead of waiting on the way, as far as
 * every step before the first wait stays inside its window. Service starts after that wait are
 * unchanged. Returns shifted copies of the steps.
 */
function delayStart(steps: Step[], room: (s: Step) => number): Step[] {
  let shift = Number.POSITIVE_INFINITY;
  let upTo = -1;
  for (let k = 1; k < steps.length; k++) {
    const s = steps[k] as Step;
    if (s.waitingS > 0) {
      shift = Math.min(shift, s.waitingS);
      upTo = k;
      break;
    }
    shift = Math.min(shift, room(s));
  }
  if (upTo < 0 || !(shift > 0)) return steps;
  return steps.map((s, k) => {
    if (k < upTo)
      return { ...s, arrival: s.arrival + shift, serviceStart: s.serviceStart + shift, departure: s.departure + shift };
    if (k === upTo) return { ...s, arrival: s.arrival + shift, waitingS: s.waitingS - shift };
    return s;
  });
}

export interface VroomOutputOptions {
  /** Time spent reading and checking the input (VROOM's `computing_times.loading`). */
  loadingMs?: number;
}

/**
 * Solution → VROOM output JSON, field by field as in VROOM's docs/API.md "Output" (step
 * `duration` is the cumulative travel time; `setup` is reported apart from `service`).
 */
export function toVroom(solution: Solution, problem: Problem, opts: VroomOutputOptions = {}): Record<string, unknown> {
  const dims = validateProblem(problem);
  const refs = taskRefs(problem, dims);
  const withDistance = !problem.matrices || problem.matrices.distances !== undefined;
  const add = (a: number[], b: number[]) => {
    b.forEach((x, i) => {
      a[i] = (a[i] ?? 0) + x;
    });
  };
  const zeros = () => Array.from({ length: dims }, () => 0);
  const total = { setup: 0, priority: 0, delivery: zeros(), pickup: zeros() };
  const breakOf = (vehicle: number, id: Id | undefined) => problem.vehicles[vehicle]?.breaks?.find((b) => b.id === id);
  const routes = solution.routes.map((r) => {
    const vehicle = problem.vehicles[r.vehicle];
    const refOf = (s: Step): TaskRef | undefined =>
      s.type === 'job' || s.type === 'pickup' || s.type === 'delivery' ? refs[s.type].get(s.id as Id) : undefined;
    const steps = delayStart(r.steps, (s) => {
      if (s.type === 'break') return lateRoom(s.serviceStart, breakOf(r.vehicle, s.id)?.timeWindows);
      if (s.type === 'end') return Number.POSITIVE_INFINITY;
      return lateRoom(s.serviceStart, refOf(s)?.windows);
    });
    const acc = { setup: 0, service: 0, waiting: 0, priority: 0, delivery: zeros(), pickup: zeros() };
    const depart = steps[0]?.departure ?? 0;
    let busy = 0;
    const outSteps = steps.map((s) => {
      const ref = refOf(s);
      const brk = s.type === 'break' ? breakOf(r.vehicle, s.id) : undefined;
      const service = ref ? ref.serviceS : brk ? (brk.serviceS ?? 0) : 0;
      const setup = Math.max(0, s.departure - s.serviceStart - service);
      const travel = s.arrival - depart - busy - acc.waiting;
      busy += s.departure - s.serviceStart;
      acc.waiting += s.waitingS;
      acc.setup += setup;
      acc.service += service;
      if (ref) {
        acc.priority += ref.priority;
        add(acc.delivery, ref.delivery);
        add(acc.pickup, ref.pickup);
      }
      const out: Record<string, unknown> = { type: s.type };
      const desc = ref?.description ?? brk?.description;
      if (desc !== undefined) out.description = desc;
      if (typeof s.location === 'number') out.location_index = s.location;
      else if (s.location) out.location = s.location;
      if (s.id !== undefined && s.type !== 'start' && s.type !== 'end') out.id = s.id;
      out.setup = setup;
      out.service = service;
      out.waiting_time = s.waitingS;
      if (ref) out.job = s.id; // deprecated in VROOM, still sent on job, pickup and delivery steps
      if (dims > 0) out.load = s.load;
      out.arrival = s.arrival;
      out.duration = travel;
      out.violations = [];
      if (withDistance) out.distance = s.distance;
      return out;
    });
    total.setup += acc.setup;
    total.priority += acc.priority;
    add(total.delivery, acc.delivery);
    add(total.pickup, acc.pickup);
    const route: Record<string, unknown> = { vehicle: r.vehicleId, cost: r.cost };
    if (vehicle?.description !== undefined) route.description = vehicle.description;
    if (dims > 0) {
      route.delivery = acc.delivery;
      route.amount = acc.delivery.slice(); // deprecated VROOM key: same as delivery
      route.pickup = acc.pickup;
    }
    route.setup = acc.setup;
    route.service = acc.service;
    route.duration = r.travelS;
    route.waiting_time = acc.waiting;
    route.priority = acc.priority;
    if (withDistance) route.distance = r.distance;
    route.steps = outSteps;
    route.violations = [];
    return route;
  });
  // VROOM lists both halves of an unassigned shipment (the engine may name either half, or both).
  const shipmentByPickup = new Map((problem.shipments ?? []).map((s) => [s.pickup.id, s]));
  const shipmentByDelivery = new Map((problem.shipments ?? []).map((s) => [s.delivery.id, s]));
  const listed = new Set<Shipment>();
  const jobById = new Map((problem.jobs ?? []).map((j) => [j.id, j]));
  const locKeys = (l: Location | undefined): Record<string, unknown> =>
    l === undefined ? {} : typeof l === 'number' ? { location_index: l } : { location: l };
  const unassigned = solution.unassigned.flatMap((u) => {
    if (u.type === 'job') {
      const j = jobById.get(u.id);
      return [
        {
          id: u.id,
          type: 'job',
          ...(j?.description !== undefined ? { description: j.description } : {}),
          ...locKeys(j?.location),
          reason: u.reason,
        },
      ];
    }
    const s = shipmentByPickup.get(u.id) ?? shipmentByDelivery.get(u.id);
    if (!s) return [{ id: u.id, type: 'pickup', reason: u.reason }];
    if (listed.has(s)) return [];
    listed.add(s);
    return (['pickup', 'delivery'] as const).map((part) => ({
      id: s[part].id,
      type: part,
      ...(s[part].description !== undefined ? { description: s[part].description } : {}),
      ...locKeys(s[part].location),
      reason: u.reason,
    }));
  });
  const summary: Record<string, unknown> = {
    cost: solution.summary.cost,
    routes: solution.summary.routes,
    unassigned: unassigned.length,
  };
  if (dims > 0) {
    summary.delivery = total.delivery;
    summary.amount = total.delivery.slice();
    summary.pickup = total.pickup;
  }
  summary.setup = total.setup;
  summary.service = routes.reduce((a, r) => a + (r.service as number), 0);
  summary.duration = solution.summary.travelS;
  summary.waiting_time = routes.reduce((a, r) => a + (r.waiting_time as number), 0);
  summary.priority = total.priority;
  if (withDistance) summary.distance = solution.summary.distance;
  summary.violations = [];
  summary.computing_times = {
    loading: Math.round(opts.loadingMs ?? 0),
    solving: solution.summary.computingTimeMs,
    routing: 0,
  };
  return { code: 0, summary, unassigned, routes };
}
