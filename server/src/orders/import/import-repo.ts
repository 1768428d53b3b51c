/**
 * SQL of imports: batch reads of existing orders, multi-row upserts (one jsonb parameter per
 * batch, expanded by jsonb_to_recordset: one round trip per batch, the same on pg and PGlite),
 * the imports record and its rejected rows.
 */
import type { ImportRowError } from '@tournee/shared';
import { LOCKED_ORDER_STATUSES } from '@tournee/shared';
import type { Db } from '../../db/db.ts';

/** A validated, located row ready to be written. */
export interface OrderWrite {
  ref: string;
  name: string;
  phone: string | null;
  email: string | null;
  address: string;
  lon: number;
  lat: number;
  geocoded: boolean;
  date_from: string;
  date_to: string;
  time_windows: { start: string; end: string }[];
  service_s: number;
  demand: number[];
  skills: string[];
  priority: number;
  notes: string;
  content_hash: string;
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

/**
 * Inserts new orders and updates changed ones in one statement. An order whose content is
 * unchanged, or that is locked (dispatched and later), is left alone even if a concurrent
 * import slipped in between the caller's check and this write.
 */
export async function upsertOrders(db: Db, orgId: string, rows: OrderWrite[]): Promise<{ created: number; updated: number }> {
  if (rows.length === 0) return { created: 0, updated: 0 };
  const res = await db.query<{ created: number; updated: number }>(
    `WITH r AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb) AS r(
         ref text, name text, phone text, email text, address text, lon float8, lat float8, geocoded boolean,
         date_from date, date_to date, time_windows jsonb, service_s integer, demand float8[], skills text[],
         priority smallint, notes text, content_hash text)
     ), up AS (
       INSERT INTO orders AS o (org_id, ref, name, phone, email, address, location, geocoded, date_from, date_to,
                                time_windows, service_s, demand, skills, priority, notes, content_hash)
       SELECT $1, ref, name, phone, email, address, ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography, geocoded,
              date_from, date_to, time_windows, service_s, demand, skills, priority, notes, content_hash
         FROM r
       ON CONFLICT (org_id, ref) DO UPDATE SET
         name = EXCLUDED.name, phone = EXCLUDED.phone, email = EXCLUDED.email, address = EXCLUDED.address,
         location = EXCLUDED.location, geocoded = EXCLUDED.geocoded, date_from = EXCLUDED.date_from,
         date_to = EXCLUDED.date_to, time_windows = EXCLUDED.time_windows, service_s = EXCLUDED.service_s,
         demand = EXCLUDED.demand, skills = EXCLUDED.skills, priority = EXCLUDED.priority, notes = EXCLUDED.notes,
         content_hash = EXCLUDED.content_hash, updated_at = now()
       WHERE o.content_hash <> EXCLUDED.content_hash AND o.status NOT IN (${LOCKED})
       RETURNING (xmax = 0) AS inserted
     )
     SELECT (count(*) FILTER (WHERE inserted))::int AS created, (count(*) FILTER (WHERE NOT inserted))::int AS updated FROM up`,
    [orgId, JSON.stringify(rows)],
  );
  return res.rows[0] ?? { created: 0, updated: 0 };
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

export async function finishImport(db: Db, id: string, committed: boolean, c: ImportCounts): Promise<void> {
  await db.query(
    `UPDATE imports SET committed = $2, total_rows = $3, created = $4, updated = $5, unchanged = $6, rejected_rows = $7
      WHERE id = $1`,
    [id, committed, c.rows, c.created, c.updated, c.unchanged, c.rejected],
  );
}

export interface Rejection {
  row: number;
  errors: ImportRowError[];
  /** The row's cells as the file had them, for the rejected-rows CSV. */
  cells: string[];
}

/** Stores rejected rows; a row rejected twice (e.g. by validation, then the geocoder) keeps every error. */
export async function insertRejections(db: Db, importId: string, rejections: Rejection[]): Promise<void> {
  if (rejections.length === 0) return;
  await db.query(
    `INSERT INTO import_rejections (import_id, row_number, errors, cells)
     SELECT $1, r.row, r.errors, r.cells FROM jsonb_to_recordset($2::jsonb) AS r("row" integer, errors jsonb, cells jsonb)
     ON CONFLICT (import_id, row_number) DO UPDATE
       SET errors = import_rejections.errors || EXCLUDED.errors`,
    [importId, JSON.stringify(rejections)],
  );
}

export interface ImportInfo {
  id: string;
  columns: string[];
  delimiter: string;
  filename: string | null;
}

export async function findImport(db: Db, orgId: string, id: string): Promise<ImportInfo | null> {
  const res = await db.query<ImportInfo>(
    'SELECT id, columns, delimiter, filename FROM imports WHERE org_id = $1 AND id = $2',
    [orgId, id],
  );
  return res.rows[0] ?? null;
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
