/**
 * The columns an import writes, and rows turned into them: per column, the rows' values as one
 * string (see joinColumn) and whether they all share one value. Pure, so that the row thread
 * (row-worker.ts) can turn the rows it checked into columns itself: the main thread then only
 * joins a batch's pieces instead of building, sending and collecting an object per row.
 */
import { randomUUID } from 'node:crypto';
import type { ImportWarning } from '@tournee/shared';
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
  /** The SQL type of the value (arrays and JSON travel as their text). */
  type: string;
  value: (w: OrderWrite) => string | number | boolean | null;
  /** The order's value from the sent ones (`v(name)` names another column's); default: as sent. */
  sql?: (v: (name: string) => string) => string;
  /** Sent as an array even when every row has the same value: ref gives the statement its rows. */
  perRow?: true;
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
  { name: 'id', column: 'id', type: 'uuid', value: () => randomUUID(), perRow: true },
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
 * Rows in the form the upsert sends them, per IMPORT_COLUMNS entry: the values joined (see
 * joinColumn), and — so that a column every row shares is sent once — whether they are all one
 * value, and which (as text; null is SQL NULL).
 */
export interface WriteColumns {
  count: number;
  joined: ColumnText[];
  same: boolean[];
  first: (string | null)[];
}

/**
 * A column's joined values: text, or its UTF-8 bytes. The row thread sends its columns as bytes
 * (columnBytes), moved to the main thread without a copy and sent as they are (node-postgres and
 * PGlite send a byte parameter in binary format, which for text is its UTF-8): as strings they
 * were copied out of the thread, joined, copied again into the statement and collected on the
 * main thread (its garbage collection in the 100,000-row bench's first import: 462 → 312 ms).
 */
export type ColumnText = string | Uint8Array;

const utf8 = new TextDecoder();

/** A joined column as text (its refs and hashes, when they are compared). */
export const columnText = (c: ColumnText): string => (typeof c === 'string' ? c : utf8.decode(c));

/**
 * The columns with their values as UTF-8 bytes, to be moved between threads. encode() gives each
 * its own buffer (Buffer.from may take a slice of a shared pool, which cannot be moved).
 */
export function columnBytes(cols: WriteColumns): WriteColumns {
  const encoder = new TextEncoder();
  return { ...cols, joined: cols.joined.map((c) => (typeof c === 'string' ? encoder.encode(c) : c)) };
}

/** Pieces of one column, one after the other: text while all are text, else bytes. */
function joinPieces(pieces: ColumnText[]): ColumnText {
  if (pieces.every((p) => typeof p === 'string')) return pieces.join('');
  return Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
}

// A column travels as one string, values separated by the ASCII unit separator and NULL written
// as the record separator, split by string_to_array on the server: far cheaper for node-postgres
// to send than arrays of 1,000 escaped elements, and the same on PGlite. Each value is preceded
// by a separator (the statement drops element 1), so that pieces of several runs of rows
// concatenate as they are and '' alone is still one value.
export const SEP = '\x1f';
const NULL = '\x1e';

/** A value as the statement reads it: text, or null for SQL NULL. */
function asText(v: string | number | boolean | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') return String(v);
  return v.includes(SEP) || v.includes(NULL) ? v.replaceAll(SEP, ' ').replaceAll(NULL, ' ') : v;
}

/** asText for values known to hold neither separator. */
function asCleanText(v: string | number | boolean | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : String(v);
}

/** Whether a file's text holds either separator: only then can a value (read from its cells) hold one. */
export const holdsSeparators = (text: string): boolean => text.includes(SEP) || text.includes(NULL);

/**
 * Turns rows into the columns the upsert sends. `clean`: the rows come from text that holds
 * neither separator (holdsSeparators), so no value is searched for one — two searches per value,
 * 2.3 million per 100,000 rows.
 */
export function writeColumns(rows: readonly OrderWrite[], clean = false): WriteColumns {
  const text = clean ? asCleanText : asText;
  const out: WriteColumns = { count: rows.length, joined: [], same: [], first: [] };
  for (const c of IMPORT_COLUMNS) {
    // Joined, not concatenated: `+=` leaves a tree of 2,000 string pieces per column that lives
    // until the statement is sent, long enough for the garbage collector to copy it.
    const parts: string[] = new Array(rows.length + 1);
    parts[0] = '';
    let first: string | null = null;
    let same = !c.perRow;
    for (let i = 0; i < rows.length; i++) {
      const value = text(c.value(rows[i]!));
      if (i === 0) first = value;
      else if (value !== first) same = false;
      parts[i + 1] = value ?? NULL;
    }
    out.joined.push(parts.join(SEP));
    out.same.push(same);
    out.first.push(first);
  }
  return out;
}

/** The columns of several runs of rows, one after the other. */
export function concatColumns(runs: readonly WriteColumns[]): WriteColumns {
  const parts = runs.filter((r) => r.count > 0);
  const first = parts[0];
  if (!first) return { count: 0, joined: IMPORT_COLUMNS.map(() => ''), same: [], first: [] };
  if (parts.length === 1) return first;
  return {
    count: parts.reduce((n, r) => n + r.count, 0),
    joined: IMPORT_COLUMNS.map((_, i) => joinPieces(parts.map((r) => r.joined[i]!))),
    same: IMPORT_COLUMNS.map((_, i) => parts.every((r) => r.same[i] && r.first[i] === first.first[i])),
    first: first.first,
  };
}

/**
 * The statement's parameters and how its SELECT reads each column. A column whose value is the
 * same on every row of the batch (no pickups, no tags, no proof: most files) is sent once, as a
 * scalar; the others as one joined string each, expanded by unnest. The database then splits and
 * casts only what varies.
 */
export function batchColumns(cols: WriteColumns, firstParam: number) {
  const params: unknown[] = [];
  const arrays: string[] = [];
  const names: string[] = [];
  const read = new Map<string, string>();
  IMPORT_COLUMNS.forEach((c, i) => {
    const at = `$${firstParam + params.length}`;
    // Arrays and JSON travel as their text, cast once read.
    const carried = c.type.endsWith('[]') || c.type === 'jsonb' ? 'text' : c.type;
    if (cols.same[i]) {
      params.push(cols.first[i]);
      read.set(c.name, `${at}::${carried}::${c.type}`);
    } else {
      params.push(cols.joined[i]);
      arrays.push(`(string_to_array(${at}, E'\\x1f', E'\\x1e'))[2:]::${carried}[]`);
      names.push(c.name);
      read.set(c.name, `r.${c.name}::${c.type}`);
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

/** A joined column's values (neither refs nor hashes are ever NULL). */
const split = (joined: string): string[] => (joined === '' ? [] : joined.slice(1).split(SEP));

/** The refs and content hashes of the rows, in their order, as they are written. */
export function keysOf(cols: WriteColumns): { refs: string[]; hashes: string[] } {
  return { refs: split(columnText(cols.joined[REF_COLUMN]!)), hashes: split(columnText(cols.joined[HASH_COLUMN]!)) };
}
