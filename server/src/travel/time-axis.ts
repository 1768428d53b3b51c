/**
 * The plan's one time axis: seconds from local midnight of the horizon's first day in the depot
 * zone. Every local time is converted to an instant first (with the zone's offset of that very
 * day), then to seconds, so a DST change inside the horizon only stretches or shrinks one night:
 * 08:00 stays 08:00 on the wall clock on both sides of it.
 */
import { addDays, type LocalDate, localToUtc, minutesOfDay, type TimeWindow } from '@tournee/shared';

export interface TimeAxis {
  zone: string;
  /** The instant of 00:00 on the horizon's first day. */
  originMs: number;
}

export function timeAxis(from: LocalDate, zone: string): TimeAxis {
  return { zone, originMs: localToUtc(from, '00:00', zone).getTime() };
}

/** Seconds on the axis of an instant. */
export function toAxis(axis: TimeAxis, instant: Date | string | number): number {
  const ms = typeof instant === 'number' ? instant : new Date(instant).getTime();
  return Math.round((ms - axis.originMs) / 1000);
}

/** The instant of seconds on the axis. */
export function fromAxis(axis: TimeAxis, s: number): Date {
  return new Date(axis.originMs + Math.round(s * 1000));
}

/**
 * The windows of one local day as axis seconds: each 'HH:MM'–'HH:MM' window on `date` (an end
 * not after its start passes midnight); without windows, the whole calendar day.
 */
export function dayWindows(axis: TimeAxis, date: LocalDate, windows: readonly TimeWindow[]): [number, number][] {
  if (windows.length === 0) {
    const start = toAxis(axis, localToUtc(date, '00:00', axis.zone));
    const end = toAxis(axis, localToUtc(addDays(date, 1), '00:00', axis.zone)) - 1;
    return [[start, end]];
  }
  return windows.map((w) => {
    const endDate = minutesOfDay(w.end) <= minutesOfDay(w.start) ? addDays(date, 1) : date;
    return [toAxis(axis, localToUtc(date, w.start, axis.zone)), toAxis(axis, localToUtc(endDate, w.end, axis.zone))];
  });
}
