import type { AnalyticsSummary } from '@tournee/shared';
import { useMemo, useState } from 'react';
import { query } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { AsyncState } from '../layout/async-state.tsx';
import { DriverTable } from './driver-table.tsx';
import { KpiCards } from './kpi-cards.tsx';
import { rangeText } from './range-text.ts';
import { RatingsPanel } from './ratings-panel.tsx';
import { type Drill, StopsDrilldown } from './stops-drilldown.tsx';
import { TrendChart } from './trend-chart.tsx';
import './analytics.css';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The range in the address bar (`?from&to`) so a reload or a shared link shows the same figures. */
function initialRange(): { from: string; to: string } {
  const p = new URLSearchParams(location.search);
  const to = p.get('to') ?? isoDay(new Date());
  const from = p.get('from') ?? isoDay(new Date(Date.parse(to) - 29 * 86_400_000));
  return { from, to };
}

/** Analytics: KPI cards, the daily trend, drivers side by side, and the stops behind each figure. */
export function AnalyticsPage() {
  const { t, intl } = useI18n();
  const [range, setRange] = useState(initialRange);
  const [drill, setDrill] = useState<Drill | null>(null);
  const byDay = useApi<AnalyticsSummary>(`/analytics/summary${query({ ...range, groupBy: 'day' })}`);
  const byDriver = useApi<AnalyticsSummary>(`/analytics/summary${query({ ...range, groupBy: 'driver' })}`);
  const labels = useMemo(
    () => ({
      day: t('analytics.day'),
      onTimePct: t('analytics.onTime'),
      delivered: t('analytics.delivered'),
      actualKm: t('analytics.km'),
      locale: intl,
    }),
    [t, intl],
  );
  const days = { range: rangeText(t, intl, range.from, range.to) };
  const change = (k: 'from' | 'to', v: string) => {
    if (!v) return;
    const next = { ...range, [k]: v };
    history.replaceState(null, '', `/analytics${query(next)}`);
    setRange(next);
    setDrill(null);
  };
  return (
    <div className="analytics">
      <div className="toolbar">
        <h2>{t('analytics.title')}</h2>
        <label>
          {t('analytics.from')}{' '}
          <input type="date" value={range.from} onChange={(e) => change('from', e.target.value)} />
        </label>
        <label>
          {t('analytics.to')} <input type="date" value={range.to} onChange={(e) => change('to', e.target.value)} />
        </label>
        <a href={`/api/analytics/summary${query({ ...range, groupBy: 'driver', format: 'csv' })}`}>CSV</a>
        <a href={`/api/analytics/summary${query({ ...range, groupBy: 'driver', format: 'xlsx' })}`}>XLSX</a>
      </div>
      <AsyncState
        loading={byDay.loading || byDriver.loading}
        error={byDay.error ?? byDriver.error}
        onRetry={byDay.reload}
      >
        {byDay.data && byDriver.data && (
          <>
            <KpiCards total={byDriver.data.total} onDrill={setDrill} />
            {drill && <StopsDrilldown {...range} drill={drill} onClose={() => setDrill(null)} />}
            <h3>{t('analytics.trend')}</h3>
            {byDay.data.groups.length > 1 && <TrendChart days={byDay.data.groups} labels={labels} />}
            {byDay.data.groups.length === 1 && <p className="empty">{t('analytics.oneDay')}</p>}
            {byDay.data.groups.length === 0 && <p className="empty">{t('analytics.noDataRange', days)}</p>}
            <h3>{t('analytics.byDriver')}</h3>
            <DriverTable rows={byDriver.data.groups} onDrill={setDrill} empty={t('analytics.noDrivers', days)} />
            <RatingsPanel {...range} />
          </>
        )}
      </AsyncState>
    </div>
  );
}
