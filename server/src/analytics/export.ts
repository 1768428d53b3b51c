/** The summary as a spreadsheet: CSV (RFC 4180, formula-safe) or XLSX (exceljs), one row per group and the total. */
import type { AnalyticsRow, AnalyticsSummary } from '@tournee/shared';

const COLUMNS: [header: string, value: (r: AnalyticsRow) => string | number | null][] = [
  ['group', (r) => r.label],
  ['key', (r) => r.key],
  ['routes', (r) => r.routes],
  ['stops', (r) => r.stops],
  ['delivered', (r) => r.delivered],
  ['failed', (r) => r.failed],
  [
    'failed_by_reason',
    (r) =>
      Object.entries(r.failedByReason)
        .map(([k, n]) => `${k}:${n}`)
        .join(' '),
  ],
  ['skipped', (r) => r.skipped],
  ['arrived', (r) => r.arrived],
  ['on_time', (r) => r.onTime],
  ['on_time_pct', (r) => r.onTimePct],
  ['late_avg_min', (r) => r.lateAvgMin],
  ['late_p90_min', (r) => r.lateP90Min],
  ['planned_km', (r) => r.plannedKm],
  ['actual_km', (r) => r.actualKm],
  ['planned_driving_s', (r) => r.plannedDrivingS],
  ['actual_driving_s', (r) => r.actualDrivingS],
  ['planned_service_s', (r) => r.plannedServiceS],
  ['actual_service_s', (r) => r.actualServiceS],
  ['overtime_s', (r) => r.overtimeS],
  ['rating_avg', (r) => r.ratingAvg],
  ['rating_count', (r) => r.ratingCount],
  ['messages_sent', (r) => r.messagesSent],
  ['messages_failed', (r) => r.messagesFailed],
  ['cost_per_delivered', (r) => r.costPerDelivered],
];

const rowsOf = (s: AnalyticsSummary) => [...s.groups, s.total];

// A cell starting with = + - @ would run as a formula in a spreadsheet: prefix it with a quote.
function csvCell(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function summaryCsv(s: AnalyticsSummary): string {
  const lines = [COLUMNS.map(([h]) => h).join(',')];
  for (const r of rowsOf(s)) lines.push(COLUMNS.map(([, f]) => csvCell(f(r))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export async function summaryXlsx(s: AnalyticsSummary): Promise<Buffer> {
  // Loaded on first use, as in the import: most servers never write a spreadsheet.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${s.from} – ${s.to}`.slice(0, 31));
  ws.addRow(COLUMNS.map(([h]) => h)).font = { bold: true };
  for (const r of rowsOf(s)) ws.addRow(COLUMNS.map(([, f]) => f(r)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
