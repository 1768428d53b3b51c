/**
 * One definition of a stop's times, used by the planner, the route sheet, the driver app, the
 * tracking page and every customer message (no I/O):
 *   - arrival: when the vehicle gets there (planned, or the live ETA);
 *   - service start: when the visit begins — never before the opening of the order's window it
 *     can still make (the driver waits), nor before the arrival plus the plan's waiting;
 *   - departure: service start plus the service time.
 * The window rule is the solver's and the route evaluator's: the first window whose end is not
 * yet past at arrival; past every window, service starts at arrival (late).
 */
import type { TimeWindow } from './orders.ts';
import { addDays, type LocalDate, localToUtc, minutesOfDay } from './time.ts';

/** A window as instants (ms since the epoch). */
export interface InstantWindow {
  startMs: number;
  endMs: number;
}

/**
 * The order's windows on one local day as instants, in order; a window whose end is not after
 * its start passes midnight. No windows → empty (any time of the day).
 */
export function windowsOnDay(date: LocalDate, windows: readonly TimeWindow[], zone: string): InstantWindow[] {
  return windows
    .map((w) => {
      const endDate = minutesOfDay(w.end) <= minutesOfDay(w.start) ? addDays(date, 1) : date;
      return {
        startMs: localToUtc(date, w.start, zone).getTime(),
        endMs: localToUtc(endDate, w.end, zone).getTime(),
      };
    })
    .sort((a, b) => a.startMs - b.startMs);
}

/** When service starts for a vehicle arriving at `arrivalMs`, and how late that is past the last window. */
export function serviceStartFor(
  arrivalMs: number,
  windows: readonly InstantWindow[],
): { startMs: number; lateS: number } {
  for (const w of windows) if (arrivalMs <= w.endMs) return { startMs: Math.max(arrivalMs, w.startMs), lateS: 0 };
  const last = windows[windows.length - 1];
  return { startMs: arrivalMs, lateS: last ? (arrivalMs - last.endMs) / 1000 : 0 };
}

export interface StopTimesInput {
  /** Planned arrival or live ETA (ms). */
  arrivalMs: number;
  /** The order's windows that day (see `windowsOnDay`); empty = any time. */
  windows: readonly InstantWindow[];
  /** Service time (s). @default 0 */
  serviceS?: number;
  /** The plan's waiting at the stop (s), when known. @default 0 */
  waitingS?: number;
}

export interface StopTimes {
  arrivalMs: number;
  serviceStartMs: number;
  departureMs: number;
  /** Seconds past the end of the last window (0 when on time). */
  lateS: number;
}

/** Arrival, service start (≥ window opening) and departure of one stop. */
export function stopTimes(i: StopTimesInput): StopTimes {
  const rule = serviceStartFor(i.arrivalMs, i.windows);
  const serviceStartMs = Math.max(rule.startMs, i.arrivalMs + (i.waitingS ?? 0) * 1000);
  return {
    arrivalMs: i.arrivalMs,
    serviceStartMs,
    departureMs: serviceStartMs + (i.serviceS ?? 0) * 1000,
    lateS: rule.lateS,
  };
}

/**
 * The service start of a stop as ISO, from what the planner, route sheet and driver app hold:
 * the planned arrival, the order's windows on the route's day and (when known) the waiting.
 * Null without a planned arrival.
 */
export function serviceStartIso(s: {
  plannedArrivalAt: string | null;
  timeWindows: readonly TimeWindow[];
  waitingS?: number;
  localDate: LocalDate;
  timeZone: string;
}): string | null {
  if (!s.plannedArrivalAt) return null;
  const t = stopTimes({
    arrivalMs: Date.parse(s.plannedArrivalAt),
    windows: windowsOnDay(s.localDate, s.timeWindows, s.timeZone),
    waitingS: s.waitingS,
  });
  return new Date(t.serviceStartMs).toISOString();
}
