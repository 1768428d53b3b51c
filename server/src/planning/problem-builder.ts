/**
 * Turns dated shifts and open orders into one solver `Problem` over the whole horizon (pure).
 *
 * - Each shift is one solver vehicle: its route leaves the depot at the shift's start and is back
 *   by its end (or by start + the vehicle's max duration, whichever is earlier), with its breaks.
 * - Each order is one job whose windows are its allowed days (clipped to the horizon and to days
 *   that have a shift) × its daily windows; without daily windows, the whole day.
 * - An order with a pickup is one shipment instead: its pickup (id `pickup:<order id>`, the
 *   pickup's windows on the same days) and its delivery (id = the order id) on the same vehicle,
 *   the pickup first, its demand carried from one to the other.
 * - An order bound to a depot (`depotId`, set by an intake rule) goes only on that depot's
 *   vehicles: it needs the skill `depot:<id>`, which every vehicle has for its own depot.
 * - Rules of real fleets (fleet-rules.ts): a driver's weekly hours (one work limit per driver and
 *   ISO week), daily rest between shifts, driving before a break (`maxDrivingS` and the breaks it
 *   needs), reloads at the depot (multi-trip), loading docks (staggered departures), balance.
 * - Times are seconds on the axis of `time-axis.ts`; travel is the coordinate model.
 */
import {
  DEFAULT_WORKING_TIME,
  datesInRange,
  type LocalDate,
  type PlanOptions,
  type TimeWindow,
  type Vehicle,
  type WorkingTimeSettings,
} from '@tournee/shared';
import type { Job, Problem, Shipment, Vehicle as SolverVehicle } from '@tournee/solver';
import { dayWindows, type TimeAxis, timeAxis, toAxis } from '../travel/time-axis.ts';
import type { LonLatPair, TravelModel } from '../travel/travel.ts';
import type { DockPlan } from './dock-retime.ts';
import { type DockDeparture, dockDepartures } from '../fleet/docks.ts';
import { drivingBreaks, type OutsideWork, restBounds, weeklyLimits } from './fleet-rules.ts';

export interface DepotInput {
  id: string;
  location: LonLatPair;
  timeZone: string;
  /** At most this many vans load at once; null or absent: no limit. */
  docks?: number | null;
  /** Minutes a van loads before it leaves. @default 0 */
  loadingMin?: number;
}

/**
 * A vehicle as planning reads it: these fields of the fleet's `Vehicle`. Its multi-trip fields may
 * be absent: no `reloadMin`, one trip; no `maxTrips`, 3.
 */
export type VehicleInput = Pick<
  Vehicle,
  | 'id'
  | 'name'
  | 'depotId'
  | 'endDepotId'
  | 'capacity'
  | 'skills'
  | 'fixedCost'
  | 'costPerKm'
  | 'costPerHour'
  | 'maxStops'
  | 'maxDurationS'
  | 'maxDistanceM'
  | 'speedFactor'
> &
  Partial<Pick<Vehicle, 'reloadMin' | 'maxTrips'>>;

export interface ShiftInput {
  id: string;
  vehicleId: string;
  driverId: string | null;
  localDate: LocalDate;
  startAt: string;
  endAt: string;
  breaks: { startAt: string; endAt: string; durationMin: number }[];
  /**
   * A started route planned again: the vehicle is free at `location` from `at` (its last
   * visited stop), the breaks listed are taken, `visited` stops are done, `line` is drawn so far.
   */
  resume?: { location: LonLatPair; at: string; breaksTaken: number[]; line: LonLatPair[]; visited: number };
}

export interface OrderInput {
  id: string;
  location: LonLatPair;
  dateFrom: LocalDate;
  dateTo: LocalDate;
  timeWindows: TimeWindow[];
  serviceS: number;
  demand: number[];
  skills: string[];
  priority: number;
  /** Collected here first (a pickup and delivery order); absent or null: delivered from the depot. */
  pickup?: { location: LonLatPair; timeWindows: TimeWindow[] } | null;
  /** Only a vehicle of this depot may serve it; absent or null: any vehicle. */
  depotId?: string | null;
  /**
   * Picked up already by the route of this shift (a started route planned again): its goods are
   * on that vehicle, so only that shift may deliver it.
   */
  onBoard?: string | null;
}

