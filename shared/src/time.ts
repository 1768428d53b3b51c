/**
 * Calendar dates, wall-clock times and IANA time zones, with `Intl` only (no I/O; zod for the schema),
 * so the server, the web app and the planning code convert the same way.
 *
 * A `LocalDate` is 'YYYY-MM-DD' and a `LocalTime` is 'HH:MM', both in some depot's zone; an
 * instant is a `Date`. Local → instant follows the "compatible" rule of Temporal and luxon:
 * a wall time skipped by a spring-forward gap moves forward by the gap (02:30 → 03:30), and a
 * wall time repeated by a fall-back overlap is its first occurrence.
 */

import { z } from 'zod';

/** A calendar date 'YYYY-MM-DD'. */
export type LocalDate = string;
/** A wall-clock time 'HH:MM' (00:00–23:59). */
export type LocalTime = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_MS = 86_400_000;

/** True for a real calendar date written 'YYYY-MM-DD' (2027-02-30 is not one). */
export function isLocalDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === s;
}

/**
 * A real calendar date 'YYYY-MM-DD' as a zod field (2026-13-45 and 2027-02-30 are refused): every
 * date parameter and body field uses it, so an impossible date is a 400 naming the field rather
 * than a database error.
 */
export const LocalDateField = z.string().trim().refine(isLocalDate, { message: 'must be a real date YYYY-MM-DD' });

/** True for 'HH:MM' from 00:00 to 23:59. */
export function isLocalTime(s: string): boolean {
  return TIME_RE.test(s);
}

/** Minutes since midnight of a 'HH:MM' time. */
export function minutesOfDay(t: LocalTime): number {
  const m = TIME_RE.exec(t);
  if (!m) throw new RangeError(`Not a local time HH:MM: ${t}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** 'HH:MM' of minutes since midnight (taken modulo one day). */
export function formatMinutes(minutes: number): LocalTime {
  const m = ((Math.floor(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function dateMs(d: LocalDate): number {
  const m = DATE_RE.exec(d);
  if (!m || !isLocalDate(d)) throw new RangeError(`Not a date YYYY-MM-DD: ${d}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** The date `days` after (or before, when negative) `d`. */
export function addDays(d: LocalDate, days: number): LocalDate {
  return new Date(dateMs(d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((dateMs(b) - dateMs(a)) / DAY_MS);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(d: LocalDate): number {
  const js = new Date(dateMs(d)).getUTCDay();
  return js === 0 ? 7 : js;
}

/**
 * Every date from `from` to `to` inclusive, optionally only those whose ISO weekday is in
 * `weekdays` (1 = Monday … 7 = Sunday). Empty when `to` is before `from`.
 */
export function datesInRange(from: LocalDate, to: LocalDate, weekdays?: readonly number[]): LocalDate[] {
  const out: LocalDate[] = [];
  const n = daysBetween(from, to);
  for (let i = 0; i <= n; i++) {
    const d = addDays(from, i);
    if (!weekdays || weekdays.includes(isoWeekday(d))) out.push(d);
  }
  return out;
}

// Building a DateTimeFormat costs far more than using one; expansions convert thousands of times.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True for an IANA zone name this runtime knows ('Europe/Paris', 'UTC'); fixed offsets are refused. */
export function isValidTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock of `zone` at an instant, as milliseconds of a UTC date with the same fields. */
function wallMs(instantMs: number, zone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(instantMs)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  // Some engines print midnight as 24 even with h23.
  const hour = p.hour === 24 ? 0 : (p.hour ?? 0);
  return Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, hour, p.minute ?? 0, p.second ?? 0);
}

/** The zone's offset from UTC at an instant, in minutes (Europe/Paris in July: 120). */
export function zoneOffsetMinutes(instant: Date | number, zone: string): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const whole = Math.floor(ms / 1000) * 1000; // the formatter drops milliseconds
  return Math.round((wallMs(whole, zone) - whole) / 60_000);
}

/**
 * The instant at which the wall clock of `zone` shows `time` on `date`.
 * Gap (spring forward): moved forward by the gap. Overlap (fall back): the first occurrence.
 */
export function localToUtc(date: LocalDate, time: LocalTime, zone: string): Date {
  const key = `${zone} ${date} ${time}`;
  let ms = converted.get(key);
  if (ms === undefined) {
    if (converted.size >= CONVERTED_MAX) converted.clear();
    ms = wallToInstant(dateMs(date) + minutesOfDay(time) * 60_000, zone);
    converted.set(key, ms);
  }
  return new Date(ms);
}

/**
 * Conversions already made. A day's stops share a few windows ("08:00"–"12:00"), and each
 * conversion reads the zone's clock four times through Intl, the costly part: the planner's first
 * render of 2,000 stops spent 0.3 s of its 0.73 s of React work here. Bounded: cleared when full.
 */
const converted = new Map<string, number>();
const CONVERTED_MAX = 10_000;

function wallToInstant(wall: number, zone: string): number {
  // Offsets a day either side bracket any transition near this wall time.
  const before = zoneOffsetMinutes(wall - DAY_MS, zone);
  const after = zoneOffsetMinutes(wall + DAY_MS, zone);
  const candidates = [before, after]
    .map((o) => wall - o * 60_000)
    .filter((t) => wallMs(t, zone) === wall)
    .sort((a, b) => a - b);
  // No candidate: the wall time falls in a gap; reading it with the earlier offset lands after it.
  return candidates[0] ?? wall - before * 60_000;
}

/** The local date and time ('HH:MM', seconds dropped) of an instant in `zone`. */
export function utcToLocal(instant: Date | number, zone: string): { localDate: LocalDate; localTime: LocalTime } {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const iso = new Date(wallMs(ms, zone)).toISOString();
  return { localDate: iso.slice(0, 10), localTime: iso.slice(11, 16) };
}

/** Today's date in `zone`. */
export function todayIn(zone: string, now: Date = new Date()): LocalDate {
  return utcToLocal(now, zone).localDate;
}

/**
 * The instant `minutes` after local midnight of `date`, counted on the wall clock: 1500 is 01:00
 * on the next day. Lets a shift that passes midnight keep its times as one axis.
 */
export function localMinutesToUtc(date: LocalDate, minutes: number, zone: string): Date {
  const day = Math.floor(minutes / 1440);
  return localToUtc(addDays(date, day), formatMinutes(minutes - day * 1440), zone);
}
