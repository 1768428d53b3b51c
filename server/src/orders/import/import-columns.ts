/**
 * The columns an import writes, and rows turned into them: per column, the rows' values as binary
 * array elements (see WriteColumns) and whether they all share one value. Pure, so that the row thread
 * (row-worker.ts) can turn the rows it checked into columns itself: the main thread then only
 * joins a batch's pieces instead of building, sending and collecting an object per row.
 */
import type { ImportWarning } from '@tournee/shared';
import { arrayOf, type ElementType, ElementWriter, isElementType, readTexts, writerOf } from './array-elements.ts';
import type { ValidRow } from './validate-row.ts';

/** A validated row with its coordinates (given or geocoded), ready to be written. */
export interface OrderWrite {
  row: ValidRow & { lon: number; lat: number };
  geocoded: boolean;
  /** Hash of the row as validated: the same row imported again is "unchanged". */
  hash: string;
}

/**
 * One column an import writes: each row's value, its SQL type, and how it becomes the order's
 * value (`sql`, over `v`, the values as read). `null` in a value is SQL NULL.
 */
interface ImportColumn {
  name: string;
  /** The orders' column it fills, or null for one that only feeds another (lat of a location). */
  column: string | null;
  /** The SQL type of the value (arrays and JSON travel as their text, see elementType). */
  type: string;
  value: (w: OrderWrite) => string | number | boolean | null;
  /** The order's value from the sent ones (`v(name)` names another column's); default: as sent. */
  sql?: (v: (name: string) => string) => string;
  /** Sent as an array even when every row has the same value: ref gives the statement its rows. */
  perRow?: true;
  /** A new random uuid per row (value is not called): drawn for all rows at once. */
  random?: true;
}

const point = (lon: string, lat: string) => `ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)::geography`;

/** A PostgreSQL array literal of numbers or strings. */
function arrayLiteral(values: (number | string)[]): string {
  return `{${values.map((v) => (typeof v === 'number' ? String(v) : `"${v.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  // A new order's id, drawn here rather than by the table's gen_random_uuid(): that cost the
  // database 0.4–0.5 s of CPU per 100,000 new orders, the import's bound (interleaved
  // `pnpm bench:import` runs: first import 3.92 and 4.49 s → 3.50 and 4.17 s). An order that
  // exists keeps its own: the upsert never updates id.
  { name: 'id', column: 'id', type: 'uuid', value: () => null, perRow: true, random: true },
  { name: 'ref', column: 'ref', type: 'text', value: (w) => w.row.ref, perRow: true },
  { name: 'name', column: 'name', type: 'text', value: (w) => w.row.name },
  { name: 'phone', column: 'phone', type: 'text', value: (w) => w.row.phone },
  { name: 'email', column: 'email', type: 'text', value: (w) => w.row.email },
  { name: 'address', column: 'address', type: 'text', value: (w) => w.row.address },
  {
    name: 'lon',
    column: 'location',
    type: 'float8',
    value: (w) => w.row.lon,
    sql: (v) => point(v('lon'), v('lat')),
  },
  { name: 'lat', column: null, type: 'float8', value: (w) => w.row.lat },
  { name: 'geocoded', column: 'geocoded', type: 'bool', value: (w) => w.geocoded },
  { name: 'date_from', column: 'date_from', type: 'date', value: (w) => w.row.dateFrom },
  { name: 'date_to', column: 'date_to', type: 'date', value: (w) => w.row.dateTo },
  { name: 'time_windows', column: 'time_windows', type: 'jsonb', value: (w) => JSON.stringify(w.row.timeWindows) },
  { name: 'service_s', column: 'service_s', type: 'int', value: (w) => w.row.serviceS },
  { name: 'demand', column: 'demand', type: 'float8[]', value: (w) => arrayLiteral(w.row.demand) },
  { name: 'skills', column: 'skills', type: 'text[]', value: (w) => arrayLiteral(w.row.skills) },
  { name: 'priority', column: 'priority', type: 'int2', value: (w) => w.row.priority },
  { name: 'notes', column: 'notes', type: 'text', value: (w) => w.row.notes },
  { name: 'content_hash', column: 'content_hash', type: 'text', value: (w) => w.hash },
  {
    name: 'require_proof',
    column: 'require_proof',
    type: 'text[]',
    value: (w) => arrayLiteral(w.row.requireProof),
  },
  { name: 'depot_id', column: 'depot_id', type: 'uuid', value: (w) => w.row.depotId ?? null },
  { name: 'tags', column: 'tags', type: 'text[]', value: (w) => arrayLiteral(w.row.tags ?? []) },
  { name: 'pickup_address', column: 'pickup_address', type: 'text', value: (w) => w.row.pickup?.address ?? null },
  {
    name: 'pickup_lon',
    column: 'pickup_location',
    type: 'float8',
    value: (w) => w.row.pickup?.lon ?? null,
    sql: (v) => `CASE WHEN ${v('pickup_lon')} IS NULL THEN NULL ELSE ${point(v('pickup_lon'), v('pickup_lat'))} END`,
  },
  { name: 'pickup_lat', column: null, type: 'float8', value: (w) => w.row.pickup?.lat ?? null },
  {
    name: 'pickup_time_windows',
    column: 'pickup_time_windows',
    type: 'jsonb',
    value: (w) => (w.row.pickup ? JSON.stringify(w.row.pickup.timeWindows) : null),
    sql: (v) => `coalesce(${v('pickup_time_windows')}, '[]')`,
  },
];

