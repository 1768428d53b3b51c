import type { PlanSummary } from '@tournee/shared';
import { formatDistance, formatDuration, formatNumber } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** What a finished plan made, at a glance: routes, kilometres, working hours, orders left out. */
export function PlanReady({ summary }: { summary: PlanSummary }) {
  const { t, intl } = useI18n();
  const n = (v: number) => formatNumber(intl, v, 0);
  const figures: [string, string, boolean?][] = [
    [t('planner.ready.routes'), n(summary.routes)],
    [t('planner.ready.distance'), formatDistance(intl, summary.distanceM / 1000)],
    [t('planner.ready.hours'), formatDuration(intl, summary.durationS)],
    [t('planner.ready.assigned'), n(summary.assigned)],
    [t('planner.ready.unplanned'), n(summary.unassigned), summary.unassigned > 0],
  ];
  if (summary.keptRoutes > 0) figures.push([t('planner.ready.kept'), n(summary.keptRoutes)]);
  return (
    <section className="plan-ready" role="status" aria-label={t('planner.ready.title')}>
      <h3>✓ {t('planner.ready.title')}</h3>
      <dl>
        {figures.map(([label, value, bad]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd className={bad ? 'bad' : undefined}>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="solved">
        {t('planner.ready.solvedIn', { s: formatNumber(intl, summary.computingTimeMs / 1000, 1) })}
      </p>
    </section>
  );
}
