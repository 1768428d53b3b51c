import { addDays, type LocalDate } from '@tournee/shared';

/** How far ahead patterns are expanded into dated shifts: the planning horizon (plans span ≤ 35 days). */
export const SHIFT_HORIZON_DAYS = 35;

/**
 * The dates a pattern's shifts should exist for: from its start (never before today, past
 * shifts are not made up) through `through`, or the horizon from today (or from its start, when
 * that is later), and never past its end. Null when nothing is left to expand.
 */
export function expansionRange(
  pattern: { validFrom: LocalDate; validTo: LocalDate | null },
  today: LocalDate,
  through?: LocalDate,
  horizonDays = SHIFT_HORIZON_DAYS,
): { from: LocalDate; to: LocalDate } | null {
  const from = pattern.validFrom > today ? pattern.validFrom : today;
  let to = through ?? addDays(from, horizonDays);
  if (pattern.validTo && pattern.validTo < to) to = pattern.validTo;
  return from <= to ? { from, to } : null;
}
