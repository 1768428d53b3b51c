/**
 * Solver solution → the routes, stops and unassigned orders the plan will write (pure): axis
 * seconds become instants, step ids become order ids and break indexes, and each route gets the
 * line through its depot and stops.
 */
import type { UnassignedReason } from '@tournee/shared';
import type { Solution } from '@tournee/solver';
import { earlierDockDepartures } from './dock-retime.ts';
import { withoutNeedlessDrivingBreaks } from './needless-breaks.ts';
import { type BuiltProblem, orderIdOfStep, type ShiftInput } from './problem-builder.ts';
import { fromAxis } from '../travel/time-axis.ts';
import { type LonLatPair, travelDistanceM } from '../travel/travel.ts';

export interface PlannedStop {
  /** `reload`: back at its depot to load the next trip (a multi-trip vehicle), no order. */
  kind: 'delivery' | 'pickup' | 'break' | 'reload';
  orderId: string | null;
  /** For a break: its index in the shift's breaks. */
  breakIndex: number | null;
  location: LonLatPair | null;
  arrivalAt: Date;
  waitingS: number;
  departureAt: Date;
}

export interface PlannedRouteValues {
  shift: ShiftInput;
  startAt: Date;
  endAt: Date;
  distanceM: number;
  durationS: number;
  cost: number;
  /** Depot, stops, end depot: the geometry drawn until a road geometry exists. */
  line: LonLatPair[];
  stops: PlannedStop[];
}

export interface PlanResult {
  routes: PlannedRouteValues[];
  unassigned: { orderId: string; reason: UnassignedReason }[];
  cost: number;
  computingTimeMs: number;
}

const isPair = (l: unknown): l is LonLatPair => Array.isArray(l) && l.length === 2;

/** Length of the part of a resumed route already driven, with the coordinate model. */
const lineLengthM = (line: LonLatPair[], circuity: number) =>
  line.reduce((a, p, i) => (i ? a + travelDistanceM(line[i - 1]!, p, { circuity, speedMps: 1 }) : 0), 0);

