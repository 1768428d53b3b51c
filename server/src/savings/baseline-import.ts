/**
 * Reading a baseline file: the customer's own routes of one day, in the orders import's formats
 * (CSV, XLSX, JSON) and columns, plus `driver` and/or `vehicle` (which route a row is on) and
 * `seq` (its place on that route). The order columns go through the import's own header
 * recognition and row validation, so a baseline row is read exactly like an imported order.
 */
import type { ImportRowError } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import { geocodeMany } from '../geocoding/cache.ts';
import type { Geocoder } from '../geocoding/geocoder.ts';
import { normaliseHeader, planColumns } from '../orders/import/headers.ts';
import { IMPORT_MESSAGES, type ImportMessages } from '../orders/import/messages.ts';
import type { RowSource } from '../orders/import/sources.ts';
import { baselineMessages } from './messages.ts';
import { type ValidRow, validateRow, windowFields } from '../orders/import/validate-row.ts';
import { cellText, parseNumber, ValueError } from '../orders/import/values.ts';

/** The baseline's own columns, by normalised header (English and French). */
const ROUTE_COLUMNS: Record<string, 'driver' | 'vehicle' | 'seq'> = {
  driver: 'driver',
  'driver name': 'driver',
  chauffeur: 'driver',
  conducteur: 'driver',
  livreur: 'driver',
  vehicle: 'vehicle',
  'vehicle name': 'vehicle',
  vehicule: 'vehicle',
  van: 'vehicle',
  camion: 'vehicle',
  seq: 'seq',
  sequence: 'seq',
  'stop number': 'seq',
  'stop no': 'seq',
  ordre: 'seq',
  'ordre de passage': 'seq',
  rang: 'seq',
  position: 'seq',
};

/** One valid row of a baseline: an order placed on a route. */
export interface BaselineRow {
  row: number;
  driver: string | null;
  vehicle: string | null;
  /** The file's sequence number; rows without a `seq` column keep the file's order. */
  seq: number;
  order: ValidRow & { lon: number; lat: number };
}

export interface BaselineFile {
  rows: BaselineRow[];
  errors: ImportRowError[];
  /** The header names of the route columns, for errors about them. */
  columns: { driver: string | null; vehicle: string | null; seq: string | null };
}

export interface ReadContext {
  /** The baseline's day: rows without a date are on it. */
  date: string;
  dimensions: string[];
  defaultCountry: string;
  defaultServiceS: number;
  messages?: ImportMessages;
  /** Finds rows without lat/lon (cache on `db`); without one they are errors naming the address. */
  geocoder: Geocoder | null;
  db: Db;
}

