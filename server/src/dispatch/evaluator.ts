/**
 * The route evaluator (pure): given a route's shift, vehicle and stops in order, computes the
 * planned times with the plan's travel (the solver's coordinate model, or the OSRM matrix) and
 * lists every broken rule. Edits,
 * urgent insertion and the acceptance tests' checks of edited routes rely on it.
 *
 * Timing follows the solver: the vehicle leaves the depot at its shift start, once loaded at a
 * dock when the depot has them (later if that only saves waiting at the first stop), service starts at the earliest time inside the first daily
 * window it can still make, a break is taken where it sits in the sequence at the previous
 * location, and the route must be back at its end depot by the shift end.
 */
import { isVisit, type TimeWindow, type Violation } from '@tournee/shared';
import { dayWindows } from '../travel/time-axis.ts';
import type { LonLatPair, Travel } from '../travel/travel.ts';

export interface EvalShift {
  zone: string;
  localDate: string;
  startMs: number;
  /** The earliest departure: after loading at the depot's dock (dispatch/context.ts); absent: the shift start. */
  leaveMs?: number;
  endMs: number;
  breaks: { startMs: number; endMs: number; durationS: number }[];
  start: LonLatPair;
  end: LonLatPair;
  dimensions: readonly string[];
  capacity: readonly number[];
  skills: readonly string[];
  maxStops: number | null;
  maxDurationS: number | null;
  maxDistanceM: number | null;
  /** Multiplies travel times (the fleet's speedFactor). */
  slowness: number;
  /** Multi-trip: seconds a reload at the depot takes; null or absent: the vehicle does not reload. */
  reloadS?: number | null;
  /** The organisation's working-time rules as they bear on this route's driver; absent: none. */
  workingTime?: EvalWorkingTime;
}

/** Working-time rules around one route (dispatch/context.ts reads them). */
export interface EvalWorkingTime {
  driver: string;
  /** The driver's hours in the route's ISO week on other routes. */
  weekly?: { week: number; maxHours: number; otherS: number };
  /** The driver's previous route's end and next shift's start on other days (ms), and the rest due. */
  rest?: { minHours: number; prevEndMs: number | null; nextStartMs: number | null };
  /** At most `maxHours` of driving between breaks of at least `breakMin`. */
  driving?: { maxHours: number; breakMin: number };
}

export interface EvalStop {
  stopId: string | null;
  orderId: string | null;
  ref: string | null;
  /** `reload`: back at the depot to load the next trip (capacity holds per trip). */
  kind: 'delivery' | 'pickup' | 'break' | 'reload';
  /** One of the two stops of a pickup and delivery order (its delivery needs its pickup before it). */
  pickupAndDelivery?: boolean;
  breakIndex: number | null;
  location: LonLatPair | null;
  serviceS: number;
  demand: readonly number[];
  skills: readonly string[];
  dateFrom: string | null;
  dateTo: string | null;
  timeWindows: readonly TimeWindow[];
}

export interface EvalTimes {
  stopId: string | null;
  orderId: string | null;
  arrivalMs: number;
  waitingS: number;
  departureMs: number;
  violations: Violation[];
}

export interface Evaluation {
  startMs: number;
  endMs: number;
  distanceM: number;
  durationS: number;
  line: LonLatPair[];
  stops: EvalTimes[];
  violations: Violation[];
}

const minutes = (s: number) => Math.ceil(s / 60);
const label = (s: EvalStop, i: number) => `stop ${i + 1}${s.ref ? ` (${s.ref})` : ''}`;

/** Service start for an arrival, and how late it is when no window can be made. */
function serviceStart(arrivalS: number, windows: [number, number][]): { start: number; lateS: number } {
  for (const [ws, we] of windows) if (arrivalS <= we) return { start: Math.max(arrivalS, ws), lateS: 0 };
  const lastEnd = windows[windows.length - 1]?.[1] ?? arrivalS;
  return { start: arrivalS, lateS: arrivalS - lastEnd };
}

