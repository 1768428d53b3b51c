import type { AnalyticsRow } from '@tournee/shared';
import { formatFixed, formatPercent } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { failReasonLabel } from '../../i18n/labels.ts';
import type { Drill } from './stops-drilldown.tsx';

/** The range's headline figures; a count opens the stops behind it. */
export function KpiCards({ total, onDrill }: { total: AnalyticsRow; onDrill(d: Drill): void }) {
  const { t, intl } = useI18n();
  const num = (n: number) => formatFixed(intl, n, 0);
  const hours = (s: number) => `${formatFixed(intl, s / 3600, 1)} h`;
  const km = (v: number) => `${formatFixed(intl, v, 1)} km`;
  const min = (v: number) => `${num(v)} min`;
  const card = (label: Drill['label'], value: string, drill?: Drill['outcome'], sub?: string) => (
    <div className="kpi" key={label}>
      <span className="kpi-label">{t(label)}</span>
      {drill ? (
        <button type="button" className="kpi-value link" onClick={() => onDrill({ outcome: drill, label })}>
          {value}
        </button>
      ) : (
        <span className="kpi-value">{value}</span>
      )}
      {sub && <span className="kpi-sub">{sub}</span>}
    </div>
  );
  const reasons = Object.entries(total.failedByReason)
    .map(([r, n]) => `${failReasonLabel(t, r)} ${num(n)}`)
    .join(' · ');
  return (
    <section className="kpis" aria-label={t('analytics.kpis')}>
      {card('analytics.stops', num(total.stops), 'all')}
      {card('analytics.delivered', num(total.delivered), 'delivered')}
      {card('analytics.failed', num(total.failed), 'failed', reasons || undefined)}
      {card(
        'analytics.onTime',
        total.onTimePct === null ? '—' : formatPercent(intl, total.onTimePct / 100, 1),
        'late',
        t('analytics.onTimeOf', { n: total.onTime, of: total.arrived }),
      )}
      {card(
        'analytics.late',
        total.lateAvgMin === null ? '—' : min(total.lateAvgMin),
        'late',
        total.lateP90Min === null ? undefined : `p90 ${min(total.lateP90Min)}`,
      )}
      {card('analytics.km', km(total.actualKm), undefined, t('analytics.planned', { v: km(total.plannedKm) }))}
      {card(
        'analytics.driving',
        hours(total.actualDrivingS),
        undefined,
        t('analytics.planned', { v: hours(total.plannedDrivingS) }),
      )}
      {card(
        'analytics.service',
        hours(total.actualServiceS),
        undefined,
        t('analytics.planned', { v: hours(total.plannedServiceS) }),
      )}
      {card('analytics.overtime', hours(total.overtimeS))}
      {card(
        'analytics.rating',
        total.ratingAvg === null ? '—' : `${formatFixed(intl, total.ratingAvg, 2)} / 5`,
        undefined,
        t('analytics.ratingCount', { n: total.ratingCount }),
      )}
      {card(
        'analytics.messages',
        num(total.messagesSent),
        undefined,
        t('analytics.messagesFailed', { n: total.messagesFailed }),
      )}
      {card(
        'analytics.costPerDelivered',
        total.costPerDelivered === null ? '—' : formatFixed(intl, total.costPerDelivered, 2),
      )}
    </section>
  );
}
