/**
 * The filtered orders list as a file (GET /api/orders/export): CSV (UTF-8 with a BOM, cells
 * defused like the audit trail's — names, notes and addresses are typed by customers) or XLSX.
 */
import type { Order, OrderListQuery } from '@tournee/shared';
import ExcelJS from 'exceljs';
import type { Actor } from '../audit/audit.ts';
import { csvCell } from '../audit/csv.ts';
import type { Db } from '../db/db.ts';
import { listOrders } from './service.ts';

export const EXPORT_COLUMNS = [
  'ref',
  'name',
  'phone',
  'email',
  'address',
  'lat',
  'lon',
  'date_from',
  'date_to',
  'time_windows',
  'service_min',
  'demand',
  'skills',
  'priority',
  'notes',
  'status',
] as const;

/** At most this many orders in one file: past it, narrow the filters. */
export const EXPORT_MAX_ROWS = 50_000;

function cells(o: Order): string[] {
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
    o.timeWindows.map((w) => `${w.start}-${w.end}`).join(' '),
    String(o.serviceS / 60),
    o.demand.join(' '),
    o.skills.join(','),
    String(o.priority),
    o.notes,
    o.status,
  ];
}

/** Every order matching the list's filters (limit and offset ignored), a page at a time. */
async function* matching(db: Db, actor: Actor, q: OrderListQuery): AsyncGenerator<Order[]> {
  for (let offset = 0; offset < EXPORT_MAX_ROWS; offset += 1000) {
    const page = await listOrders(db, actor, { ...q, limit: 1000, offset });
    if (page.items.length > 0) yield page.items;
    if (page.items.length < 1000) return;
  }
}

export async function ordersCsv(db: Db, actor: Actor, q: OrderListQuery): Promise<string> {
  const line = (c: readonly string[]) => `${c.map(csvCell).join(',')}\r\n`;
  let out = `\ufeff${line(EXPORT_COLUMNS)}`;
  for await (const page of matching(db, actor, q)) out += page.map((o) => line(cells(o))).join('');
  return out;
}

export async function ordersXlsx(db: Db, actor: Actor, q: OrderListQuery): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('orders');
  sheet.addRow([...EXPORT_COLUMNS]);
  // Every cell is written as text, and text a spreadsheet would run is defused as in the CSV.
  const defuse = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
  for await (const page of matching(db, actor, q)) {
    for (const o of page) sheet.addRow(cells(o).map(defuse));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
