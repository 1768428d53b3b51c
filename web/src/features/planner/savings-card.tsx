import type { Baseline, ComparedFigure, FigureDelta, PlanComparison } from '@tournee/shared';
import { COMPARED_FIGURE_NAMES } from '@tournee/shared';
import { useEffect, useState } from 'react';
import { api, query } from '../../api/client.ts';
import { formatDate, formatDistance, formatNumber, formatPercent } from '../../i18n/format.ts';
import { format, type Locale, useI18n } from '../../i18n/i18n.tsx';

// The card's own words (the app's catalogue belongs to the whole app; these belong to the card).
// The figures' names are shared's, like the printable report's.
type Word = 'title' | 'against' | 'report' | 'yours' | 'plan' | 'stops';
const WORDS: Record<Locale, Record<Word, string>> = {
  en: {
    stops: 'The plan serves {plan, plural, one {# stop} other {# stops}} on this day, your routes {baseline}.',
    title: 'Savings',
    against: 'Against',
    report: 'Print the report',
    yours: 'Your routes',
    plan: 'Optimised',
  },
  fr: {
    stops: 'Le plan dessert {plan, plural, one {# arrêt} other {# arrêts}} ce jour-là, vos tournées {baseline}.',
    title: 'Économies',
    against: 'Par rapport à',
    report: 'Imprimer le rapport',
    yours: 'Vos tournées',
    plan: 'Optimisé',
  },
};

/** A figure in its unit: km, h:mm, a count, money. */
function show(figure: ComparedFigure, v: number, intl: string): string {
  const sign = v < 0 ? '−' : '';
  const a = Math.abs(v);
  if (figure === 'distanceM') return `${sign}${formatDistance(intl, a / 1000)}`;
  if (figure === 'drivingS' || figure === 'overtimeS') {
    const min = Math.round(a / 60);
    return `${sign}${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')}`;
  }
  if (figure === 'cost') return `${sign}${formatNumber(intl, a, 2)}`;
  return `${sign}${formatNumber(intl, Math.round(a), 0)}`;
}

const change = (d: FigureDelta, intl: string) =>
  `${d.delta > 0 ? '+' : ''}${show(d.figure, d.delta, intl)}` +
  (d.pct === null ? '' : ` (${d.pct > 0 ? '+' : d.pct < 0 ? '−' : ''}${formatPercent(intl, Math.abs(d.pct) / 100)})`);

/**
 * After a plan: the plan against the customer's own routes (a baseline) of a day in its range,
 * figure by figure, with a link to the printable report. Nothing is shown without a baseline.
 */
export function SavingsCard(props: { planId: string; from: string; to: string }) {
  const { locale, intl } = useI18n();
  const w = WORDS[locale];
  const figureNames = COMPARED_FIGURE_NAMES[locale];
  const [baselines, setBaselines] = useState<Baseline[]>([]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [comparison, setComparison] = useState<PlanComparison | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<Baseline[]>('/baselines')
      .then((all) => {
        const inRange = all.filter((b) => b.localDate >= props.from && b.localDate <= props.to);
        setBaselines(inRange);
        setChosen(inRange[0]?.id ?? null);
      })
      .catch(() => setBaselines([]));
  }, [props.from, props.to]);

  useEffect(() => {
    if (!chosen) return;
    setError(null);
    api<PlanComparison>(`/plans/${props.planId}/compare${query({ baseline: chosen })}`)
      .then(setComparison)
      .catch((e: Error) => setError(e.message));
  }, [props.planId, chosen]);

  if (baselines.length === 0) return null;
  return (
    <section className="savings-card" aria-label={w.title}>
      <h3>{w.title}</h3>
      <label>
        {w.against}{' '}
        <select value={chosen ?? ''} onChange={(e) => setChosen(e.target.value)}>
          {baselines.map((b) => (
            <option key={b.id} value={b.id}>
              {formatDate(intl, b.localDate)} — {b.name}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {comparison && (
        <table>
          <thead>
            <tr>
              <th />
              <th>{w.yours}</th>
              <th>{w.plan}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {comparison.deltas.map((d) => (
              <tr key={d.figure} data-figure={d.figure}>
                <th scope="row">{figureNames[d.figure]}</th>
                <td>{show(d.figure, d.baseline, intl)}</td>
                <td>{show(d.figure, d.plan, intl)}</td>
                <td
                  className={d.delta < 0 ? 'saved' : d.delta > 0 ? 'worse' : ''}
                  style={{ color: d.delta < 0 ? '#06702d' : d.delta > 0 ? '#a30d0d' : undefined }}
                >
                  {change(d, intl)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {comparison && comparison.plan.stops !== comparison.baseline.stops && (
        <p>{format(w.stops, { plan: comparison.plan.stops, baseline: comparison.baseline.stops }, intl)}</p>
      )}
      {comparison && (
        <a
          href={`/api/plans/${props.planId}/compare.html${query({ baseline: comparison.baselineId })}`}
          target="_blank"
          rel="noopener"
        >
          {w.report}
        </a>
      )}
    </section>
  );
}
