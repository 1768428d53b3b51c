/** Weekly rounds as the panel writes and reads them: the RRULE of weekdays, and back in words. */
import type { Translate } from '../../i18n/i18n.tsx';
import { weekdayName } from '../fleet/weekdays.ts';

export const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** `FREQ=WEEKLY;BYDAY=TU,FR` (with INTERVAL when not every week) from ISO weekdays. */
export function weeklyRule(days: number[], everyWeeks: number): string {
  const by = [...days].sort((a, b) => a - b).map((d) => BYDAY[d - 1]);
  return `FREQ=WEEKLY;${everyWeeks > 1 ? `INTERVAL=${everyWeeks};` : ''}BYDAY=${by.join(',')}`;
}

/** A weekly rule in words ("Every Tuesday and Friday"); any other rule as written. */
export function ruleText(rule: string, t: Translate, intl: string): string {
  const m = /^FREQ=WEEKLY;(?:INTERVAL=(\d+);)?BYDAY=([A-Z,]+)$/.exec(rule);
  if (!m) return rule;
  const days = m[2]!.split(',').map((c) => BYDAY.indexOf(c) + 1);
  if (days.some((d) => d === 0)) return rule;
  const names = new Intl.ListFormat(intl, { type: 'conjunction' }).format(
    days.map((d) => weekdayName(d, intl, 'long')),
  );
  const n = Number(m[1] ?? 1);
  return n > 1 ? t('recurring.everyN', { n, days: names }) : t('recurring.every', { days: names });
}

/** The weekdays and interval of a weekly rule, or null for a rule of another shape. */
export function weeklyParts(rule: string): { days: number[]; everyWeeks: number } | null {
  const m = /^FREQ=WEEKLY;(?:INTERVAL=(\d+);)?BYDAY=([A-Z,]+)$/.exec(rule);
  if (!m) return null;
  const days = m[2]!.split(',').map((c) => BYDAY.indexOf(c) + 1);
  return days.some((d) => d === 0) ? null : { days, everyWeeks: Number(m[1] ?? 1) };
}
