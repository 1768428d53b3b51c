/** Schedules as the panel writes and reads them: the cron of a time and weekdays, runs in words. */
import type { ScheduleRun } from '@tournee/shared';
import type { Translate } from '../../i18n/i18n.tsx';
import { formatDate } from '../../i18n/format.ts';
import { ALL_DAYS, weekdaysText } from '../fleet/weekdays.ts';
import { unplannedReasonText } from '../planner/unplanned-reason.ts';

/** `M H * * days` from a time and ISO weekdays (7 = Sunday, cron's 0); runs as ranges (`1-5`); every day is `*`. */
export function cronOf(at: string, days: number[]): string {
  const [h, m] = at.split(':').map(Number);
  if (days.length === 7) return `${m} ${h} * * *`;
  const nums = [...new Set(days.map((d) => d % 7))].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const d of nums) {
    const last = runs.at(-1);
    if (last && last.at(-1) === d - 1) last.push(d);
    else runs.push([d]);
  }
  const dow = runs.map((r) => (r.length >= 3 ? `${r[0]}-${r.at(-1)}` : r.join(','))).join(',');
  return `${m} ${h} * * ${dow}`;
}

/** A daily cron read back as "18:00, Mon–Fri"; any other cron as written. */
export function cronText(cron: string, t: Translate, intl: string): string {
  const p = dailyParts(cron);
  if (!p) return cron;
  return `${p.at}, ${p.days.length === 7 ? t('schedules.everyDay') : weekdaysText(p.days, intl)}`;
}

export function runText(r: ScheduleRun, t: Translate, intl: string): string {
  const from = r.from ? formatDate(intl, r.from) : '—';
  if (r.status === 'failed') return t('schedules.run.failed', { error: r.error ?? '—' });
  if (r.status !== 'done') return t('schedules.run.planning', { from });
  const s = r.summary ?? {};
  return r.kind === 'publish'
    ? t('schedules.run.publish', { from, routes: s.publishedRoutes ?? 0, locked: s.lockedRoutes ?? 0 })
    : t('schedules.run.plan', { from, assigned: s.assigned ?? 0, unassigned: s.unassigned ?? 0 });
}

/** Why orders were left out ("time windows: 2"), and the days left alone because a route had started. */
export function runDetails(r: ScheduleRun, t: Translate, intl: string): string[] {
  const s = r.summary ?? {};
  const lines = Object.entries(s.reasons ?? {}).map(([reason, n]) => `${unplannedReasonText(reason, t)} (${n})`);
  if (s.skippedDays?.length) {
    lines.push(t('schedules.run.skipped', { days: s.skippedDays.map((d) => formatDate(intl, d)).join(', ') }));
  }
  return lines;
}

/** The time and weekdays of a daily cron, or null when the cron is another shape. */
export function dailyParts(cron: string): { at: string; days: number[] } | null {
  const m = /^(\d{1,2}) (\d{1,2}) \* \* ([\d,*-]+)$/.exec(cron.trim());
  if (!m) return null;
  const days = new Set<number>();
  if (m[3] === '*') for (const d of ALL_DAYS) days.add(d);
  else
    for (const part of m[3]!.split(',')) {
      const [a, b] = part.split('-').map(Number);
      for (let d = a!; d <= (b ?? a!); d++) days.add(d === 0 ? 7 : d);
    }
  return { at: `${m[2]!.padStart(2, '0')}:${m[1]!.padStart(2, '0')}`, days: [...days] };
}
