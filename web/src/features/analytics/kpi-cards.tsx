import type { AnalyticsRow } from '@tournee/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Drill } from './stops-drilldown.tsx';

const hours = (s: number) => (s / 3600).toFixed(1);

/** The range's headline figures; a count opens the stops behind it. */
export function KpiCards({ total, onDrill }: { total: AnalyticsRow; onDrill(d: Drill): void }) {
  const { t } = useI18n();
  const card = (label: string, value: string, drill?: Drill['outcome'], sub?: string) => (
    <div className="kpi" key={label}>
      <span className="kpi-label">{label}</span>
      {drill ? (
        <button type="button" className="kpi-value link" onClick={() => onDrill({ outcome: drill, title: label })}>
          {value}
        </button>
      ) : (
        <span className="kpi-value">{value}</span>
      )}
      {sub && <span className="kpi-sub">{sub}</span>}
    </div>
  );
  const reasons = Object.entries(total.failedByReason)
    .map(([r, n]) => `${r} ${n}`)
    .join(' · ');
  return (
    <section className="kpis" aria-label={t('analytics.kpis')}>
      {card(t('analytics.stops'), String(total.stops), 'all')}
      {card(t('analytics.delivered'), String(total.delivered), 'delivered')}
      {card(t('analytics.failed'), String(total.failed), 'failed', reasons || undefined)}
      {card(
        t('analytics.onTime'),
        total.onTimePct === null ? '—' : `${total.onTimePct.toFixed(1)} %`,
        'late',
        t('analytics.onTimeOf', { n: total.onTime, of: total.arrived }),
      )}
      {card(
        t('analytics.late'),
        total.lateAvgMin === null ? '—' : `${total.lateAvgMin} min`,
        'late',
        total.lateP90Min === null ? undefined : `p90 ${total.lateP90Min} min`,
      )}
      {card(
        t('analytics.km'),
        `${total.actualKm.toFixed(1)} km`,
        undefined,
        t('analytics.planned', { v: `${total.plannedKm.toFixed(1)} km` }),
      )}
      {card(
        t('analytics.driving'),
        `${hours(total.actualDrivingS)} h`,
        undefined,
        t('analytics.planned', { v: `${hours(total.plannedDrivingS)} h` }),
      )}
      {card(
        t('analytics.service'),
        `${hours(total.actualServiceS)} h`,
        undefined,
        t('analytics.planned', { v: `${hours(total.plannedServiceS)} h` }),
      )}
      {card(t('analytics.overtime'), `${hours(total.overtimeS)} h`)}
      {card(
        t('analytics.rating'),
        total.ratingAvg === null ? '—' : `${total.ratingAvg.toFixed(2)} / 5`,
        undefined,
        t('analytics.ratingCount', { n: total.ratingCount }),
      )}
      {card(
        t('analytics.messages'),
        String(total.messagesSent),
        undefined,
        t('analytics.messagesFailed', { n: total.messagesFailed }),
      )}
      {card(t('analytics.costPerDelivered'), total.costPerDelivered === null ? '—' : total.costPerDelivered.toFixed(2))}
    </section>
  );
}
