import type { AnalyticsOutcome, AnalyticsStop } from '@tournee/shared';
import { query } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { formatTime } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { DeliveryCells, DeliveryHeads } from './delivery-columns.tsx';
import { rangeText } from './range-text.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { failReasonLabel, stopStatusLabel } from '../../i18n/labels.ts';
import { AsyncState } from '../layout/async-state.tsx';

/** Which stops a clicked figure stands for. */
export interface Drill {
  outcome: AnalyticsOutcome;
  driverId?: string;
  /** The figure's name, worded when shown (so a language switch rewords an open list). */
  label: MessageKey;
  /** The driver's name when the figure is one driver's. */
  driverName?: string;
}

/** The stops behind a figure, from `GET /api/analytics/stops`. */
export function StopsDrilldown(props: { from: string; to: string; drill: Drill; onClose(): void }) {
  const { t, intl } = useI18n();
  const { from, to, drill } = props;
  const time = (iso: string | null) => (iso ? formatTime(intl, iso) : '—');
  const title = drill.driverName ? `${drill.driverName} — ${t(drill.label)}` : t(drill.label);
  const stops = useApi<{ items: AnalyticsStop[] }>(
    `/analytics/stops${query({ from, to, outcome: drill.outcome, driverId: drill.driverId })}`,
  );
  return (
    <section className="drilldown" aria-label={title}>
      <header>
        <h3>
          {title} ({stops.data?.items.length ?? '…'})
        </h3>
        <button type="button" onClick={props.onClose}>
          {t('analytics.close')}
        </button>
      </header>
      <AsyncState loading={stops.loading} error={stops.error} onRetry={stops.reload}>
        {stops.data?.items.length === 0 && (
          <p className="empty">{t('analytics.noStops', { title, range: rangeText(t, intl, from, to) })}</p>
        )}
        <table hidden={stops.data?.items.length === 0} className="analytics-table">
          <thead>
            <tr>
              <DeliveryHeads />
              <th>{t('analytics.status')}</th>
              <th>{t('analytics.reason')}</th>
              <th>{t('analytics.plannedAt')}</th>
              <th>{t('analytics.arrivedAt')}</th>
              <th>{t('analytics.lateBy')}</th>
            </tr>
          </thead>
          <tbody>
            {stops.data?.items.map((s) => (
              <tr key={s.stopId}>
                <DeliveryCells delivery={s} />
                <td>{stopStatusLabel(t, s.status)}</td>
                <td>{failReasonLabel(t, s.reason)}</td>
                <td>{time(s.plannedArrivalAt)}</td>
                <td>{time(s.actualArrivalAt)}</td>
                <td>{s.lateMin === null ? '' : `${s.lateMin} min`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </AsyncState>
    </section>
  );
}
