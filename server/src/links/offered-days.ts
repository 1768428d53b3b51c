/**
 * The days a customer may move a delivery to from the tracking page (pure): days after today,
 * within the planning horizon, on which a shift runs at a depot that serves the order with a
 * vehicle that can carry it. Each day offers its windows: the hours those shifts cover, split
 * into morning and afternoon where both halves are long enough to mean something.
 */
import {
  addDays,
  formatMinutes,
  type LocalDate,
  type LocalTime,
  minutesOfDay,
  type OfferedDay,
  type OrderStatus,
  type TimeWindow,
  todayIn,
} from '@tournee/shared';
import { SHIFT_HORIZON_DAYS } from '../fleet/horizon.ts';

/** One dated shift of the organisation, with what decides whether it can serve the order. */
export interface CandidateShift {
  localDate: LocalDate;
  depotId: string;
  /** The depot's zone: "today" and the horizon are counted in it. */
  timeZone: string;
  startLocal: LocalTime;
  endLocal: LocalTime;
  vehicleSkills: readonly string[];
  /** In the organisation's dimension order. */
  vehicleCapacity: readonly number[];
}

export interface OfferedDaysInput {
  now: Date;
  shifts: readonly CandidateShift[];
  /** The depots that serve the order. */
  depotIds: readonly string[];
  order: { skills: readonly string[]; demand: readonly number[] };
  /** A day not to offer (the one the order is already planned on). */
  exclude?: LocalDate | null;
  /** @default SHIFT_HORIZON_DAYS (35) */
  horizonDays?: number;
}

/** A window shorter than this is not offered on its own: morning and afternoon stay one window. */
const MIN_HALF_MIN = 60;
const NOON = 12 * 60;

/** True when the vehicle has every skill of the order and room for its demand in every dimension. */
export function canCarry(
  shift: Pick<CandidateShift, 'vehicleSkills' | 'vehicleCapacity'>,
  order: OfferedDaysInput['order'],
): boolean {
  if (!order.skills.every((s) => shift.vehicleSkills.includes(s))) return false;
  // A missing capacity value is 0, as the planner reads it (problem-builder's fitVector).
  return order.demand.every((d, i) => d <= (shift.vehicleCapacity[i] ?? 0));
}

/** The shifts' hours of one day as windows: overlapping shifts merged, then split at noon. */
export function windowsOf(spans: readonly { startLocal: LocalTime; endLocal: LocalTime }[]): TimeWindow[] {
  // A shift past midnight is offered until the end of its day (the customer picks a day).
  const ranges = spans
    .map((s) => {
      const a = minutesOfDay(s.startLocal);
      const b = minutesOfDay(s.endLocal);
      return [a, b > a ? b : 24 * 60 - 1] as const;
    })
    .sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [a, b] of ranges) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged.flatMap(([a, b]) =>
    a < NOON && b > NOON && NOON - a >= MIN_HALF_MIN && b - NOON >= MIN_HALF_MIN
      ? [
          { start: formatMinutes(a), end: formatMinutes(NOON) },
          { start: formatMinutes(NOON), end: formatMinutes(b) },
        ]
      : [{ start: formatMinutes(a), end: formatMinutes(b) }],
  );
}

/** The days (ascending) and their windows a customer may choose. */
export function offeredDays(input: OfferedDaysInput): OfferedDay[] {
  const horizon = input.horizonDays ?? SHIFT_HORIZON_DAYS;
  const serving = new Set(input.depotIds);
  const byDay = new Map<LocalDate, CandidateShift[]>();
  for (const s of input.shifts) {
    if (!serving.has(s.depotId) || !canCarry(s, input.order)) continue;
    // Today is not offered: its routes are planned, published or already on the road.
    const today = todayIn(s.timeZone, input.now);
    if (s.localDate <= today || s.localDate > addDays(today, horizon)) continue;
    if (s.localDate === input.exclude) continue;
    byDay.set(s.localDate, [...(byDay.get(s.localDate) ?? []), s]);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, shifts]) => ({ date, windows: windowsOf(shifts) }));
}

/** Why `date` / `window` cannot be chosen (naming the field), or null when they are offered. */
export function whyNotOffered(
  days: readonly OfferedDay[],
  date: LocalDate,
  window: TimeWindow | null | undefined,
): { field: 'date' | 'window'; message: string } | null {
  const day = days.find((d) => d.date === date);
  if (!day) {
    return {
      field: 'date',
      message: `date: no delivery is possible on ${date}; choose one of the offered days (${days.length ? `${days[0]!.date} … ${days[days.length - 1]!.date}` : 'none at the moment'})`,
    };
  }
  if (window && !day.windows.some((w) => w.start === window.start && w.end === window.end)) {
    return {
      field: 'window',
      message: `window: ${window.start}–${window.end} is not offered on ${date}; choose one of ${day.windows.map((w) => `${w.start}–${w.end}`).join(', ')}`,
    };
  }
  return null;
}

/** Where the order stands, as far as moving it to another day goes. */
export interface OfferState {
  status: OrderStatus;
  /** The order had a failed or skipped visit. */
  visited: boolean;
  /** The route of its open (pending or arrived) stop, if any. */
  openRoute: { status: 'planned' | 'published' | 'in_progress' | 'done'; localDate: LocalDate } | null;
  /** The organisation setting `customerReschedule.beforeStart`. */
  beforeStart: boolean;
}

/**
 * Whether the customer may pick another day now, and if not why (in words for the customer's
 * page and the 409): after a failed or skipped visit always; before the route starts only when
 * the organisation allows it; never once the driver has it, after delivery, on hold or cancelled.
 */
export function offerState(
  s: OfferState,
): { allowed: true; exclude: LocalDate | null } | { allowed: false; reason: string } {
  const no = (reason: string) => ({ allowed: false as const, reason });
  switch (s.status) {
    case 'failed':
    case 'skipped':
      return { allowed: true, exclude: null };
    case 'imported':
      if (s.visited || s.beforeStart) return { allowed: true, exclude: null };
      return no('the delivery has not been attempted yet, and changing its day before then is not offered');
    case 'planned':
    case 'dispatched':
      if (!s.beforeStart) return no('the delivery is planned, and changing its day before then is not offered');
      if (s.openRoute && s.openRoute.status !== 'planned' && s.openRoute.status !== 'published') {
        return no('the driver’s round has started');
      }
      return { allowed: true, exclude: s.openRoute?.localDate ?? null };
    case 'in_progress':
      return no('the driver’s round has started');
    case 'delivered':
      return no('the order is delivered');
    case 'on_hold':
      return no('the order is on hold: contact us to change its day');
    case 'cancelled':
      return no('the order is cancelled');
  }
}
