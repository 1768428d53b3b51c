import type { Alert, AlertType } from '@tournee/shared';
import type { MessageKey } from '../../i18n/messages.ts';

type T = (key: MessageKey, values?: Record<string, string | number>) => string;

export const TYPE_KEYS: Record<AlertType, MessageKey> = {
  late_risk: 'alerts.type.late_risk',
  stale_gps: 'alerts.type.stale_gps',
  off_route: 'alerts.type.off_route',
  failed_delivery: 'alerts.type.failed_delivery',
  route_not_started: 'alerts.type.route_not_started',
  message_failed: 'alerts.type.message_failed',
  pod_missing: 'alerts.type.pod_missing',
};

const hhmm = (iso: unknown) =>
  typeof iso === 'string' ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '—';

/** One line saying what the detector saw, in the dispatcher's language. */
export function alertDetail(a: Alert, t: T): string {
  const d = a.details;
  switch (a.type) {
    case 'off_route':
      return t('alerts.detail.off_route', { m: Number(d.distanceM ?? 0) });
    case 'late_risk':
      return t('alerts.detail.late_risk', { min: Number(d.lateMin ?? 0), end: hhmm(d.windowEndAt) });
    case 'stale_gps':
      return t('alerts.detail.stale_gps', { at: hhmm(d.lastFixAt) });
    case 'failed_delivery':
      return t('alerts.detail.failed_delivery', { reason: String(d.reason ?? '—') });
    case 'route_not_started':
      return t('alerts.detail.route_not_started', { at: hhmm(d.shiftStartAt) });
    case 'message_failed':
      return t('alerts.detail.message_failed', { channel: String(d.channel ?? ''), error: String(d.error ?? '—') });
    case 'pod_missing':
      return t('alerts.detail.pod_missing', {
        kinds: Array.isArray(d.missing) ? d.missing.map((k) => t(`alerts.proof.${k}` as MessageKey)).join(', ') : '—',
      });
  }
}
