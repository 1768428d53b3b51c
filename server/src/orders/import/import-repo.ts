/**
 * SQL of imports: batch reads of existing orders, multi-row upserts (one jsonb parameter per
 * batch, expanded by jsonb_to_recordset: one round trip per batch, the same on pg and PGlite),
 * the imports record and its rejected rows.
 */
import type { ImportRowError } from '@tournee/shared';
import { LOCKED_ORDER_STATUSES } from '@tournee/shared';
import type { Db } from '../../db/db.ts';
import type { ValidRow } from './validate-row.ts';

/** A validated row with its coordinates (given or geocoded), ready to be written. */
export interface OrderWrite {
  row: ValidRow & { lon: number; lat: number };
  geocoded: boolean;
  /** Hash of the row as validated: the same row imported again is "unchanged". */
  hash: string;
}

export interface Existing {
  contentHash: string;
  status: string;
}

/** The content hash and status of the orders among `refs` that already exist. */
export async function findExisting(db: Db, orgId: string, refs: string[]): Promise<Map<string, Existing>> {
  const res = await db.query<{ ref: string; content_hash: string; status: string }>(
    'SELECT ref, content_hash, status FROM orders WHERE org_id = $1 AND ref = ANY($2::text[])',
    [orgId, refs],
  );
  return new Map(res.rows.map((r) => [r.ref, { contentHash: r.content_hash, status: r.status }]));
}

const LOCKED = LOCKED_ORDER_STATUSES.map((s) => `'${s}'`).join(', ');

/** Where the orders of an import come from (the order's history starts with it). */
export interface ImportOrigin {
  importId: string;
  /** `import` for a file (CSV, XLSX), `api` for a JSON body. */
  source: 'import' | 'api';
}

export interface BatchOutcome {
  created: number;
  updated: number;
  /** Refs left alone because their order is dispatched or later and the row changed it. */
  conflicts: string[];
}

/**
 * The columns an import writes: each row's value, its SQL type, and how it becomes the order's
 * value (`sql`, over `v`, the values as read). `null` in a value is SQL NULL.
 */