/** Evaluates a route from its depot departure at `departS` (epoch seconds). */
function pass(
  shift: EvalShift,
  stops: readonly EvalStop[],
  travel: Travel,
  departS: number,
  clock: { zone: string; originMs: number },
) {
  let t = departS;
  let prev = shift.start;
  let distanceM = 0;
  // Driving since the last break long enough for the driving rule, and the most of it.
  const breakS = (shift.workingTime?.driving?.breakMin ?? 0) * 60;
  let driving = 0;
  let maxDriving = 0;
  const drive = (s: number) => {
    driving += s;
    maxDriving = Math.max(maxDriving, driving);
  };
  const line: LonLatPair[] = [shift.start];
  const out: EvalTimes[] = [];
  const violations: Violation[] = [];
  stops.forEach((s, i) => {
    const v: Violation[] = [];
    let windows: [number, number][];
    let service = s.serviceS;
    if (s.kind === 'break') {
      const b = s.breakIndex !== null ? shift.breaks[s.breakIndex] : undefined;
      // A break the driving limit added has no index: it lasts the rule's break, any time.
      service = b?.durationS ?? (s.breakIndex === null && breakS > 0 ? breakS : s.serviceS);
      windows = b ? [[b.startMs / 1000, b.endMs / 1000 - service]] : [[t, t]];
      if (service >= breakS) driving = 0;
    } else if (s.kind === 'reload') {
      // Back at the depot to load the next trip.
      distanceM += travel.distanceM(prev, shift.start);
      const leg = travel.timeS(prev, shift.start) * shift.slowness;
      t += leg;
      drive(leg);
      prev = shift.start;
      line.push(shift.start);
      service = shift.reloadS ?? s.serviceS;
      windows = [[t, t]];
    } else {
      const loc = s.location ?? prev;
      distanceM += travel.distanceM(prev, loc);
      const leg = travel.timeS(prev, loc) * shift.slowness;
      t += leg;
      drive(leg);
      prev = loc;
      line.push(loc);
      windows = dayWindows(clock, shift.localDate, s.timeWindows);
      if (s.orderId && s.dateFrom && s.dateTo && (shift.localDate < s.dateFrom || shift.localDate > s.dateTo)) {
        v.push({
          kind: 'wrong_day',
          stopId: s.stopId,
          orderId: s.orderId,
          dateFrom: s.dateFrom,
          dateTo: s.dateTo,
          message: `${label(s, i)} may only be delivered from ${s.dateFrom} to ${s.dateTo}, not on ${shift.localDate}`,
        });
      }
      // Pickup first, delivery later, on this same route (the solver's shipments rule).
      if (
        s.kind === 'delivery' &&
        s.pickupAndDelivery &&
        s.orderId &&
        !stops.some((p, k) => k < i && p.kind === 'pickup' && p.orderId === s.orderId)
      ) {
        v.push({
          kind: 'pickup_order',
          stopId: s.stopId,
          orderId: s.orderId,
          message: `${label(s, i)} is delivered without its pickup before it on this route: keep its pickup before it, on the same route`,
        });
      }
      if (
        s.kind === 'pickup' &&
        s.orderId &&
        !stops.some((d, k) => k > i && d.kind === 'delivery' && d.orderId === s.orderId)
      ) {
        v.push({
          kind: 'pickup_order',
          stopId: s.stopId,
          orderId: s.orderId,
          message: `${label(s, i)} is picked up but not delivered after it on this route: keep its delivery after its pickup, on the same route`,
        });
      }
      for (const skill of s.skills) {
        if (!shift.skills.includes(skill) && s.orderId) {
          v.push({
            kind: 'skill',
            stopId: s.stopId,
            orderId: s.orderId,
            skill,
            message: `${label(s, i)} needs the skill "${skill}", which the vehicle does not have`,
          });
        }
      }
    }
    const arrival = t;
    const { start, lateS } = serviceStart(arrival, windows);
    if (lateS > 0) {
      v.push({
        kind: 'late',
        stopId: s.stopId,
        orderId: s.orderId,
        lateS: Math.round(lateS),
        message: `late at ${s.kind === 'break' ? `the break (${label(s, i)})` : label(s, i)} by ${minutes(lateS)} min`,
      });
    }
    t = start + service;
    out.push({
      stopId: s.stopId,
      orderId: s.orderId,
      arrivalMs: arrival * 1000,
      waitingS: start - arrival,
      departureMs: t * 1000,
      violations: v,
    });
    violations.push(...v);
  });
  distanceM += travel.distanceM(prev, shift.end);
  const back = travel.timeS(prev, shift.end) * shift.slowness;
  t += back;
  drive(back);
  line.push(shift.end);
  return { endS: t, distanceM, line, out, violations, maxDriving };
}

