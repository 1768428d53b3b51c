import type { PlanProgressEvent } from '@tournee/shared';
import { useI18n } from '../../i18n/i18n.tsx';

/** The best cost found over time, as a small line: dispatchers see the search settle. */
export function CostCurve({ points }: { points: PlanProgressEvent[] }) {
  const { t } = useI18n();
  const costs = points.map((p) => p.bestCost ?? Number.NaN).filter(Number.isFinite);
  if (costs.length < 2) return null;
  const w = 160;
  const h = 36;
  const tMax = Math.max(...points.map((p) => p.elapsedMs), 1);
  const lo = Math.min(...costs);
  const hi = Math.max(...costs);
  const y = (c: number) => (hi === lo ? h / 2 : h - 2 - ((c - lo) / (hi - lo)) * (h - 4));
  const path = points
    .filter((p) => p.bestCost !== null)
    .map((p, i) => `${i ? 'L' : 'M'}${((p.elapsedMs / tMax) * w).toFixed(1)},${y(p.bestCost!).toFixed(1)}`)
    .join(' ');
  return (
    <svg
      width={w}
      height={h}
      role="img"
      aria-label={t('planner.costCurve', { cost: Math.round(lo) })}
      className="cost-curve"
    >
      <path d={path} fill="none" stroke="currentColor" strokeWidth={2} />
    </svg>
  );
}
