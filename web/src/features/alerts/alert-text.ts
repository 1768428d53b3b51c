import type { Alert, AlertType } from '@tournee/shared';
import { formatDate, formatDistanceM, formatTime } from '../../i18n/format.ts';
import type { Translate } from '../../i18n/i18n.tsx';
import { channelLabel, failReasonLabel } from '../../i18n/labels.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { unplannedReasonText } from '../planner/unplanned-reason.ts';

export const TYPE_KEYS: Record<AlertType, MessageKey> = {
  late_risk: 'alerts.type.late_risk',
  stale_gps: 'alerts.type.stale_gps',
  off_route: 'alerts.type.off_route',
  failed_delivery: 'alerts.type.failed_delivery',
  route_not_started: 'alerts.type.route_not_started',
  message_failed: 'alerts.type.message_failed',
  pod_missing: 'alerts.type.pod_missing',
  plan_schedule: 'alerts.type.plan_schedule',
};

/**
 * One line saying what the detector saw, in the dispatcher's language; times, distances and
 * days written as `intl` (a BCP 47 tag) writes them.
 */
export function alertDetail(a: Alert, t: Translate, intl: string): string {
  const d = a.details;
  const hhmm = (iso: unknown) => (typeof iso === 'string' ? formatTime(intl, iso) : '—');
  const day = (v: unknown) => (typeof v === 'string' && v ? formatDate(intl, v) : '—');
  switch (a.type) {
    case 'off_route':
      return t('alerts.detail.off_route', { m: formatDistanceM(intl, Number(d.distanceM ?? 0)) });
    case 'late_risk':
      return t('alerts.detail.late_risk', { min: Number(d.lateMin ?? 0), end: hhmm(d.windowEndAt) });
    case 'stale_gps':
      return t('alerts.detail.stale_gps', { at: hhmm(d.lastFixAt) });
    case 'failed_delivery':
      return t('alerts.detail.failed_delivery', { reason: failReasonLabel(t, String(d.reason ?? '')) || '—' });
    case 'route_not_started':
      return t('alerts.detail.route_not_started', { at: hhmm(d.shiftStartAt) });
    case 'message_failed':
      return t('alerts.detail.message_failed', {
        channel: channelLabel(t, String(d.channel ?? '')),
        error: String(d.error ?? '—'),
      });
    case 'pod_missing':
      return t('alerts.detail.pod_missing', {
        kinds: Array.isArray(d.missing) ? d.missing.map((k) => t(`alerts.proof.${k}` as MessageKey)).join(', ') : '—',
      });
    case 'plan_schedule':
      return scheduleRunDetail(d, t, day);
    default:
      return '';
  }
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * A scheduled run: for a plan, how many orders went on routes and how many were left out, and
 * why (as many as each reason, in the planner's words); for a publication, the routes and
 * orders sent. Alerts written before the counts were kept say only what ran.
 */
function scheduleRunDetail(d: Alert['details'], t: Translate, day: (v: unknown) => string): string {
  const values = { name: String(d.scheduleName ?? ''), from: day(d.from), to: day(d.to) };
  if (d.error && d.status !== 'done')
    return t('alerts.detail.plan_scheduleFailed', { ...values, error: String(d.error) });
  if (d.kind === 'publish') {
    const routes = num(d.publishedRoutes);
    if (routes === null) return t('alerts.detail.plan_schedulePublished', values);
    return t('alerts.detail.plan_scheduleRoutes', {
      ...values,
      routes,
      orders: num(d.publishedOrders) ?? 0,
      locked: num(d.lockedRoutes) ?? 0,
    });
  }
  const assigned = num(d.assigned);
  if (assigned === null) return t('alerts.detail.plan_schedulePlanned', values);
  const parts = [t('alerts.detail.plan_scheduleAssigned', { ...values, assigned, unassigned: num(d.unassigned) ?? 0 })];
  const reasons = Object.entries((d.reasons ?? {}) as Record<string, number>).sort((a, b) => b[1] - a[1]);
  if (reasons.length)
    parts.push(
      reasons
        .map(([reason, count]) =>
          t('alerts.detail.plan_scheduleReason', { count, reason: unplannedReasonText(reason, t) }),
        )
        .join('; '),
    );
  if (Array.isArray(d.skippedDays) && d.skippedDays.length)
    parts.push(t('alerts.detail.plan_scheduleSkipped', { days: d.skippedDays.map(day).join(', ') }));
  if (d.error) parts.push(String(d.error));
  return parts.join(' — ');
}
