/**
 * Cron expressions read in a depot's zone (cron-parser): the last tick at or before an instant,
 * the next one after it. Five fields only (minute hour day-of-month month day-of-week): the
 * scheduler's loop is not precise to the second, and a seconds field would be misread.
 */
import { CronExpressionParser } from 'cron-parser';

/** What is wrong with the expression, or null when it is a valid five-field cron. */
export function cronProblem(expr: string): string | null {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) return `must have 5 fields (minute hour day month weekday), not ${fields.length}`;
  try {
    CronExpressionParser.parse(expr, { tz: 'UTC' });
    return null;
  } catch (err) {
    return `is not a valid cron expression (${err instanceof Error ? err.message : String(err)})`;
  }
}

/** The latest tick at or before `now`. */
export function latestTick(expr: string, zone: string, now: Date): Date {
  // prev() is strictly before its start: a tick falling exactly on `now` counts as due.
  const it = CronExpressionParser.parse(expr, { tz: zone, currentDate: new Date(now.getTime() + 1) });
  return it.prev().toDate();
}

/** The first tick after `now`. */
export function nextTick(expr: string, zone: string, now: Date): Date {
  return CronExpressionParser.parse(expr, { tz: zone, currentDate: now }).next().toDate();
}

/** The daily cron of a local time `HH:MM`. */
export function dailyAt(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number);
  return `${m} ${h} * * *`;
}