interface ImportColumn {
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

const IMPORT_COLUMNS: Record<string, ImportColumn> = {
  ref: { column: 'ref', type: 'text', value: (w) => w.row.ref, perRow: true },
  name: { column: 'name', type: 'text', value: (w) => w.row.name },
  phone: { column: 'phone', type: 'text', value: (w) => w.row.phone },
  email: { column: 'email', type: 'text', value: (w) => w.row.email },
  address: { column: 'address', type: 'text', value: (w) => w.row.address },
  lon: { column: 'location', type: 'float8', value: (w) => w.row.lon, sql: (v) => point(v('lon'), v('lat')) },
  lat: { column: null, type: 'float8', value: (w) => w.row.lat },
  geocoded: { column: 'geocoded', type: 'bool', value: (w) => w.geocoded },
  date_from: { column: 'date_from', type: 'date', value: (w) => w.row.dateFrom },
  date_to: { column: 'date_to', type: 'date', value: (w) => w.row.dateTo },
  time_windows: {
    column: 'time_windows',
    type: 'jsonb',
    value: (w) => JSON.stringify(w.row.timeWindows),
  },
  service_s: { column: 'service_s', type: 'int', value: (w) => w.row.serviceS },
  demand: { column: 'demand', type: 'float8[]', value: (w) => arrayLiteral(w.row.demand) },
  skills: { column: 'skills', type: 'text[]', value: (w) => arrayLiteral(w.row.skills) },
  priority: { column: 'priority', type: 'int2', value: (w) => w.row.priority },
  notes: { column: 'notes', type: 'text', value: (w) => w.row.notes },
  content_hash: { column: 'content_hash', type: 'text', value: (w) => w.hash },
  require_proof: { column: 'require_proof', type: 'text[]', value: (w) => arrayLiteral(w.row.requireProof) },
  depot_id: { column: 'depot_id', type: 'uuid', value: (w) => w.row.depotId ?? null },
  tags: { column: 'tags', type: 'text[]', value: (w) => arrayLiteral(w.row.tags ?? []) },
  pickup_address: { column: 'pickup_address', type: 'text', value: (w) => w.row.pickup?.address ?? null },
  pickup_lon: {
    column: 'pickup_location',
    type: 'float8',
    value: (w) => w.row.pickup?.lon ?? null,
    sql: (v) => `CASE WHEN ${v('pickup_lon')} IS NULL THEN NULL ELSE ${point(v('pickup_lon'), v('pickup_lat'))} END`,
  },
  pickup_lat: { column: null, type: 'float8', value: (w) => w.row.pickup?.lat ?? null },
  pickup_time_windows: {
    column: 'pickup_time_windows',
    type: 'jsonb',
    value: (w) => (w.row.pickup ? JSON.stringify(w.row.pickup.timeWindows) : null),
    sql: (v) => `coalesce(${v('pickup_time_windows')}, '[]')`,
  },
};

/**
 * The statement's parameters and how its SELECT reads each column. A column whose value is the
 * same on every row of the batch (no pickups, no tags, no proof: most files) is sent once, as a
 * scalar; the others as one string per column (see joinColumn), expanded by unnest. The
 * database then splits and casts only what varies.
 */
function batchColumns(rows: OrderWrite[], firstParam: number) {
  const params: unknown[] = [];
  const arrays: string[] = [];
  const names: string[] = [];
  const read = new Map<string, string>();
  for (const [name, c] of Object.entries(IMPORT_COLUMNS)) {
    const values = rows.map(c.value);
    const first = values[0];
    const at = `$${firstParam + params.length}`;
    // Arrays and JSON travel as their text, cast once read.
    const carried = c.type.endsWith('[]') || c.type === 'jsonb' ? 'text' : c.type;
    if (!c.perRow && values.every((v) => v === first)) {
      params.push(first);
      read.set(name, `${at}::${carried}::${c.type}`);
    } else {
      params.push(joinColumn(values));
      arrays.push(`(string_to_array(${at}, E'\\x1f', E'\\x1e'))[2:]::${carried}[]`);
      names.push(name);
      read.set(name, `r.${name}::${c.type}`);
    }
  }
  const v = (name: string) => read.get(name)!;
  const targets = Object.entries(IMPORT_COLUMNS).filter(([, c]) => c.column !== null);
  return {
    params,
    rows: `unnest(${arrays.join(', ')}) AS r(${names.join(', ')})`,
    columns: targets.map(([, c]) => c.column!),
    values: targets.map(([name, c]) => (c.sql ? c.sql(v) : v(name))),
  };
}

/**
 * A batch's upsert ready to send: its statement and parameters, and what reading its outcome
 * needs (refs and hashes), without the rows themselves — they can be collected while it runs.
 */
export interface PreparedUpsert {
  sql: string;
  params: unknown[];
  refs: string[];
  hashes: string[];
}

/**
 * Inserts new orders and updates changed ones in one statement, one round trip per batch. An
 * unchanged order, or a locked one (dispatched and later), is left alone; the locked ones the
 * batch would have changed come back as conflicts.
 */
export function prepareUpsert(orgId: string, rows: OrderWrite[], origin: ImportOrigin): PreparedUpsert {
  const batch = batchColumns(rows, 4);
  const updated = [...batch.columns.filter((c) => c !== 'ref'), 'last_import_id']
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ');
  return {
    sql: `WITH up AS (
       INSERT INTO orders AS o (org_id, source, import_id, last_import_id, ${batch.columns.join(', ')})
       SELECT $1::uuid, $2::text, $3::uuid, $3::uuid, ${batch.values.join(', ')}
         FROM ${batch.rows}
       ON CONFLICT (org_id, ref) DO UPDATE SET ${updated}, updated_at = now()
       WHERE o.content_hash <> EXCLUDED.content_hash AND o.status NOT IN (${LOCKED})
       RETURNING (xmax = 0) AS inserted
     )
     SELECT (count(*) FILTER (WHERE inserted))::int AS created, (count(*) FILTER (WHERE NOT inserted))::int AS updated
       FROM up`,
    params: [orgId, origin.source, origin.importId, ...batch.params],
    refs: rows.map((w) => w.row.ref),
    hashes: rows.map((w) => w.hash),
  };
}

/** Runs a prepared upsert (see prepareUpsert). */
export async function runUpsert(db: Db, orgId: string, up: PreparedUpsert): Promise<BatchOutcome> {
  if (up.refs.length === 0) return { created: 0, updated: 0, conflicts: [] };
  const res = await db.query<{ created: number; updated: number }>(up.sql, up.params);
  const { created, updated: changed } = res.rows[0]!;
  // Rows neither inserted nor updated are unchanged, or locked: only then look for conflicts.
  let conflicts: string[] = [];
  if (created + changed < up.refs.length) {
    const locked = await db.query<{ ref: string }>(
      `SELECT o.ref FROM orders o JOIN unnest($2::text[], $3::text[]) AS r(ref, content_hash) ON r.ref = o.ref
        WHERE o.org_id = $1 AND o.content_hash <> r.content_hash AND o.status IN (${LOCKED})`,
      [orgId, up.refs, up.hashes],
    );
    conflicts = locked.rows.map((r) => r.ref);
  }
  return { created, updated: changed, conflicts };
}

/** prepareUpsert and runUpsert at once. */
export async function upsertOrders(
  db: Db,
  orgId: string,
  rows: OrderWrite[],
  origin: ImportOrigin,
): Promise<BatchOutcome> {
  return runUpsert(db, orgId, prepareUpsert(orgId, rows, origin));
}

// A column travels as one string, values separated by the ASCII unit separator and NULL written
// as the record separator, split by string_to_array on the server: far cheaper for node-postgres
// to send than arrays of 1,000 escaped elements, and the same on PGlite. Each string starts with
// a separator (element 1 is dropped by [2:]) so '' alone is still one value.
const SEP = '\x1f';
const NULL = '\x1e';

function joinColumn(values: unknown[]): string {
  // Joined, not concatenated: `+=` leaves a tree of 2,000 string pieces per column that lives
  // until the statement is sent, long enough for the main thread's garbage collector to copy it.
  const parts: string[] = new Array(values.length + 1);
  parts[0] = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i + 1] = NULL;
    else if (typeof v === 'string')
      parts[i + 1] = v.includes(SEP) || v.includes(NULL) ? v.replaceAll(SEP, ' ').replaceAll(NULL, ' ') : v;
    else parts[i + 1] = String(v);
  }
  return parts.join(SEP);
}

