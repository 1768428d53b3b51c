import type { AnalyticsRow } from '@tournee/shared';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatDate } from '../../i18n/format.ts';

export interface TrendLabels {
  day: string;
  onTimePct: string;
  delivered: string;
  actualKm: string;
  /** BCP 47 tag the days are written in (02/03 in French, 03/02 in American English). */
  locale: string;
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
    // One point per day at its index; the axis names the day (local dates, no time of day).
    const x = days.map((_, i) => i);
    const dayLabel = (i: number) => {
      const key = days[Math.round(i)]?.key;
      return key ? formatDate(labels.locale, key, { day: '2-digit', month: '2-digit' }) : '';
    };
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
        scales: { x: { time: false }, pct: { range: [0, 100] }, n: {} },
        series: [
          { label: labels.day, value: (_u, v) => (v === null ? '—' : dayLabel(v)) },
          { label: labels.onTimePct, scale: 'pct', stroke: '#2e7d32', width: 2 },
          { label: labels.delivered, scale: 'n', stroke: '#1565c0', width: 2 },
          { label: labels.actualKm, scale: 'n', stroke: '#ef6c00', width: 2, dash: [6, 4] },
        ],
        axes: [
          { incrs: [1, 2, 7, 14, 28], values: (_u, vs) => vs.map((v) => (Number.isInteger(v) ? dayLabel(v) : '')) },
          { scale: 'pct', values: (_u, vs) => vs.map((v) => `${v} %`) },
          { scale: 'n', side: 1 },
        ],
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
