/**
 * The filtered orders list as a file (GET /api/orders/export): CSV (UTF-8 with a BOM, cells
 * defused like the audit trail's — names, notes and addresses are typed by customers) or XLSX.
 *
 * The columns are the import's own (tw_start/tw_end, tw2_start…, demand_<dimension>,
 * pickup_address…), so an exported file imports back as it is: re-imported unchanged, every
 * order is "unchanged". `status` is for reading only (the import ignores it).
 */
import { type Order, type OrderListQuery, PICKUP_FIELDS } from '@tournee/shared';
import type { Actor } from '../audit/audit.ts';
import { csvCell } from '../audit/csv.ts';
import type { Db } from '../db/db.ts';
import { orgDimensions } from '../org/repo.ts';
import { listOrders } from './service.ts';

/** The columns before the windows; the first ones are the same in every export. */
const LEAD_COLUMNS = ['ref', 'name', 'phone', 'email', 'address', 'lat', 'lon', 'date_from', 'date_to'] as const;

/** At most this many orders in one file: past it, narrow the filters. */
export const EXPORT_MAX_ROWS = 50_000;

/** The header of an export with `windows` time-window pairs (at least one) and these dimensions. */
export function exportColumns(windows: number, dimensions: readonly string[]): string[] {
  const pairs = Array.from({ length: Math.max(1, windows) }, (_, i) =>
    i === 0 ? ['tw_start', 'tw_end'] : [`tw${i + 1}_start`, `tw${i + 1}_end`],
  ).flat();
  return [
    ...LEAD_COLUMNS,
    ...pairs,
    'service_min',
    ...dimensions.map((d) => `demand_${d}`),
    'skills',
    'priority',
    'require_proof',
    'notes',
    ...PICKUP_FIELDS,
    'status',
  ];
}

function cells(o: Order, windows: number, dimensions: readonly string[]): string[] {
  const tw: string[] = [];
  for (let i = 0; i < Math.max(1, windows); i++) {
    const w = o.timeWindows[i];
    tw.push(w?.start ?? '', w?.end ?? '');
  }
  const p = o.pickup;
  const pw = p?.timeWindows[0];
  return [
    o.ref,
    o.name,
    o.phone ?? '',
    o.email ?? '',
    o.address,
    String(o.location.coordinates[1]),
    String(o.location.coordinates[0]),
    o.dateFrom,
    o.dateTo,
    ...tw,
    String(o.serviceS / 60),
    ...dimensions.map((_, i) => String(o.demand[i] ?? 0)),
    o.skills.join(','),
    String(o.priority),
    o.requireProof.join(','),
    o.notes,
    p?.address ?? '',
    p ? String(p.location.coordinates[1]) : '',
    p ? String(p.location.coordinates[0]) : '',
    pw?.start ?? '',
    pw?.end ?? '',
    o.status,
  ];
}

/**
 * Every order matching the list's filters (limit and offset ignored), with the columns their
 * windows need. Read whole before writing: the header depends on the most windows an order has.
 */
async function matching(
  db: Db,
  actor: Actor,
  q: OrderListQuery,
): Promise<{ orders: Order[]; columns: string[]; windows: number; dimensions: string[] }> {
  const orders: Order[] = [];
  for (let offset = 0; offset < EXPORT_MAX_ROWS; offset += 1000) {
    const page = await listOrders(db, actor, { ...q, limit: 1000, offset });
    orders.push(...page.items);
    if (page.items.length < 1000) break;
  }
  const dimensions = await orgDimensions(db, actor.orgId);
  const windows = orders.reduce((n, o) => Math.max(n, o.timeWindows.length), 1);
  return { orders, columns: exportColumns(windows, dimensions), windows, dimensions };
}

/**
 * A number (a coordinate, a quantity) or an international phone number: not a formula a
 * spreadsheet could run, so written as it is — defused, "-0.57" would not import back.
 */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;
const cell = (v: string) => (PLAIN_NUMBER.test(v) ? v : csvCell(v));

export async function ordersCsv(db: Db, actor: Actor, q: OrderListQuery): Promise<string> {
  const { orders, columns, windows, dimensions } = await matching(db, actor, q);
  const line = (c: readonly string[]) => `${c.map(cell).join(',')}\r\n`;
  return `\ufeff${line(columns)}${orders.map((o) => line(cells(o, windows, dimensions))).join('')}`;
}

export async function ordersXlsx(db: Db, actor: Actor, q: OrderListQuery): Promise<Buffer> {
  const { orders, columns, windows, dimensions } = await matching(db, actor, q);
  // Loaded on first use, as in the import: most servers never write a spreadsheet.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('orders');
  sheet.addRow(columns);
  // Every cell is written as text, and text a spreadsheet would run is defused as in the CSV.
  const defuse = (v: string) => (!PLAIN_NUMBER.test(v) && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
  for (const o of orders) sheet.addRow(cells(o, windows, dimensions).map(defuse));
  return Buffer.from(await book.xlsx.writeBuffer());
}