/** The skill that keeps goods already picked up on the vehicle of the shift that holds them. */
export const onBoardSkill = (shiftId: string): string => `onboard:${shiftId}`;

/** The skill that binds an order to a depot's vehicles (solver skills are plain strings). */
export const depotSkill = (depotId: string): string => `depot:${depotId}`;

/** The solver id of an order's pickup step (its delivery step has the order's id). */
export const pickupStepId = (orderId: string): string => `pickup:${orderId}`;

/** The order id of a solver step or unassigned id (a pickup's or a delivery's). */
export const orderIdOfStep = (id: string | number): string => String(id).replace(/^pickup:/, '');

export interface PlanningInput {
  zone: string;
  from: LocalDate;
  to: LocalDate;
  dimensions: readonly string[];
  depots: ReadonlyMap<string, DepotInput>;
  vehicles: ReadonlyMap<string, VehicleInput>;
  shifts: readonly ShiftInput[];
  orders: readonly OrderInput[];
  options: PlanOptions;
  travel: TravelModel;
  /** Drivers' working-time rules. @default all off */
  rules?: WorkingTimeSettings;
  /** The drivers' work outside the plan (weekly hours, rest before and after). */
  outsideWork?: readonly OutsideWork[];
  /** Departures of the routes the plan keeps (locked, done): their vans hold the loading docks too. */
  keptDepartures?: readonly DockDeparture[];
}

export interface BuiltProblem {
  problem: Problem;
  axis: TimeAxis;
  /** `problem.vehicles[i]` is the route of `shifts[i]`. */
  shifts: ShiftInput[];
  /** Every order given to the solver: as a job (no pickup) or a shipment. */
  orders: OrderInput[];
  /** Orders none of whose allowed days has a shift in the horizon: never given to the solver. */
  noShift: OrderInput[];
  /** The departures staggered at loading docks, staggered again over the vans used (dock-retime.ts). */
  docks: DockPlan;
}

/** Makes every vector the organisation's length (missing values are 0). */
export function fitVector(v: readonly number[], dims: number): number[] {
  return Array.from({ length: dims }, (_, i) => Number(v[i] ?? 0));
}

