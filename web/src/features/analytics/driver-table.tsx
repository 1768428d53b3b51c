import type { AnalyticsRow } from '@tournee/shared';
import { formatFixed, formatPercent } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Drill } from './stops-drilldown.tsx';

/** One row per driver, best on-time first; the failed and late counts open their stops. */
export function DriverTable({
  rows,
  onDrill,
  empty,
}: {
  rows: AnalyticsRow[];
  onDrill(d: Drill): void;
  /** Said instead of an empty table. */
  empty: string;
}) {
  const { t, intl } = useI18n();
  const fixed = (n: number, digits = 1) => formatFixed(intl, n, digits);
  if (rows.length === 0) return <p className="empty">{empty}</p>;
  const sorted = [...rows].sort((a, b) => (b.onTimePct ?? -1) - (a.onTimePct ?? -1));
  const drill = (r: AnalyticsRow, outcome: Drill['outcome'], label: Drill['label'], value: number) => (
    <button
      type="button"
      className="link"
      disabled={value === 0}
      onClick={() => onDrill({ outcome, driverId: r.key ?? undefined, driverName: r.label, label })}
    >
      {fixed(value, 0)}
    </button>
  );
  return (
    <table className="analytics-table" aria-label={t('analytics.byDriver')}>
      <thead>
        <tr>
          <th>{t('fleet.driver')}</th>
          <th>{t('analytics.stops')}</th>
          <th>{t('analytics.delivered')}</th>
          <th>{t('analytics.failed')}</th>
          <th>{t('analytics.onTime')}</th>
          <th>{t('analytics.lateStops')}</th>
          <th>{t('analytics.late')}</th>
          <th>{t('analytics.km')}</th>
          <th>{t('analytics.overtime')}</th>
          <th>{t('analytics.rating')}</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((r) => (
          <tr key={r.key ?? 'none'}>
            <td>{r.label}</td>
            <td>{drill(r, 'all', 'analytics.stops', r.stops)}</td>
            <td>{fixed(r.delivered, 0)}</td>
            <td>{drill(r, 'failed', 'analytics.failed', r.failed)}</td>
            <td>{r.onTimePct === null ? '—' : formatPercent(intl, r.onTimePct / 100, 1)}</td>
            <td>{drill(r, 'late', 'analytics.lateStops', r.arrived - r.onTime)}</td>
            <td>{r.lateAvgMin === null ? '—' : `${fixed(r.lateAvgMin, 0)} min`}</td>
            <td>
              {fixed(r.actualKm)} / {fixed(r.plannedKm)}
            </td>
            <td>{fixed(r.overtimeS / 3600)} h</td>
            <td>{r.ratingAvg === null ? '—' : `${fixed(r.ratingAvg, 2)} (${fixed(r.ratingCount, 0)})`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