/** Reads and checks every row (all errors are reported, none thrown, except for a bad header). */
export async function readBaselineFile(source: RowSource, ctx: ReadContext): Promise<BaselineFile> {
  const m = ctx.messages ?? IMPORT_MESSAGES.en;
  const bm = baselineMessages(ctx.messages);
  const columns: BaselineFile['columns'] = { driver: null, vehicle: null, seq: null };
  const at: Partial<Record<'driver' | 'vehicle' | 'seq', number>> = {};
  const mapping: Record<string, string> = {};
  source.header.forEach((h, i) => {
    const kind = ROUTE_COLUMNS[normaliseHeader(h)];
    if (!kind || at[kind] !== undefined) return;
    at[kind] = i;
    columns[kind] = h;
    mapping[h] = ''; // not an order field: the import's header plan ignores it
  });
  const plan = planColumns(source.header, ctx.dimensions, mapping, m);
  // The day is the request's: a file without a date column is fine.
  const errors: ImportRowError[] = plan.errors.filter((e) => !(e.column === 'date' && e.value === ''));
  if (at.driver === undefined && at.vehicle === undefined) {
    errors.push({ row: 1, column: 'driver', value: '', message: bm.noRouteColumn });
  }
  const columnName = new Map<string, string>();
  plan.fields.forEach((f, i) => {
    if (f && !columnName.has(f)) columnName.set(f, source.header[i]!);
  });
  const columnOf = (f: string) => columnName.get(f) ?? f;
  const hasDate = columnName.has('date') || columnName.has('date_from');
  const rowCtx = {
    dimensions: ctx.dimensions,
    defaultCountry: ctx.defaultCountry,
    defaultServiceS: ctx.defaultServiceS,
    windows: windowFields(plan.fields),
    messages: m,
  };
  if (errors.length) return { rows: [], errors, columns };

  const rows: BaselineRow[] = [];
  const pending: (BaselineRow & { order: ValidRow })[] = [];
  const seen = new Map<string, number>();
  let index = 0;
  for await (const chunk of source.rows) {
    for (const src of chunk) {
      index++;
      const record: Record<string, unknown> = {};
      plan.fields.forEach((f, i) => {
        if (f) record[f] = src.cells[i];
      });
      if (!hasDate) record.date = ctx.date;
      const result = validateRow(record, src.row, rowCtx, columnOf);
      const rowErrors = result.ok ? [] : [...result.errors];
      const cell = (k: 'driver' | 'vehicle' | 'seq') => (at[k] === undefined ? '' : cellText(src.cells[at[k]!]));
      const driver = cell('driver') || null;
      const vehicle = cell('vehicle') || null;
      if (!driver && !vehicle) {
        const column = columns.vehicle ?? columns.driver!;
        rowErrors.push({ row: src.row, column, value: '', message: bm.routeRequired });
      }
      let seq = index;
      if (at.seq !== undefined) {
        try {
          seq = parseNumber(src.cells[at.seq]);
          if (!Number.isInteger(seq) || seq < 0) throw new ValueError('notNumber');
        } catch (err) {
          if (!(err instanceof ValueError)) throw err;
          rowErrors.push({
            row: src.row,
            column: columns.seq!,
            value: cell('seq'),
            message: bm.badSeq,
          });
        }
      }
      if (result.ok) {
        const first = seen.get(result.row.ref);
        if (first !== undefined) {
          rowErrors.push({
            row: src.row,
            column: columnOf('ref'),
            value: result.row.ref,
            message: m.duplicateRef(first),
          });
        } else seen.set(result.row.ref, src.row);
      }
      if (rowErrors.length || !result.ok) {
        errors.push(...rowErrors);
        continue;
      }
      pending.push({ row: src.row, driver, vehicle, seq, order: result.row as BaselineRow['order'] });
    }
  }
  await locate(pending, ctx, columnOf, m, errors);
  for (const p of pending) if (p.order.lon !== null && p.order.lat !== null) rows.push(p);
  errors.sort((a, b) => a.row - b.row);
  return { rows, errors, columns };
}

/** Coordinates for rows without them, from the geocoder; the rows it cannot place are errors. */
async function locate(
  pending: { row: number; order: ValidRow }[],
  ctx: ReadContext,
  columnOf: (f: string) => string,
  m: ImportMessages,
  errors: ImportRowError[],
): Promise<void> {
  const need = pending.filter((p) => p.order.lon === null || p.order.lat === null);
  if (need.length === 0) return;
  const found = ctx.geocoder
    ? await geocodeMany(
        ctx.db,
        ctx.geocoder,
        need.map((p) => p.order.address),
        ctx.defaultCountry,
      )
    : new Map();
  for (const p of need) {
    const g = found.get(p.order.address);
    const message = !ctx.geocoder
      ? m.noGeocoder
      : g?.kind === 'found'
        ? null
        : g?.kind === 'not_found'
          ? m.notFound
          : m.geocoderFailed(g?.message ?? 'no answer');
    if (message === null) {
      p.order.lon = g.result.lon;
      p.order.lat = g.result.lat;
    } else errors.push({ row: p.row, column: columnOf('address'), value: p.order.address, message });
  }
}