/** A PostgreSQL array literal of numbers or strings. */
function arrayLiteral(values: (number | string)[]): string {
  return `{${values.map((v) => (typeof v === 'number' ? String(v) : `"${v.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}

export interface ImportRecord {
  orgId: string;
  userId: string | null;
  filename: string | null;
  format: string;
  partial: boolean;
  columns: string[];
  delimiter: string;
}

/** Opens the record of an import (committed false until finishImport says otherwise). */
export async function insertImport(db: Db, r: ImportRecord): Promise<string> {
  const res = await db.query<{ id: string }>(
    `INSERT INTO imports (org_id, user_id, filename, format, partial, committed, columns, delimiter)
     VALUES ($1, $2, $3, $4, $5, false, $6, $7) RETURNING id`,
    [r.orgId, r.userId, r.filename, r.format, r.partial, r.columns, r.delimiter],
  );
  return res.rows[0]!.id;
}

export interface ImportCounts {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** Closes the record of an import; `rejectedKept` is how many rejected rows were stored when the cap cut them short. */
export async function finishImport(
  db: Db,
  id: string,
  committed: boolean,
  c: ImportCounts,
  rejectedKept: number | null,
): Promise<void> {
  await db.query(
    `UPDATE imports SET committed = $2, total_rows = $3, created = $4, updated = $5, unchanged = $6, rejected_rows = $7,
            rejected_kept = $8
      WHERE id = $1`,
    [id, committed, c.rows, c.created, c.updated, c.unchanged, c.rejected, rejectedKept],
  );
}

export interface Rejection {
  row: number;
  errors: ImportRowError[];
  /** The row's cells as the file had them, for the rejected-rows CSV. */
  cells: string[];
}

// jsonb cannot hold \u0000 either: a NUL in a rejected cell (the reason it was rejected) is kept as U+FFFD.
const noNul = (_key: string, v: unknown) =>
  typeof v === 'string' && v.includes('\0') ? v.replaceAll('\0', '\ufffd') : v;

/** Stores rejected rows; a row rejected twice (e.g. by validation, then the geocoder) keeps every error. */
export async function insertRejections(db: Db, importId: string, rejections: Rejection[]): Promise<void> {
  if (rejections.length === 0) return;
  await db.query(
    `INSERT INTO import_rejections (import_id, row_number, errors, cells)
     SELECT $1, r.row, r.errors, r.cells FROM jsonb_to_recordset($2::jsonb) AS r("row" integer, errors jsonb, cells jsonb)
     ON CONFLICT (import_id, row_number) DO UPDATE
       SET errors = import_rejections.errors || EXCLUDED.errors`,
    [importId, JSON.stringify(rejections, noNul)],
  );
}

export interface ImportInfo {
  id: string;
  columns: string[];
  delimiter: string;
  filename: string | null;
  /** Rows rejected, all counted. */
  rejectedRows: number;
  /** Rejected rows stored when IMPORT_REJECTIONS_MAX_ROWS cut them short; null when all were. */
  rejectedKept: number | null;
  /** When the retention purge deleted its rejected rows, or null. */
  rejectionsPurgedAt: Date | null;
}

export async function findImport(db: Db, orgId: string, id: string): Promise<ImportInfo | null> {
  const res = await db.query<ImportInfo>(
    `SELECT id, columns, delimiter, filename, rejected_rows AS "rejectedRows", rejected_kept AS "rejectedKept",
            rejections_purged_at AS "rejectionsPurgedAt"
       FROM imports WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  return res.rows[0] ?? null;
}

/**
 * Deletes the rejected rows of imports made more than `days` ago, in chunks so the table is
 * never locked long, and marks those imports purged. Returns the rows deleted.
 */
export async function purgeImportRejections(db: Db, days: number, chunk = 10_000): Promise<number> {
  const old = `SELECT id FROM imports WHERE rejections_purged_at IS NULL AND at < now() - make_interval(days => $1)`;
  let total = 0;
  for (;;) {
    const r = await db.query(
      `DELETE FROM import_rejections WHERE (import_id, row_number) IN (
         SELECT import_id, row_number FROM import_rejections WHERE import_id IN (${old}) LIMIT $2)`,
      [days, chunk],
    );
    total += r.rowCount;
    if (r.rowCount < chunk) break;
  }
  await db.query(`UPDATE imports SET rejections_purged_at = now() WHERE id IN (${old})`, [days]);
  return total;
}

/** One page of an import's rejected rows, after row `afterRow`, in row order. */
export async function rejectionsPage(db: Db, importId: string, afterRow: number, limit: number): Promise<Rejection[]> {
  const res = await db.query<{ row_number: number; errors: ImportRowError[]; cells: string[] }>(
    `SELECT row_number, errors, cells FROM import_rejections
      WHERE import_id = $1 AND row_number > $2 ORDER BY row_number LIMIT $3`,
    [importId, afterRow, limit],
  );
  return res.rows.map((r) => ({ row: r.row_number, errors: r.errors, cells: r.cells }));
}