/**
 * Rows in the form the upsert sends them, per IMPORT_COLUMNS entry: the rows' values as a run of
 * binary array elements (array-elements.ts), and — so that a column every row shares is sent
 * once — whether they are all one value, and which (as text; null is SQL NULL). The row thread
 * writes a chunk's runs into one buffer, moved to the main thread without a copy (transferred).
 */
export interface WriteColumns {
  count: number;
  elements: Uint8Array[];
  same: boolean[];
  first: (string | null)[];
}

/** How a column travels: in binary, or (arrays, JSON) as text, cast once read. */
const elementType = (c: ImportColumn): ElementType => (isElementType(c.type) ? c.type : 'text');

const asText = (v: string | number | boolean | null): string | null => (v === null ? null : String(v));

/** Turns rows into the columns the upsert sends. */
export function writeColumns(rows: readonly OrderWrite[]): WriteColumns {
  const out = new ElementWriter(rows.length * 256);
  const bounds: number[] = [0];
  const same: boolean[] = [];
  const first: (string | null)[] = [];
  for (const c of IMPORT_COLUMNS) {
    if (c.random) out.randomUuids(rows.length);
    const put = writerOf(elementType(c));
    let head: string | number | boolean | null = null;
    let alike = !c.perRow;
    for (let i = 0; !c.random && i < rows.length; i++) {
      const value = c.value(rows[i]!);
      if (i === 0) head = value;
      else if (value !== head) alike = false;
      put(out, value);
    }
    bounds.push(out.length);
    same.push(alike);
    first.push(asText(head));
  }
  return {
    count: rows.length,
    elements: IMPORT_COLUMNS.map((_, i) => out.slice(bounds[i]!, bounds[i + 1]!)),
    same,
    first,
  };
}

/** The columns of several runs of rows, one after the other. */
export function concatColumns(runs: readonly WriteColumns[]): WriteColumns {
  const parts = runs.filter((r) => r.count > 0);
  const first = parts[0];
  if (!first) return writeColumns([]);
  if (parts.length === 1) return first;
  return {
    count: parts.reduce((n, r) => n + r.count, 0),
    elements: IMPORT_COLUMNS.map((_, i) => Buffer.concat(parts.map((r) => r.elements[i]!))),
    same: IMPORT_COLUMNS.map((_, i) => parts.every((r) => r.same[i] && r.first[i] === first.first[i])),
    first: first.first,
  };
}

/**
 * The statement's parameters and how its SELECT reads each column. A column whose value is the
 * same on every row of the batch (no pickups, no tags, no proof: most files) is sent once, as a
 * scalar; the others as one binary array each, expanded by unnest. The database then reads only
 * what varies, and casts only what travels as text.
 */
export function batchColumns(cols: WriteColumns, firstParam: number) {
  const params: unknown[] = [];
  const arrays: string[] = [];
  const names: string[] = [];
  const read = new Map<string, string>();
  IMPORT_COLUMNS.forEach((c, i) => {
    const at = `$${firstParam + params.length}`;
    const carried = elementType(c);
    if (cols.same[i]) {
      params.push(cols.first[i]);
      read.set(c.name, `${at}::${carried}::${c.type}`);
    } else {
      params.push(arrayOf(carried, cols.count, [cols.elements[i]!]));
      arrays.push(`${at}::${carried}[]`);
      names.push(c.name);
      read.set(c.name, carried === c.type ? `r.${c.name}` : `r.${c.name}::${c.type}`);
    }
  });
  const v = (name: string) => read.get(name)!;
  const targets = IMPORT_COLUMNS.filter((c) => c.column !== null);
  return {
    params,
    rows: `unnest(${arrays.join(', ')}) AS r(${names.join(', ')})`,
    columns: targets.map((c) => c.column!),
    values: targets.map((c) => (c.sql ? c.sql(v) : v(c.name))),
  };
}

/** Warnings of some rows of a run, each with its row's index in the run: most rows have none. */
export type RowWarnings = [index: number, warnings: ImportWarning[]][];

/**
 * Rows the row thread checked and turned into columns itself (row-worker.ts): all of them valid,
 * with their coordinates and their own service time, so that nothing on the main thread changes
 * them before they are written. Their refs and hashes are read from the columns only when needed
 * (keysOf): a string per row sent between threads cost more than the rest of the chunk.
 */
export interface ReadyRows {
  columns: WriteColumns;
  /** What the fleet cannot do for some rows, found in the thread by the import's own check. */
  warnings: RowWarnings;
}

const REF_COLUMN = IMPORT_COLUMNS.findIndex((c) => c.name === 'ref');
const HASH_COLUMN = IMPORT_COLUMNS.findIndex((c) => c.name === 'content_hash');

/** The refs and content hashes of the rows, in their order, as they are written (neither is ever NULL). */
export function keysOf(cols: WriteColumns): { refs: string[]; hashes: string[] } {
  const texts = (i: number) => readTexts(cols.elements[i]!) as string[];
  return { refs: texts(REF_COLUMN), hashes: texts(HASH_COLUMN) };
}
