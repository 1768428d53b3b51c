/**
 * Drivers' working-time rules of an organisation (`Organisation.workingTime`, set with
 * `PATCH /api/organisation {workingTime}`). The planner enforces them over the whole horizon on
 * the shifts of each driver; null = the rule is off.
 */
import { z } from 'zod';

export const WorkingTimeSettings = z
  .object({
    /** Hours a driver may work (shift routes, from leaving the depot to coming back) in one ISO week. e.g. 48 */
    maxWeeklyHours: z.number().positive('must be more than 0').max(168, 'at most 168 (a week)').nullable(),
    /** Hours of rest a driver has at least between the end of a shift and the start of the next. e.g. 11 */
    minDailyRestHours: z.number().min(0, 'must be 0 or more').max(24, 'at most 24').nullable(),
    /** Hours of driving at most before a break, between breaks and after the last (EU 561/2006: 4.5). */
    maxDrivingHours: z.number().positive('must be more than 0').max(24, 'at most 24').nullable(),
    /** Minutes of the break the driving limit asks for (EU: 45). @default 45 */
    drivingBreakMin: z.number().int('must be whole minutes').min(1, 'must be at least 1').max(240, 'at most 240'),
  })
  .strict();
export type WorkingTimeSettings = z.infer<typeof WorkingTimeSettings>;

/** Rules of an organisation that never set them: all off, the EU break length ready. */
export const DEFAULT_WORKING_TIME: WorkingTimeSettings = {
  maxWeeklyHours: null,
  minDailyRestHours: null,
  maxDrivingHours: null,
  drivingBreakMin: 45,
};

/** The usual EU figures (Regulation 561/2006 and the working-time directive), offered by the settings screen. */
export const EU_WORKING_TIME: WorkingTimeSettings = {
  maxWeeklyHours: 48,
  minDailyRestHours: 11,
  maxDrivingHours: 4.5,
  drivingBreakMin: 45,
};

/** The ISO 8601 week of a local date (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekOf(date: string): { year: number; week: number; label: string } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  const weekday = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - weekday); // the Thursday of the same week
  const year = t.getUTCFullYear();
  const week = Math.ceil(((t.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return { year, week, label: `${year}-W${String(week).padStart(2, '0')}` };
}

/** The Monday of the ISO week of a local date. */
export function isoWeekMonday(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  t.setUTCDate(t.getUTCDate() - ((t.getUTCDay() || 7) - 1));
  return t.toISOString().slice(0, 10);
}
