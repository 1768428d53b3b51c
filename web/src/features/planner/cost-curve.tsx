import type { PlanProgressEvent } from '@tournee/shared';
import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import { formatNumber } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** Seconds since the start and best cost, for the points where the solver had a solution. */
export function curvePoints(points: PlanProgressEvent[]): [number[], number[]] {
  const withCost = points.filter((p) => p.bestCost !== null && Number.isFinite(p.bestCost));
  return [withCost.map((p) => p.elapsedMs / 1000), withCost.map((p) => p.bestCost!)];
}

/**
 * The best cost found over time (uPlot, loaded only when a plan runs), with labelled axes:
 * dispatchers see the search settle and can stop it early.
 */
export function CostCurve({ points }: { points: PlanProgressEvent[] }) {
  const { t, intl } = useI18n();
  const box = useRef<HTMLDivElement | null>(null);
  const plot = useRef<uPlot | null>(null);
  const data = curvePoints(points);
  const dataNow = useRef(data);
  dataNow.current = data;
  const timeLabel = t('planner.curve.time');
  const costLabel = t('planner.curve.cost');

  // One chart per language (its axis labels); the points are then only replaced.
  useEffect(() => {
    let live = true;
    void Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([{ default: UPlot }]) => {
      if (!live || !box.current) return;
      const number = (_: uPlot, values: number[]) => values.map((v) => formatNumber(intl, v, 1));
      plot.current = new UPlot(
        {
          width: 360,
          height: 170,
          legend: { show: false },
          cursor: { show: false },
          scales: { x: { time: false } },
          axes: [
            { label: timeLabel, values: number, size: 36, labelSize: 18 },
            { label: costLabel, values: number, size: 64, labelSize: 18 },
          ],
          series: [{}, { label: costLabel, stroke: '#1f6feb', width: 2, points: { show: false } }],
        },
        dataNow.current,
        box.current,
      );
    });
    return () => {
      live = false;
      plot.current?.destroy();
      plot.current = null;
    };
  }, [timeLabel, costLabel, intl]);

  useEffect(() => {
    plot.current?.setData(data);
  });

  // Kept in the page while empty: the chart is drawn into it as soon as uPlot has loaded.
  const best = data[1].length ? Math.min(...data[1]) : 0;
  return (
    <figure
      className="cost-chart"
      hidden={data[0].length < 2}
      aria-label={t('planner.costCurve', { cost: Math.round(best) })}
    >
      <figcaption>{t('planner.curve.title')}</figcaption>
      <div ref={box} data-testid="cost-curve" />
    </figure>
  );
}