/** Recomputes a route's times and lists its violations. */
export function evaluateRoute(shift: EvalShift, stops: readonly EvalStop[], travel: Travel): Evaluation {
  // Epoch seconds as the axis: day windows are computed in the depot zone like the planner's.
  const clock = { zone: shift.zone, originMs: 0 };
  const leaveS = Math.max(shift.startMs, shift.leaveMs ?? shift.startMs) / 1000;
  let run = pass(shift, stops, travel, leaveS, clock);
  // Leave later instead of waiting at the first stop (nothing after it changes).
  const firstWait = run.out[0] && stops[0] && isVisit(stops[0].kind) ? run.out[0].waitingS : 0;
  const departS = leaveS + firstWait;
  if (firstWait > 0) run = pass(shift, stops, travel, departS, clock);
  const violations = [...run.violations];
  const overS = run.endS - shift.endMs / 1000;
  if (overS > 0.5)
    violations.push({
      kind: 'shift_end',
      overS: Math.round(overS),
      message: `back at the depot ${minutes(overS)} min after the shift ends`,
    });
  // Capacity holds per trip: a reload at the depot starts the next one.
  const trips = splitTrips(stops);
  trips.forEach((tripStops, k) => {
    shift.dimensions.forEach((dimension, d) => {
      const load = peakLoad(tripStops, d);
      const capacity = shift.capacity[d] ?? Infinity;
      if (load > capacity + 1e-9) {
        const which = trips.length > 1 ? ` on trip ${k + 1}` : '';
        violations.push({
          kind: 'capacity',
          dimension,
          load,
          capacity,
          ...(trips.length > 1 ? { trip: k + 1 } : {}),
          message: `over capacity on ${dimension}${which}: ${Math.round(load * 100) / 100} for ${capacity}`,
        });
      }
    });
  });
  const count = stops.filter((s) => s.kind !== 'break' && s.kind !== 'reload').length;
  if (shift.maxStops !== null && count > shift.maxStops) {
    violations.push({
      kind: 'max_stops',
      stops: count,
      max: shift.maxStops,
      message: `${count} stops for at most ${shift.maxStops}`,
    });
  }
  const durationS = run.endS - departS;
  if (shift.maxDurationS !== null && durationS > shift.maxDurationS) {
    violations.push({
      kind: 'max_duration',
      durationS: Math.round(durationS),
      max: shift.maxDurationS,
      message: `the route lasts ${minutes(durationS)} min for at most ${minutes(shift.maxDurationS)}`,
    });
  }
  if (shift.maxDistanceM !== null && run.distanceM > shift.maxDistanceM) {
    violations.push({
      kind: 'max_distance',
      distanceM: Math.round(run.distanceM),
      max: shift.maxDistanceM,
      message: `the route is ${(run.distanceM / 1000).toFixed(1)} km for at most ${(shift.maxDistanceM / 1000).toFixed(1)} km`,
    });
  }
  violations.push(...workingTimeViolations(shift, departS * 1000, run.endS * 1000, run.maxDriving));
  return {
    startMs: departS * 1000,
    endMs: run.endS * 1000,
    distanceM: run.distanceM,
    durationS,
    line: run.line,
    stops: run.out,
    violations,
  };
}

/**
 * The most the vehicle carries on dimension `d`: what it delivers from the depot is on board
 * from the start; a pickup and delivery order's goods from its pickup stop to its delivery stop.
 */
function peakLoad(stops: readonly EvalStop[], d: number): number {
  const picked = new Set(stops.flatMap((s) => (s.kind === 'pickup' && s.orderId ? [s.orderId] : [])));
  let load = 0;
  for (const s of stops) if (s.kind === 'delivery' && !(s.orderId && picked.has(s.orderId))) load += s.demand[d] ?? 0;
  let peak = load;
  for (const s of stops) {
    if (s.kind === 'pickup') load += s.demand[d] ?? 0;
    else if (s.kind === 'delivery') load -= s.demand[d] ?? 0;
    peak = Math.max(peak, load);
  }
  return peak;
}

/** A route's stops cut into trips at its reloads (the reload stops left out). */
function splitTrips(stops: readonly EvalStop[]): EvalStop[][] {
  const trips: EvalStop[][] = [[]];
  for (const s of stops) {
    if (s.kind === 'reload') trips.push([]);
    else trips[trips.length - 1]!.push(s);
  }
  return trips;
}

const hoursOf = (s: number) => Math.round((s / 3600) * 10) / 10;

/** The working-time rules a route of these times breaks: weekly hours, daily rest, driving. */
function workingTimeViolations(shift: EvalShift, startMs: number, endMs: number, maxDrivingS: number): Violation[] {
  const w = shift.workingTime;
  if (!w) return [];
  const out: Violation[] = [];
  const durationS = Math.max(0, (endMs - startMs) / 1000);
  if (w.weekly && w.weekly.otherS + durationS > w.weekly.maxHours * 3600 + 1) {
    const hours = hoursOf(w.weekly.otherS + durationS);
    out.push({
      kind: 'weekly_hours',
      driver: w.driver,
      week: w.weekly.week,
      hours,
      max: w.weekly.maxHours,
      message: `${w.weekly.maxHours} h a week: ${w.driver} would work ${hours} h in week ${w.weekly.week} (${hoursOf(w.weekly.otherS)} h already, ${hoursOf(durationS)} h on this route)`,
    });
  }
  if (w.rest) {
    const minS = w.rest.minHours * 3600;
    const rests = [
      w.rest.prevEndMs === null ? null : { s: (startMs - w.rest.prevEndMs) / 1000, when: 'after the day before' },
      w.rest.nextStartMs === null ? null : { s: (w.rest.nextStartMs - endMs) / 1000, when: 'before the next day' },
    ];
    for (const r of rests) {
      if (r && r.s < minS - 1) {
        out.push({
          kind: 'daily_rest',
          driver: w.driver,
          restHours: hoursOf(r.s),
          min: w.rest.minHours,
          message: `${w.rest.minHours} h of daily rest: ${w.driver} would rest ${hoursOf(r.s)} h ${r.when}`,
        });
      }
    }
  }
  if (w.driving && maxDrivingS > w.driving.maxHours * 3600 + 1) {
    out.push({
      kind: 'driving',
      drivingHours: hoursOf(maxDrivingS),
      max: w.driving.maxHours,
      message: `at most ${w.driving.maxHours} h of driving before a ${w.driving.breakMin} min break: this route drives ${hoursOf(maxDrivingS)} h without one`,
    });
  }
  return out;
}
