/**
 * Planning and dispatch as the HTTP API reads and answers them: plan requests and their status,
 * routes and stops of a day, edits with the violations they cause, publication and urgent
 * insertion. Instants are ISO strings (UTC); local dates 'YYYY-MM-DD' are days of the depot's zone.
 */
import { z } from 'zod';
import type { GeoPoint, OrderStatus, TimeWindow } from './orders.ts';
import { isLocalDate, LocalDateField } from './time.ts';

/** The longest range one plan may cover: five weeks. */
export const MAX_PLAN_DAYS = 35;

const localDate = LocalDateField;
const id = z.uuid({ message: 'must be an id (uuid)' });

export const PlanOptions = z
  .object({
    /** Spread the work across routes and days rather than filling the first vehicles. @default false */
    balance: z.boolean().default(false),
    /** Among an order's allowed days, prefer the earliest. @default false */
    preferEarliest: z.boolean().default(false),
    /** Use as few vehicle-days as possible (a route costs much more than its distance). @default false */
    minimiseVehicles: z.boolean().default(false),
    /** At most this many stops on any route (the solver's per-vehicle max tasks); unset: no cap. */
    maxStopsPerRoute: z.number().int().min(1).max(1000).optional(),
  })
  .default({ balance: false, preferEarliest: false, minimiseVehicles: false });
export type PlanOptions = z.infer<typeof PlanOptions>;

/** `POST /api/plans`. Without depotIds: every depot; without orderIds: every open order of the range. */
export const PlanRequest = z
  .object({
    from: localDate,
    to: localDate,
    depotIds: z.array(id).min(1).optional(),
    orderIds: z.array(id).min(1).optional(),
    /** Solver budget in seconds. @default 30 */
    timeLimitS: z.number().min(0.2).max(900).optional(),
    options: PlanOptions,
  })
  .superRefine((v, ctx) => {
    if (!isLocalDate(v.from) || !isLocalDate(v.to)) return;
    const days = Math.round((Date.parse(v.to) - Date.parse(v.from)) / 86_400_000) + 1;
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: `must not be before from ${v.from}` });
    else if (days > MAX_PLAN_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `the range is ${days} days; a plan covers at most ${MAX_PLAN_DAYS} days`,
      });
    }
  });
export type PlanRequest = z.infer<typeof PlanRequest>;

export const PLAN_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export interface PlanProgress {
  bestCost: number | null;
  assigned: number;
  unassigned: number;
  elapsedMs: number;
}

export interface PlanSummary {
  routes: number;
  assigned: number;
  unassigned: number;
  distanceM: number;
  durationS: number;
  cost: number;
  /** Routes kept as they were (locked, or already started). */
  keptRoutes: number;
  computingTimeMs: number;
}

