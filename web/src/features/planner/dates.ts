import { dateTimeFormat } from '../../i18n/format.ts';
import { addDays } from '../fleet/week.ts';

/** The next `count` days from `from` (inclusive), as 'YYYY-MM-DD'. */
export const daysFrom = (from: string, count: number) => Array.from({ length: count }, (_, i) => addDays(from, i));

// A day of 2,000 stops reads a clock thousands of times: its formatter is looked up by zone
// alone, not by locale and options as dateTimeFormat's are.
const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** Local clock time of an instant in a zone, HH:MM. */
export function clock(iso: string | null, timeZone: string): string {
  if (!iso) return '—';
  let f = clockFormats.get(timeZone);
  if (!f) {
    f = dateTimeFormat('fr-FR', { timeZone, hour: '2-digit', minute: '2-digit' });
    clockFormats.set(timeZone, f);
  }
  return f.format(Date.parse(iso));
}

export const isWeekend = (date: string) => {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return d === 0 || d === 6;
};

/** The ISO 8601 week number of a 'YYYY-MM-DD' day (weeks start on Monday; week 1 holds the 4th of January). */
export function isoWeek(date: string): number {
  const d = new Date(`${date}T12:00:00Z`);
  // The Thursday of the same week decides the year the week belongs to.
  d.setUTCDate(d.getUTCDate() + 3 - ((d.getUTCDay() + 6) % 7));
  const jan1 = Date.UTC(d.getUTCFullYear(), 0, 1, 12);
  return Math.floor((d.getTime() - jan1) / 86_400_000 / 7) + 1;
}

/** Days cut into weeks of seven, Monday first; the list is expected to start on a Monday. */
export function weeksOf<T extends { date: string }>(days: T[]): { week: number; days: T[] }[] {
  const out: { week: number; days: T[] }[] = [];
  for (let i = 0; i < days.length; i += 7) out.push({ week: isoWeek(days[i]!.date), days: days.slice(i, i + 7) });
  return out;
}
