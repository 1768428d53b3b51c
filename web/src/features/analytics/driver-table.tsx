import type { AnalyticsRow } from '@tournee/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Drill } from './stops-drilldown.tsx';

/** One row per driver, best on-time first; the failed and late counts open their stops. */
export function DriverTable({ rows, onDrill }: { rows: AnalyticsRow[]; onDrill(d: Drill): void }) {
  const { t } = useI18n();
  const sorted = [...rows].sort((a, b) => (b.onTimePct ?? -1) - (a.onTimePct ?? -1));
  const drill = (r: AnalyticsRow, outcome: Drill['outcome'], label: string, value: number) => (
    <button
      type="button"
      className="link"
      disabled={value === 0}
      onClick={() => onDrill({ outcome, driverId: r.key ?? undefined, title: `${r.label} — ${label}` })}
    >
      {value}
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
            <td>{drill(r, 'all', t('analytics.stops'), r.stops)}</td>
            <td>{r.delivered}</td>
            <td>{drill(r, 'failed', t('analytics.failed'), r.failed)}</td>
            <td>{r.onTimePct === null ? '—' : `${r.onTimePct.toFixed(1)} %`}</td>
            <td>{drill(r, 'late', t('analytics.lateStops'), r.arrived - r.onTime)}</td>
            <td>{r.lateAvgMin === null ? '—' : `${r.lateAvgMin} min`}</td>
            <td>
              {r.actualKm.toFixed(1)} / {r.plannedKm.toFixed(1)}
            </td>
            <td>{(r.overtimeS / 3600).toFixed(1)} h</td>
            <td>{r.ratingAvg === null ? '—' : `${r.ratingAvg.toFixed(2)} (${r.ratingCount})`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