/** Maps a solution of `built.problem` to what the plan persists. */
export function mapSolution(built: BuiltProblem, solution: Solution): PlanResult {
  const routes: PlannedRouteValues[] = [];
  const orderLoc = new Map(built.orders.map((o) => [o.id, o.location]));
  const pickupLoc = new Map(built.orders.flatMap((o) => (o.pickup ? [[o.id, o.pickup.location] as const] : [])));
  // A resumed route drove before this plan: its travel here is not all of the day's driving.
  const withoutNeedless = solution.routes.map((r) =>
    built.shifts[r.vehicle]?.resume
      ? r
      : withoutNeedlessDrivingBreaks(r, built.problem.vehicles[r.vehicle]?.maxDrivingS),
  );
  for (const r of earlierDockDepartures(withoutNeedless, built.problem, built.docks)) {
    const shift = built.shifts[r.vehicle];
    const vehicle = built.problem.vehicles[r.vehicle];
    if (!shift || !vehicle) throw new Error(`solution names vehicle ${r.vehicle}, which is not in the problem`);
    const stops: PlannedStop[] = [];
    let last: LonLatPair | null = isPair(vehicle.start) ? vehicle.start : null;
    const line: LonLatPair[] = last ? [last] : [];
    for (const step of r.steps) {
      if (step.type === 'start' || step.type === 'end') continue;
      const at = {
        arrivalAt: fromAxis(built.axis, step.arrival),
        waitingS: step.waitingS,
        departureAt: fromAxis(built.axis, step.departure),
      };
      if (step.type === 'break') {
        // A shift's break has its index; a break the driving limit added (`#drive0`…) has none.
        const k = Number(String(step.id).split('#')[1]);
        stops.push({ kind: 'break', orderId: null, breakIndex: Number.isFinite(k) ? k : null, location: last, ...at });
        continue;
      }
      if (step.type === 'reload') {
        // Back at the route's start (its depot) to load the next trip.
        const depot = isPair(vehicle.start) ? vehicle.start : null;
        if (depot) {
          line.push(depot);
          last = depot;
        }
        stops.push({ kind: 'reload', orderId: null, breakIndex: null, location: depot, ...at });
        continue;
      }
      // From the order, not the step: with road matrices, step locations are matrix indexes.
      const orderId = orderIdOfStep(step.id!);
      const kind = step.type === 'pickup' ? 'pickup' : 'delivery';
      const loc = (kind === 'pickup' ? pickupLoc.get(orderId) : orderLoc.get(orderId)) ?? null;
      if (loc) {
        line.push(loc);
        last = loc;
      }
      stops.push({ kind, orderId, breakIndex: null, location: loc, ...at });
    }
    if (isPair(vehicle.end)) line.push(vehicle.end);
    // A resumed route's line starts at the depot, through the stops already visited.
    if (shift.resume) line.splice(0, 1, ...shift.resume.line);
    const first = r.steps[0];
    const end = r.steps[r.steps.length - 1];
    routes.push({
      shift,
      startAt: fromAxis(built.axis, first?.departure ?? 0),
      endAt: fromAxis(built.axis, end?.arrival ?? 0),
      distanceM:
        r.distance + (shift.resume ? lineLengthM(shift.resume.line, built.problem.speedModel?.circuity ?? 1.3) : 0),
      durationS: r.durationS,
      cost: r.cost,
      line,
      stops,
    });
  }
  // A shipment may be listed once per half: one line per order.
  const unassignedIds = new Set<string>();
  const unassigned = [
    ...solution.unassigned.flatMap((u) => {
      const orderId = orderIdOfStep(u.id);
      if (unassignedIds.has(orderId)) return [];
      unassignedIds.add(orderId);
      return [{ orderId, reason: u.reason }];
    }),
    ...built.noShift.map((o) => ({ orderId: o.id, reason: 'no_shift_on_allowed_days' as const })),
  ];
  return { routes, unassigned, cost: solution.summary.cost, computingTimeMs: solution.summary.computingTimeMs };
}

// Every reason but the order statuses has its own sentence: a reason added to shared without one fails to compile.
type StatusReason = Extract<UnassignedReason, `status:${string}`>;
const REASON_TEXT: Record<Exclude<UnassignedReason, StatusReason>, string> & Partial<Record<StatusReason, string>> = {
  skills: 'no vehicle working on its days has the skills it needs',
  capacity: 'its demand does not fit in any vehicle with room left',
  time_window: 'no route can reach it within its time windows',
  max_travel_time: 'every route that could take it would exceed its maximum travel time',
  max_distance: 'every route that could take it would exceed its maximum distance',
  max_stops: 'every route that could take it already has its maximum number of stops',
  unreachable: 'its location cannot be reached from the depot',
  no_room: 'the routes of its days are full (no time left in the shifts)',
  max_driving: 'every route that could take it would drive longer than the driving limit without a break',
  work_limit: 'every driver who could take it would work more than the weekly hours allowed',
  no_shift_on_allowed_days: 'no vehicle of the depots planned has a shift on any of its allowed days in the plan range',
  on_hold: 'it is on hold: release it to plan it',
  cancelled: 'it is cancelled',
  outside_range: 'none of its allowed days is in the plan range',
  on_other_route:
    'it is on a route this plan keeps (locked, started, or of another day or depot): move or unassign it there',
  'status:delivered': 'it is delivered already',
  'status:failed': 'its delivery failed: reschedule it to plan it again',
  'status:skipped': 'its stop was skipped: reschedule it to plan it again',
};

/** The dispatcher's sentence for an unassigned reason. */
export function reasonText(reason: UnassignedReason): string {
  return REASON_TEXT[reason] ?? (reason.startsWith('status:') ? `it is ${reason.slice(7)}` : reason);
}
