/**
 * The savings report as one printable HTML page: self-contained (its only style inline in a
 * `<style>`, which the CSP allows; no script, which it does not), A4 print CSS, every value escaped.
 */
import type { Baseline, ComparedFigure, FigureDelta, PlanComparison } from '@tournee/shared';
import { COMPARED_FIGURE_NAMES } from '@tournee/shared';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The report is in English. */
const LABELS = COMPARED_FIGURE_NAMES.en;

/** A figure in its unit: km with one decimal, hours as h:mm, counts, money with two decimals. */
export function formatFigure(figure: ComparedFigure, v: number): string {
  const sign = v < 0 ? '−' : '';
  const a = Math.abs(v);
  switch (figure) {
    case 'distanceM':
      return `${sign}${(a / 1000).toFixed(1)} km`;
    case 'drivingS':
    case 'overtimeS': {
      const min = Math.round(a / 60);
      return `${sign}${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')}`;
    }
    case 'cost':
      return `${sign}${a.toFixed(2)}`;
    default:
      return `${sign}${Math.round(a)}`;
  }
}

const signed = (v: number, text: string) => `${v > 0 ? '+' : ''}${text}`;
const pctText = (pct: number) => signed(pct, `${pct < 0 ? '−' : ''}${Math.abs(pct).toFixed(1)} %`);

/** "−12.3 km (−45.5 %)": the change and its share of the baseline. */
export const deltaText = (d: FigureDelta): string =>
  signed(d.delta, formatFigure(d.figure, d.delta)) + (d.pct === null ? '' : ` (${pctText(d.pct)})`);

const STYLE = `
body { font: 11pt/1.4 system-ui, sans-serif; color: #111; margin: 2em auto; max-width: 48em; }
h1 { font-size: 18pt; margin: 0 0 .2em; } p.sub { color: #555; margin: 0 0 1.5em; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5em; }
th, td { border-bottom: 1px solid #ccc; padding: .35em .5em; text-align: right; }
th:first-child, td:first-child { text-align: left; }
td.saved { color: #06702d; font-weight: 600; } td.worse { color: #a30d0d; font-weight: 600; }
@media print { body { margin: 0; max-width: none; } @page { size: A4; margin: 15mm; } p.hint { display: none; } }
`;

/** The report page of a plan against a baseline. */
export function comparisonPage(c: PlanComparison, baseline: Baseline): string {
  const rows = c.deltas
    .map(
      (d) =>
        `<tr><td>${LABELS[d.figure]}</td><td>${formatFigure(d.figure, d.baseline)}</td><td>${formatFigure(d.figure, d.plan)}</td>` +
        `<td class="${d.delta < 0 ? 'saved' : d.delta > 0 ? 'worse' : ''}">${escapeHtml(deltaText(d))}</td></tr>`,
    )
    .join('\n');
  const routes = baseline.routes
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.key)} (${escapeHtml(r.vehicleName)})</td><td>${r.stops}</td><td>${formatFigure('distanceM', r.distanceM)}</td>` +
        `<td>${formatFigure('drivingS', r.drivingS)}</td><td>${r.lateStops}</td><td>${formatFigure('cost', r.cost)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Savings ${escapeHtml(c.localDate)}</title><style>${STYLE}</style></head>
<body>
<h1>Savings on ${escapeHtml(c.localDate)}</h1>
<p class="sub">Optimised plan against “${escapeHtml(baseline.name)}” (your routes, evaluated with the same travel and rules).</p>
${c.plan.stops === c.baseline.stops ? '' : `<p class="sub">Note: the plan serves ${c.plan.stops} stops on this day, your routes ${c.baseline.stops}.</p>`}
<p class="hint">Print this page with your browser (Ctrl+P / ⌘P).</p>
<table><thead><tr><th>Figure</th><th>Your routes</th><th>Optimised</th><th>Change</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>Your routes</h2>
<table><thead><tr><th>Route</th><th>Stops</th><th>Distance</th><th>Driving</th><th>Late</th><th>Cost</th></tr></thead>
<tbody>
${routes}
</tbody></table>
</body></html>`;
}
