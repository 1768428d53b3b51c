import { addDays } from '../fleet/week.ts';

/** The next `count` days from `from` (inclusive), as 'YYYY-MM-DD'. */
export const daysFrom = (from: string, count: number) => Array.from({ length: count }, (_, i) => addDays(from, i));

// Creating a DateTimeFormat costs far more than formatting: a day of 2,000 stops formats
// thousands of times, so keep one per zone.
const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** Local clock time of an instant in a zone, HH:MM. */
export function clock(iso: string | null, timeZone: string): string {
  if (!iso) return '—';
  let f = clockFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('fr-FR', { timeZone, hour: '2-digit', minute: '2-digit' });
    clockFormats.set(timeZone, f);
  }
  return f.format(Date.parse(iso));
}

export const isWeekend = (date: string) => {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return d === 0 || d === 6;
};
