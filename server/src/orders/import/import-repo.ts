/**
 * SQL of imports: batch reads of existing orders, multi-row upserts (the columns of
 * import-columns.ts, one round trip per batch, the same on pg and PGlite), the imports record and
 * its rejected rows.
 */
import type { ImportRowError } from '@tournee/shared';
import { LOCKED_ORDER_STATUSES } from '@tournee/shared';
import type { Db } from '../../db/db.ts';
import { batchColumns, keysOf, type OrderWrite, type WriteColumns, writeColumns } from './import-columns.ts';

export type { OrderWrite } from './import-columns.ts';

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
 * A batch's upsert ready to send: its statement and parameters, and the columns its outcome is
 * read from (the rows' refs and hashes, see keysOf), without the rows themselves — they can be
 * collected while it runs.
 */
export interface PreparedUpsert {
  sql: string;
  params: unknown[];
  columns: WriteColumns;
}

/**
 * Inserts new orders and updates changed ones in one statement, one round trip per batch. An
 * unchanged order, or a locked one (dispatched and later), is left alone; the locked ones the
 * batch would have changed come back as conflicts.
 */
export function prepareUpsert(orgId: string, cols: WriteColumns, origin: ImportOrigin): PreparedUpsert {
  const batch = batchColumns(cols, 4);
  const updated = [...batch.columns.filter((c) => c !== 'ref' && c !== 'id'), 'last_import_id']
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
    columns: cols,
  };
}

/** Runs a prepared upsert (see prepareUpsert). */
export async function runUpsert(db: Db, orgId: string, up: PreparedUpsert): Promise<BatchOutcome> {
  if (up.columns.count === 0) return { created: 0, updated: 0, conflicts: [] };
  const res = await db.query<{ created: number; updated: number }>(up.sql, up.params);
  const { created, updated: changed } = res.rows[0]!;
  // Rows neither inserted nor updated are unchanged, or locked: only then look for conflicts.
  let conflicts: string[] = [];
  if (created + changed < up.columns.count) {
    const { refs, hashes } = keysOf(up.columns);
    const locked = await db.query<{ ref: string }>(
      `SELECT o.ref FROM orders o JOIN unnest($2::text[], $3::text[]) AS r(ref, content_hash) ON r.ref = o.ref
        WHERE o.org_id = $1 AND o.content_hash <> r.content_hash AND o.status IN (${LOCKED})`,
      [orgId, refs, hashes],
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
  return runUpsert(db, orgId, prepareUpsert(orgId, writeColumns(rows), origin));
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