/** The solver vehicle of one shift. `dayIndex` counts days from the horizon start (for preferEarliest). */
function shiftVehicle(
  input: PlanningInput,
  axis: TimeAxis,
  s: ShiftInput,
  v: VehicleInput,
  dayIndex: number,
  stopCap: number | null,
  depotBound: boolean,
  bounds: { earliestStartMs?: number; latestEndMs?: number; leaveMs?: number },
): SolverVehicle {
  const depot = input.depots.get(v.depotId);
  const endDepot = input.depots.get(v.endDepotId ?? v.depotId) ?? depot;
  if (!depot || !endDepot) throw new Error(`vehicle ${v.name} has no depot in this plan`);
  const rules = input.rules ?? DEFAULT_WORKING_TIME;
  const shiftStart = toAxis(axis, s.startAt);
  let start = s.resume ? Math.max(shiftStart, toAxis(axis, s.resume.at)) : shiftStart;
  // Rested after the driver's previous day; loaded at a dock before leaving (not asked of a resumed route).
  if (bounds.earliestStartMs !== undefined) start = Math.max(start, toAxis(axis, bounds.earliestStartMs));
  if (bounds.leaveMs !== undefined && !s.resume) start = Math.max(start, toAxis(axis, bounds.leaveMs));
  let end = toAxis(axis, s.endAt);
  // The solver has no route-duration limit: a shift cut at start + max duration is the same rule
  // for a route leaving at its shift start, and stricter (never wrong) for one leaving later.
  if (v.maxDurationS) end = Math.min(end, shiftStart + v.maxDurationS);
  // Back early enough for the daily rest before the driver's next shift.
  if (bounds.latestEndMs !== undefined) end = Math.min(end, toAxis(axis, bounds.latestEndMs));
  const timeBased = v.costPerHour > 0 || v.costPerKm > 0;
  const { preferEarliest, minimiseVehicles } = input.options;
  // Later days cost a little more, so the earliest allowed day wins when it can.
  const dayFactor = preferEarliest ? 1 + 0.05 * dayIndex : 1;
  let fixed = v.fixedCost;
  if (minimiseVehicles) fixed += 10_000;
  if (preferEarliest) fixed += 5 * dayIndex;
  const visited = s.resume?.visited ?? 0;
  // The plan's cap counts the whole route, so a resumed route's visited stops use part of it.
  const planCap = input.options.maxStopsPerRoute ? Math.max(1, input.options.maxStopsPerRoute - visited) : null;
  const maxStops = [v.maxStops === null ? null : Math.max(1, v.maxStops - visited), stopCap, planCap].filter(
    (x): x is number => x !== null && x > 0,
  );
  // Breaks already taken, or whose window has passed, are not asked of a resumed route.
  const breaks = s.breaks
    .map((b, k) => {
      const durationS = b.durationMin * 60;
      const bs = toAxis(axis, b.startAt);
      return {
        id: `${s.id}#${k}`,
        k,
        timeWindows: [[bs, Math.max(bs, toAxis(axis, b.endAt) - durationS)]] as [number, number][],
        serviceS: durationS,
      };
    })
    .filter((b) => !s.resume || (!s.resume.breaksTaken.includes(b.k) && b.timeWindows[0]![1] >= start))
    .map(({ k: _k, ...b }) => b);
  const window: [number, number] = [start, Math.max(start, end)];
  // Driving before a break: enough breaks in the shift for the limit to leave a feasible route.
  const driveBreaks = drivingBreaks(
    s.id,
    window,
    rules,
    breaks.map((b) => b.serviceS),
  );
  const maxDrivingS = rules.maxDrivingHours === null ? undefined : Math.round(rules.maxDrivingHours * 3600);
  // Reloads go back to the route's start: a resumed route starts at a customer's, so it does not reload.
  const reload =
    v.reloadMin !== null && v.reloadMin !== undefined && !s.resume
      ? { reloadS: v.reloadMin * 60, maxTrips: v.maxTrips ?? 3 }
      : undefined;
  return {
    id: s.id,
    start: s.resume?.location ?? depot.location,
    end: endDepot.location,
    timeWindow: window,
    capacity: fitVector(v.capacity, input.dimensions.length),
    skills: depotBound ? [...v.skills, depotSkill(v.depotId)] : v.skills,
    breaks: [...breaks, ...driveBreaks],
    // Only breaks of the rule's length end a driving period (a 30-minute lunch does not).
    ...(maxDrivingS ? { maxDrivingS, drivingBreakS: rules.drivingBreakMin * 60 } : {}),
    ...(reload ? { reload } : {}),
    maxDistanceM: v.maxDistanceM ?? undefined,
    maxStops: maxStops.length ? Math.min(...maxStops) : undefined,
    costs: {
      fixed,
      perHour: (timeBased ? v.costPerHour : 3600) * dayFactor,
      perKm: v.costPerKm * dayFactor,
    },
    speedFactor: 1 / (v.speedFactor > 0 ? v.speedFactor : 1),
  };
}