export interface Plan {
  id: string;
  status: PlanStatus;
  from: string;
  to: string;
  depotIds: string[] | null;
  orderIds: string[] | null;
  options: PlanOptions;
  progress: PlanProgress;
  summary: PlanSummary | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/**
 * Why the solver left a task unassigned: the one list `@tournee/solver` reports (its `Unassigned`
 * reason, decoded from the engine's codes 1–10 in solver/src/decode.ts, in that order).
 * `max_driving`: every route that could take it would drive longer than the driving limit without a
 * break; `work_limit`: every driver who could take it would pass the weekly hours (the
 * organisation's working-time rules); `no_room`: it fits alone but not with the others.
 */
export const SOLVER_UNASSIGNED_REASONS = [
  'skills',
  'capacity',
  'time_window',
  'max_travel_time',
  'max_distance',
  'max_stops',
  'unreachable',
  'no_room',
  'max_driving',
  'work_limit',
] as const;
export type SolverUnassignedReason = (typeof SOLVER_UNASSIGNED_REASONS)[number];

/** Why a plan left an order unplanned: the solver's reasons, and the plan's own. */
export type UnassignedReason =
  | SolverUnassignedReason
  /** No shift on any of its allowed days within the plan's range, at the depots planned. */
  | 'no_shift_on_allowed_days'
  // Orders named in `orderIds` that the plan did not even try to place:
  | 'on_hold'
  | 'cancelled'
  /** None of its allowed days is in the plan's range. */
  | 'outside_range'
  /** On a route this plan keeps (locked, of another depot or day): move or unassign it there. */
  | 'on_other_route'
  /** Visited already (`status:delivered`, `status:failed`, `status:skipped`): reschedule it first. */
  | `status:${OrderStatus}`;

export interface UnassignedOrder {
  orderId: string;
  ref: string;
  reason: UnassignedReason;
  /** A sentence for the dispatcher. */
  message: string;
}

/** One broken rule of a route, for the dispatcher to read. */
export type Violation =
  | { kind: 'late'; stopId: string | null; orderId: string | null; lateS: number; message: string }
  | {
      kind: 'wrong_day';
      stopId: string | null;
      orderId: string;
      /** The order's days (absent on violations stored before they were added). */
      dateFrom?: string;
      dateTo?: string;
      message: string;
    }
  /** `trip`: which trip of a vehicle that reloads at its depot (1, 2…); absent: one trip. */
  | { kind: 'capacity'; dimension: string; load: number; capacity: number; trip?: number; message: string }
  | { kind: 'shift_end'; overS: number; message: string }
  | { kind: 'skill'; stopId: string | null; orderId: string; skill: string; message: string }
  | { kind: 'max_stops'; stops: number; max: number; message: string }
  | { kind: 'max_duration'; durationS: number; max: number; message: string }
  | { kind: 'max_distance'; distanceM: number; max: number; message: string }
  /** A pickup and delivery order's pickup stop without its delivery after it on the same route. */
  | { kind: 'pickup_order'; stopId: string | null; orderId: string; message: string }
  /** The organisation's working-time rules (Organisation.workingTime): the driver's hours in the ISO week. */
  | { kind: 'weekly_hours'; driver: string; week: number; hours: number; max: number; message: string }
  /** Rest between this route and the driver's route (or shift) of the day before or after, in hours. */
  | { kind: 'daily_rest'; driver: string; restHours: number; min: number; message: string }
  /** Driving without a break of `drivingBreakMin`, in hours. */
  | { kind: 'driving'; drivingHours: number; max: number; message: string };

export const STOP_STATUSES = ['pending', 'arrived', 'delivered', 'failed', 'skipped'] as const;
export type StopStatus = (typeof STOP_STATUSES)[number];

/**
 * What a stop of a route is: a visit (`delivery`, `pickup`) or a pause of the route with no
 * order (`break`; `reload`: back at its depot to load the next trip, multi-trip vehicles).
 */
export type StopKind = 'delivery' | 'pickup' | 'break' | 'reload';

/** Whether a stop is a visit to a customer (not a break or a reload at the depot). */
export const isVisit = (kind: StopKind): boolean => kind === 'delivery' || kind === 'pickup';

export interface RouteStop {
  id: string;
  seq: number;
  kind: StopKind;
  orderId: string | null;
  ref: string | null;
  name: string | null;
  address: string | null;
  phone: string | null;
  notes: string | null;
  location: GeoPoint | null;
  demand: number[];
  serviceS: number;
  /** The order's daily windows, local times of the depot's zone (empty: any time). */
  timeWindows: TimeWindow[];
  plannedArrivalAt: string | null;
  waitingS: number;
  plannedDepartureAt: string | null;
  /** From the driver's stop events (or geofence): kept beside the plan for analytics. */
  actualArrivalAt: string | null;
  actualDepartureAt: string | null;
  /** The live estimate of arrival while the stop is still to do, or null. */
  etaAt: string | null;
  locked: boolean;
  status: StopStatus;
  violations: Violation[];
}

export type RouteStatus = 'planned' | 'published' | 'in_progress' | 'done';

export interface PlannedRoute {
  id: string;
  planId: string | null;
  shiftId: string | null;
  vehicleId: string;
  vehicleName: string;
  driverId: string | null;
  driverName: string | null;
  depotId: string;
  localDate: string;
  status: RouteStatus;
  locked: boolean;
  version: number;
  startAt: string | null;
  endAt: string | null;
  distanceM: number;
  durationS: number;
  /** GeoJSON LineString through the depot and the stops, or null for an empty route. */
  geometry: { type: 'LineString'; coordinates: [number, number][] } | null;
  violations: Violation[];
  stops: RouteStop[];
}

export const RoutesQuery = z.object({ date: localDate, depotId: id.optional() });

const force = z.boolean().default(false);
const dryRun = z.boolean().default(false);

/** `POST /api/dispatch/edits`: one edit; refused (422) with its violations unless `force`. */
export const EditRequest = z.discriminatedUnion('op', [
  z.object({ op: z.literal('move'), stopId: id, toRouteId: id, position: z.number().int().min(0), force, dryRun }),
  z.object({ op: z.literal('reorder'), routeId: id, stopIds: z.array(id).min(1), force, dryRun }),
  z.object({ op: z.literal('unassign'), stopId: id, force, dryRun }),
  z.object({ op: z.literal('assign'), orderId: id, routeId: id, position: z.number().int().min(0), force, dryRun }),
]);
export type EditRequest = z.infer<typeof EditRequest>;

/** The recomputed times of one route after an edit. */
export interface EditedRoute {
  routeId: string;
  startAt: string;
  endAt: string;
  distanceM: number;
  durationS: number;
  stops: {
    stopId: string | null;
    orderId: string | null;
    plannedArrivalAt: string;
    waitingS: number;
    plannedDepartureAt: string;
  }[];
  violations: Violation[];
}

export interface EditResult {
  saved: boolean;
  routes: EditedRoute[];
  violations: Violation[];
}

export const LockRequest = z.object({ locked: z.boolean() });

/**
 * `POST /api/routes/:id/start-override`: lets the driver start the route on a day other than its
 * date (refused otherwise); audited.
 */
export const StartOverrideRequest = z.object({ allowed: z.boolean() });
export type StartOverrideRequest = z.infer<typeof StartOverrideRequest>;

/** `POST /api/dispatch/publish`: a whole day, or only some routes. */
export const PublishRequest = z
  .object({ date: localDate.optional(), routeIds: z.array(id).min(1).optional() })
  .refine((v) => v.date !== undefined || v.routeIds !== undefined, {
    message: 'give a date or routeIds',
    path: ['date'],
  });
export type PublishRequest = z.infer<typeof PublishRequest>;

export interface PublishResult {
  routes: { routeId: string; version: number; driverId: string | null }[];
  orders: number;
}

/** `POST /api/dispatch/insert`: urgent orders into a (published) day, disturbing as little as possible. */
export const InsertRequest = z.object({ date: localDate, orderIds: z.array(id).min(1).max(200) });
export type InsertRequest = z.infer<typeof InsertRequest>;

export interface InsertResult {
  inserted: { orderId: string; routeId: string; stopId: string; position: number; plannedArrivalAt: string }[];
  notInserted: { orderId: string; message: string }[];
  /** Routes opened for vans on shift that had none (no running route could take the order). */
  opened: string[];
  /** Stops already on routes whose planned arrival changed. */
  moved: {
    stopId: string;
    routeId: string;
    orderId: string | null;
    fromArrivalAt: string;
    toArrivalAt: string;
    deltaS: number;
  }[];
}

export const RouteSheetQuery = z.object({
  date: localDate,
  driverId: id,
  format: z.enum(['csv', 'html']).default('html'),
});

/** `GET /api/planning/calendar?from&to` (at most 62 days): what each day holds, for the planner's strip. */
export const CalendarQuery = z
  .object({ from: localDate, to: localDate })
  .refine((v) => v.from <= v.to && Date.parse(v.to) - Date.parse(v.from) <= 61 * 86_400_000, {
    message: 'must be on or after from, at most 62 days later',
    path: ['to'],
  });

export interface CalendarDay {
  date: string;
  /** Open orders whose allowed days include this one. */
  due: number;
  /** Of those, orders not on any route yet. */
  unplanned: number;
  /** Stops on this day's routes. */
  planned: number;
  routes: number;
  /** Routes published (or started, or done). */
  published: number;
  /** Shifts (vehicles working) this day. */
  shifts: number;
}
