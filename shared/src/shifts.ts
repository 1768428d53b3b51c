/**
 * Shifts and weekly shift patterns as the HTTP API reads and answers them. Hours are local
 * times of the vehicle's depot zone; `startAt`/`endAt` are the instants they fall on.
 */
import { z } from 'zod';
import {
  type BreakWindow as BreakWindowType,
  parseWeekdays,
  type ShiftBreak,
  shiftHoursProblems,
} from './shift-hours.ts';
import { isLocalTime, LocalDateField } from './time.ts';

export const LocalTimeField = z
  .string()
  .trim()
  .refine(isLocalTime, { message: 'must be a local time HH:MM, such as 08:00' });
const id = z.uuid({ message: 'must be an id (uuid)' });

export const BreakWindow = z.object({
  start: LocalTimeField,
  end: LocalTimeField,
  durationMin: z.number().int('must be whole minutes').min(1, 'must be at least 1 minute').max(1440),
});
const breaks = z.array(BreakWindow).max(10, 'at most 10 breaks');

/** Weekdays as ISO numbers (1 = Monday) or names ('mon', 'lundi'), as a list or a text like 'Mon–Fri'. */
export const Weekdays = z
  .union([z.string(), z.array(z.union([z.number(), z.string()])).min(1, 'needs at least one day')])
  .transform((v, ctx) => {
    const days = parseWeekdays(Array.isArray(v) ? v.join(',') : v);
    if (!days) {
      ctx.issues.push({
        code: 'custom',
        input: v,
        message: 'must be weekdays such as ["mon","tue"], [1,2] or "Mon-Fri"',
      });
      return z.NEVER;
    }
    return days;
  });

/** A day's hours and who drives them, as every shift and pattern request gives them. */
const dayHours = {
  driverId: id.nullable().optional(),
  start: LocalTimeField,
  end: LocalTimeField,
  breaks: breaks.optional(),
};

/** Adds a zod issue for each problem of the hours (end = start, breaks outside the shift…). */
function checkHours(v: { start?: string; end?: string; breaks?: BreakWindowType[] }, ctx: z.RefinementCtx) {
  if (v.start === undefined || v.end === undefined) return;
  for (const p of shiftHoursProblems(v.start, v.end, v.breaks ?? [])) {
    ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
  }
}

/** `PUT /api/shifts/:vehicleId/:date`: that day's hours (and driver), kept over pattern re-expansion. */
export const ShiftDayRequest = z.object(dayHours).superRefine(checkHours);
export type ShiftDayRequest = z.infer<typeof ShiftDayRequest>;

/** `POST /api/shifts`: a one-off shift. */
export const CreateShiftRequest = z
  .object({ vehicleId: id, localDate: LocalDateField, ...dayHours })
  .superRefine(checkHours);
export type CreateShiftRequest = z.infer<typeof CreateShiftRequest>;

/** `PATCH /api/shifts/:id`: the merged hours are checked by the server. */
export const UpdateShiftRequest = z
  .object({ driverId: id.nullable(), start: LocalTimeField, end: LocalTimeField, breaks, cancelled: z.boolean() })
  .partial();
export type UpdateShiftRequest = z.infer<typeof UpdateShiftRequest>;

/** `POST /api/shift-patterns`. Without `validTo` the pattern runs on; shifts are expanded over the horizon. */
export const CreateShiftPatternRequest = z
  .object({
    vehicleId: id,
    weekdays: Weekdays,
    ...dayHours,
    validFrom: LocalDateField,
    validTo: LocalDateField.nullable().optional(),
  })
  .superRefine((v, ctx) => {
    checkHours(v, ctx);
    if (v.validTo && v.validTo < v.validFrom) {
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: `must not be before validFrom ${v.validFrom}` });
    }
  });
export type CreateShiftPatternRequest = z.infer<typeof CreateShiftPatternRequest>;

/** `POST /api/shift-patterns/expand`: make every pattern's shifts exist through a date (default: the horizon). */
export const ExpandShiftsRequest = z.object({ through: LocalDateField.optional(), patternId: id.optional() });

/** `GET /api/shifts` filters; `from`/`to` default to today and 7 days on. */
export const ShiftListQuery = z.object({
  from: LocalDateField.optional(),
  to: LocalDateField.optional(),
  vehicleId: id.optional(),
  driverId: id.optional(),
  cancelled: z.enum(['true', 'false']).optional(),
});

export interface Shift {
  id: string;
  vehicleId: string;
  driverId: string | null;
  /** The pattern it was expanded from, if any. */
  patternId: string | null;
  /** The depot zone the local times are in. */
  timeZone: string;
  localDate: string;
  start: string;
  end: string;
  startAt: string;
  endAt: string;
  breaks: ShiftBreak[];
  /** Changed by hand for this date: pattern re-expansion leaves it alone. */
  isOverride: boolean;
  /** Called off for this date (holiday, sick driver): kept so re-expansion does not recreate it. */
  cancelled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ShiftPattern {
  id: string;
  vehicleId: string;
  driverId: string | null;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  start: string;
  end: string;
  breaks: BreakWindowType[];
  validFrom: string;
  validTo: string | null;
  createdAt: string;
  updatedAt: string;
}