/** Builds the solver problem of a planning input. */
export function buildProblem(input: PlanningInput): BuiltProblem {
  const axis = timeAxis(input.from, input.zone);
  const days = datesInRange(input.from, input.to);
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const shifts = input.shifts.filter((s) => input.vehicles.has(s.vehicleId) && dayIndex.has(s.localDate));
  const shiftDays = new Set(shifts.map((s) => s.localDate));

  const jobs: Job[] = [];
  const shipments: Shipment[] = [];
  const orders: OrderInput[] = [];
  const noShift: OrderInput[] = [];
  const dims = input.dimensions.length;
  for (const o of input.orders) {
    // ISO dates compare as strings (Math.max would not do).
    // biome-ignore lint/complexity/useMathMinMax: strings
    const first = o.dateFrom > input.from ? o.dateFrom : input.from;
    // biome-ignore lint/complexity/useMathMinMax: strings
    const last = o.dateTo < input.to ? o.dateTo : input.to;
    const allowed = first <= last ? datesInRange(first, last).filter((d) => shiftDays.has(d)) : [];
    if (allowed.length === 0) {
      noShift.push(o);
      continue;
    }
    orders.push(o);
    const skills = [
      ...o.skills,
      ...(o.depotId ? [depotSkill(o.depotId)] : []),
      ...(o.onBoard ? [onBoardSkill(o.onBoard)] : []),
    ];
    const common = {
      skills: skills.length ? skills : undefined,
      priority: Math.max(0, Math.min(100, o.priority)),
    };
    const timeWindows = allowed.flatMap((d) => dayWindows(axis, d, o.timeWindows));
    if (o.pickup) {
      // The pickup's windows on the same allowed days: the solver keeps both on one vehicle,
      // hence one route, hence one day (a pickup window on day 1 with a delivery on day 2
      // would need an overnight vehicle, which shifts are not).
      shipments.push({
        pickup: {
          id: pickupStepId(o.id),
          location: o.pickup.location,
          serviceS: o.serviceS,
          timeWindows: allowed.flatMap((d) => dayWindows(axis, d, o.pickup!.timeWindows)),
        },
        delivery: { id: o.id, location: o.location, serviceS: o.serviceS, timeWindows },
        amount: dims ? fitVector(o.demand, dims) : undefined,
        ...common,
      });
      continue;
    }
    jobs.push({
      id: o.id,
      location: o.location,
      serviceS: o.serviceS,
      delivery: dims ? fitVector(o.demand, dims) : undefined,
      timeWindows,
      ...common,
    });
  }
  // Balance: no route may take much more than its share of the stops (a shipment is two).
  const stopCap =
    input.options.balance && shifts.length
      ? Math.ceil((1.25 * (orders.length + shipments.length)) / shifts.length) + 1
      : null;
  // Depot skills only when some order is bound to a depot: other problems stay as they were.
  const depotBound = orders.some((o) => o.depotId);
  const rules = input.rules ?? DEFAULT_WORKING_TIME;
  const outside = input.outsideWork ?? [];
  // Work done on a started route before its last visited stop counts toward the driver's week.
  const ruleShifts = shifts.map((s) => ({
    ...s,
    doneS: s.resume ? Math.max(0, (Date.parse(s.resume.at) - Date.parse(s.startAt)) / 1000) : 0,
  }));
  const rest = restBounds(ruleShifts, rules, outside);
  const dockShifts = shifts.map((s) =>
    s.resume
      ? null
      : {
          id: s.id,
          depotId: input.vehicles.get(s.vehicleId)!.depotId,
          localDate: s.localDate,
          start: Math.max(Date.parse(s.startAt), rest.get(s.id)?.earliestStartMs ?? Number.NEGATIVE_INFINITY),
        },
  );
  const kept = input.keptDepartures ?? [];
  const leave = dockDepartures(
    dockShifts.filter((s) => s !== null),
    input.depots,
    kept,
  );
  const vehicles = shifts.map((s) =>
    shiftVehicle(
      input,
      axis,
      s,
      input.vehicles.get(s.vehicleId)!,
      dayIndex.get(s.localDate) ?? 0,
      stopCap,
      depotBound,
      { ...rest.get(s.id), leaveMs: leave.get(s.id) },
    ),
  );
  const workLimits = weeklyLimits(ruleShifts, rules, outside);
  // Goods picked up already stay on the vehicle that holds them.
  const onBoard = new Set(orders.flatMap((o) => (o.onBoard ? [o.onBoard] : [])));
  vehicles.forEach((v, i) => {
    const id = shifts[i]!.id;
    if (onBoard.has(id)) v.skills = [...(v.skills ?? []), onBoardSkill(id)];
  });
  return {
    problem: {
      vehicles,
      jobs,
      ...(shipments.length ? { shipments } : {}),
      speedModel: { speedMps: input.travel.speedMps, circuity: input.travel.circuity },
      ...(workLimits.length ? { workLimits } : {}),
      ...(input.options.balance ? { balance: 1 } : {}),
    },
    axis,
    shifts,
    orders,
    noShift,
    docks: { shifts: dockShifts, depots: input.depots, kept, toAxis: (ms) => toAxis(axis, ms) },
  };
}
