import { addDays } from '../fleet/week.ts';

/** The next `count` days from `from` (inclusive), as 'YYYY-MM-DD'. */
export const daysFrom = (from: string, count: number) => Array.from({ length: count }, (_, i) => addDays(from, i));

/** Local clock time of an instant in a zone, HH:MM. */
export function clock(iso: string | null, timeZone: string): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleTimeString('fr-FR', { timeZone, hour: '2-digit', minute: '2-digit' });
}

export const isWeekend = (date: string) => {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return d === 0 || d === 6;
};
