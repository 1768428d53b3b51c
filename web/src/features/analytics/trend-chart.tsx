import type { AnalyticsRow } from '@tournee/shared';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface TrendLabels {
  onTimePct: string;
  delivered: string;
  actualKm: string;
}

/**
 * The daily trend: on-time % on the left axis, deliveries and km on the right, one point per day
 * (uPlot draws on a canvas; the screen is lazy-loaded so the library only loads here).
 */
export function TrendChart({ days, labels }: { days: AnalyticsRow[]; labels: TrendLabels }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    // Days are local dates: noon UTC keeps each point on its own day in any zone the browser is in.
    const x = days.map((d) => Date.parse(`${d.key}T12:00:00Z`) / 1000);
    const data: uPlot.AlignedData = [
      x,
      days.map((d) => d.onTimePct),
      days.map((d) => d.delivered),
      days.map((d) => d.actualKm),
    ];
    const plot = new uPlot(
      {
        width: Math.max(320, el.clientWidth),
        height: 260,
        scales: { pct: { range: [0, 100] }, n: {} },
        series: [
          {},
          { label: labels.onTimePct, scale: 'pct', stroke: '#2e7d32', width: 2 },
          { label: labels.delivered, scale: 'n', stroke: '#1565c0', width: 2 },
          { label: labels.actualKm, scale: 'n', stroke: '#ef6c00', width: 2, dash: [6, 4] },
        ],
        axes: [{}, { scale: 'pct', values: (_u, vs) => vs.map((v) => `${v} %`) }, { scale: 'n', side: 1 }],
      },
      data,
      el,
    );
    const onResize = () => plot.setSize({ width: Math.max(320, el.clientWidth), height: 260 });
    addEventListener('resize', onResize);
    return () => {
      removeEventListener('resize', onResize);
      plot.destroy();
    };
  }, [days, labels]);
  return <div ref={host} className="analytics-chart" data-testid="trend-chart" />;
}
