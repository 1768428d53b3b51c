/**
 * The rules of a shift's hours, pure: which start/end/break combinations make sense, and the
 * instants they fall on in a depot's zone.
 *
 * A shift whose end is earlier than its start passes midnight (22:00–06:00 ends the next day).
 * Break windows are read on the same axis: in a 22:00–06:00 shift, a 01:00–02:00 break is the
 * next day's. Every time is kept in minutes from the shift date's local midnight, so DST
 * changes only affect the instants, never the local hours.
 */
import { type LocalDate, type LocalTime, localMinutesToUtc, minutesOfDay } from './time.ts';

/** A break: somewhere inside [start, end] local time, lasting `durationMin` minutes. */
export interface BreakWindow {
  start: LocalTime;
  end: LocalTime;
  durationMin: number;
}

/** A break as answered by the API: its window in local time and as instants. */
export interface ShiftBreak extends BreakWindow {
  startAt: string;
  endAt: string;
}

/** A problem with shift hours, with the path of the field to fix. */
export interface HoursProblem {
  path: (string | number)[];
  message: string;
}

/** Start and end in minutes from the local midnight of the shift's date. */
function shiftAxis(start: LocalTime, end: LocalTime): { s: number; e: number } {
  const s = minutesOfDay(start);
  let e = minutesOfDay(end);
  if (e <= s) e += 1440;
  return { s, e };
}

/** A local time placed on the shift's axis: times before the start belong to the next day. */
function onAxis(t: LocalTime, shiftStart: number): number {
  const m = minutesOfDay(t);
  return m < shiftStart ? m + 1440 : m;
}

/**
 * Everything wrong with these hours, each naming its field: end equal to start, a break
 * window outside the shift or ending before it starts, a break longer than its window.
 */
export function shiftHoursProblems(start: LocalTime, end: LocalTime, breaks: readonly BreakWindow[]): HoursProblem[] {
  if (start === end) {
    return [
      {
        path: ['end'],
        message: 'must differ from start (a shift passing midnight ends earlier than it starts, e.g. 22:00–06:00)',
      },
    ];
  }
  const { s, e } = shiftAxis(start, end);
  const problems: HoursProblem[] = [];
  breaks.forEach((b, i) => {
    const bs = onAxis(b.start, s);
    const be = onAxis(b.end, s);
    const shift = `the shift ${start}–${end}`;
    if (bs > e) problems.push({ path: ['breaks', i, 'start'], message: `${b.start} is outside ${shift}` });
    else if (be > e) problems.push({ path: ['breaks', i, 'end'], message: `${b.end} is outside ${shift}` });
    else if (be <= bs)
      problems.push({ path: ['breaks', i, 'end'], message: `must be after the break's start ${b.start}` });
    else if (b.durationMin > be - bs) {
      problems.push({
        path: ['breaks', i, 'durationMin'],
        message: `${b.durationMin} min does not fit in the window ${b.start}–${b.end} (${be - bs} min)`,
      });
    }
  });
  return problems;
}

/**
 * The instants of a shift on `localDate` in `zone`: 08:00–17:00 in Europe/Paris is 07:00–16:00
 * UTC in winter and 06:00–15:00 UTC in summer time. Assumes the hours passed
 * `shiftHoursProblems`.
 */
export function layOutShift(
  localDate: LocalDate,
  start: LocalTime,
  end: LocalTime,
  breaks: readonly BreakWindow[],
  zone: string,
): { startAt: Date; endAt: Date; breaks: ShiftBreak[] } {
  const { s, e } = shiftAxis(start, end);
  const at = (m: number) => localMinutesToUtc(localDate, m, zone);
  return {
    startAt: at(s),
    endAt: at(e),
    breaks: breaks.map((b) => {
      const bs = onAxis(b.start, s);
      const be = onAxis(b.end, s);
      return {
        start: b.start,
        end: b.end,
        durationMin: b.durationMin,
        startAt: at(bs).toISOString(),
        endAt: at(be).toISOString(),
      };
    }),
  };
}

const WEEKDAY_NAMES: Record<string, number> = {
  mon: 1,
  monday: 1,
  lun: 1,
  lundi: 1,
  tue: 2,
  tuesday: 2,
  mar: 2,
  mardi: 2,
  wed: 3,
  wednesday: 3,
  mer: 3,
  mercredi: 3,
  thu: 4,
  thursday: 4,
  jeu: 4,
  jeudi: 4,
  fri: 5,
  friday: 5,
  ven: 5,
  vendredi: 5,
  sat: 6,
  saturday: 6,
  sam: 6,
  samedi: 6,
  sun: 7,
  sunday: 7,
  dim: 7,
  dimanche: 7,
};

/** ISO weekday (1 = Monday … 7 = Sunday) of 'Mon', 'monday', 'lun', 'lundi', '1'…; null if none. */
export function weekdayNumber(token: string): number | null {
  const t = token.trim().toLowerCase().replace(/\.$/, '');
  if (/^[1-7]$/.test(t)) return Number(t);
  return WEEKDAY_NAMES[t] ?? null;
}

/**
 * The ISO weekdays of a list such as 'Mon–Fri', 'Mon-Wed, Fri' or 'sat sun', sorted and
 * unique; a range may wrap ('Fri-Mon'). Null when a token is not a weekday.
 */
export function parseWeekdays(text: string): number[] | null {
  const days = new Set<number>();
  const tokens = text.split(/[,;\s]+/).filter(Boolean);
  if (tokens.length === 0) return null;
  for (const token of tokens) {
    const [a, b, ...rest] = token.split(/[-–—]/);
    if (rest.length > 0 || a === undefined) return null;
    const from = weekdayNumber(a);
    const to = b === undefined ? from : weekdayNumber(b);
    if (from === null || to === null) return null;
    for (let d = from, n = 0; n < 7; d = (d % 7) + 1, n++) {
      days.add(d);
      if (d === to) break;
    }
  }
  return [...days].sort((x, y) => x - y);
}
