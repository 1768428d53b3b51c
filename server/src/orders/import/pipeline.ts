/**
 * The import pipeline: rows stream in from a RowSource, are validated, de-duplicated by ref,
 * compared with the stored orders by content hash, geocoded when they have no coordinates, and
 * written in batches — all in one transaction.
 *
 * All-or-nothing without holding rows in memory: the orders are written inside a savepoint; at
 * the first bad row (strict mode) the savepoint is rolled back and the rest of the file is only
 * checked, so that every bad row is still reported. Rejected rows are written outside the
 * savepoint, so they survive to be downloaded as a CSV and fixed.
 */
import { createHash } from 'node:crypto';
import type { ImportResult, ImportRowError } from '@tournee/shared';
import { LOCKED_ORDER_STATUSES } from '@tournee/shared';
import { type Actor, recordEvent } from '../../audit/audit.ts';
import type { Db } from '../../db/db.ts';
import { AppError } from '../../errors.ts';
import { geocodeMany } from '../../geocoding/cache.ts';
import type { Geocoder } from '../../geocoding/geocoder.ts';
import { planColumns } from './headers.ts';
import * as repo from './import-repo.ts';
import type { RowSource, SourceRow } from './sources.ts';
import { type RowContext, type ValidRow, validateRow } from './validate-row.ts';
import { cellText } from './values.ts';

/** Rows per database round trip; big enough to amortise it, small enough to keep memory flat. */
export const BATCH_SIZE = 2000;
/** Errors listed in the response; the rejected-rows CSV has them all. */
export const MAX_ERRORS_IN_RESPONSE = 1000;

export interface ImportDeps {
  db: Db;
  geocoder: Geocoder | null;
}

export interface ImportRequest {
  source: RowSource;
  filename: string | null;
  partial: boolean;
  mapping: Record<string, string>;
}

interface Pending {
  source: SourceRow;
  row: ValidRow;
  hash: string;
}

/** The content hash of a row as validated (before geocoding, so a re-import skips the geocoder). */
export const hashRow = (r: ValidRow) => createHash('sha1').update(JSON.stringify(r)).digest('base64');

/** A cell as the rejected-rows CSV should show it, so it re-imports as it was meant. */
function displayCell(v: unknown): string {
  if (v instanceof Date) {
    if (v.getUTCFullYear() <= 1900) return v.toISOString().slice(11, 16); // an XLSX time cell
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return cellText(v);
}

/** Runs one import for the actor's organisation; never throws for bad rows, only for a bad file. */
export async function runImport(deps: ImportDeps, actor: Actor, req: ImportRequest): Promise<ImportResult> {
  const { db, geocoder } = deps;
  const org = await db.query<{ dimensions: string[]; default_country: string; default_service_s: number }>(
    'SELECT dimensions, default_country, default_service_s FROM organisations WHERE id = $1',
    [actor.orgId],
  );
  const o = org.rows[0];
  if (!o) throw new AppError('not_found', 'Organisation not found');
  const ctx: RowContext = { dimensions: o.dimensions, defaultCountry: o.default_country.trim(), defaultServiceS: o.default_service_s };
  const { source } = req;
  const plan = planColumns(source.header, ctx.dimensions, req.mapping);
  if (plan.errors.length) {
    throw new AppError('unprocessable', `The header row has problems: ${plan.errors.map((e) => `${e.column}: ${e.message}`).join('; ')}`, {
      details: { errors: plan.errors },
    });
  }
  const columnName = new Map<string, string>();
  plan.fields.forEach((f, i) => f && !columnName.has(f) && columnName.set(f, source.header[i]!));
  const columnOf = (f: string) => columnName.get(f) ?? f;

  return db.transaction(async (tx) => {
    const importId = await repo.insertImport(tx, {
      orgId: actor.orgId, userId: actor.userId, filename: req.filename, format: source.format,
      partial: req.partial, columns: source.header, delimiter: source.delimiter ?? ',',
    });
    const counts = { rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
    const errors: ImportRowError[] = [];
    const seenRefs = new Map<string, number>();
    let writing = true; // false once a strict import has met a bad row: then only check
    let rejections: repo.Rejection[] = [];
    // Geocode results go to the cache outside the transaction on pg, so a rejected import
    // does not have to geocode again; PGlite has one connection, so there it stays inside.
    const cacheDb = db.kind === 'pg' ? db : tx;

    const reject = (source: SourceRow, errs: ImportRowError[]) => {
      counts.rejected++;
      for (const e of errs) if (errors.length < MAX_ERRORS_IN_RESPONSE + 1) errors.push(e);
      rejections.push({ row: source.row, errors: errs, cells: source.cells.map(displayCell) });
    };

    /** Checks a batch against the stored orders, geocodes what needs it, writes it if allowed. */
    const processBatch = async (db: Db, batch: Pending[]) => {
      const existing = await repo.findExisting(db, actor.orgId, batch.map((p) => p.row.ref));
      const toWrite: Pending[] = [];
      for (const p of batch) {
        const e = existing.get(p.row.ref);
        if (e && e.contentHash === p.hash) counts.unchanged++;
        else if (e && (LOCKED_ORDER_STATUSES as string[]).includes(e.status)) {
          reject(p.source, [{ row: p.source.row, column: columnOf('ref'), value: p.row.ref,
            message: `conflict: order ${p.row.ref} is already ${e.status} and can no longer be changed by an import` }]);
        } else toWrite.push(p);
      }
      const located = await locate(cacheDb, toWrite);
      if (writing && (req.partial || counts.rejected === 0)) {
        const done = await repo.upsertOrders(db, actor.orgId, located);
        counts.created += done.created;
        counts.updated += done.updated;
        counts.unchanged += located.length - done.created - done.updated;
      }
    };

    /** Coordinates for every row: as given, or from the geocoder; rows it cannot place are rejected. */
    const locate = async (cache: Db, batch: Pending[]): Promise<repo.OrderWrite[]> => {
      const need = batch.filter((p) => p.row.lon === null).map((p) => p.row.address);
      const found = geocoder && need.length ? await geocodeMany(cache, geocoder, need, ctx.defaultCountry) : new Map();
      const out: repo.OrderWrite[] = [];
      for (const { source, row, hash } of batch) {
        let lon = row.lon;
        let lat = row.lat;
        if (lon === null || lat === null) {
          const g = found.get(row.address);
          const fail = (message: string) =>
            reject(source, [{ row: source.row, column: columnOf('address'), value: row.address, message }]);
          if (!geocoder) { fail('has no lat and lon, and no geocoder is configured (GEOCODER_URL) to find them: add lat and lon'); continue; }
          if (g?.kind === 'not_found') { fail('was not found by the geocoder: check the address or add lat and lon'); continue; }
          if (g?.kind !== 'found') { fail(`could not be geocoded (${g?.message ?? 'no answer'}): try again later or add lat and lon`); continue; }
          ({ lon, lat } = g.result);
        }
        out.push({
          ref: row.ref, name: row.name, phone: row.phone, email: row.email, address: row.address,
          lon: lon!, lat: lat!, geocoded: row.lon === null, date_from: row.dateFrom, date_to: row.dateTo,
          time_windows: row.timeWindows, service_s: row.serviceS, demand: row.demand, skills: row.skills,
          priority: row.priority, notes: row.notes, content_hash: hash,
        });
      }
      return out;
    };

    const rows = source.rows[Symbol.asyncIterator]();
    /** Reads rows until a batch is full or the file ends; bad rows are rejected on the way. */
    const readBatch = async (): Promise<Pending[] | null> => {
      const batch: Pending[] = [];
      while (batch.length < BATCH_SIZE) {
        const next = await rows.next();
        if (next.done) return batch.length ? batch : null;
        const src = next.value;
        counts.rows++;
        const record: Record<string, unknown> = {};
        plan.fields.forEach((f, i) => { if (f) record[f] = src.cells[i]; });
        const result = validateRow(record, src.row, ctx, columnOf);
        if (!result.ok) { reject(src, result.errors); continue; }
        const first = seenRefs.get(result.row.ref);
        if (first !== undefined) {
          reject(src, [{ row: src.row, column: columnOf('ref'), value: result.row.ref, message: `appears again: row ${first} has the same ref` }]);
          continue;
        }
        seenRefs.set(result.row.ref, src.row);
        batch.push({ source: src, row: result.row, hash: hashRow(result.row) });
      }
      return batch;
    };

    const flushRejections = async () => {
      const out = rejections;
      rejections = [];
      await repo.insertRejections(tx, importId, out);
    };

    const STOP = Symbol('stop writing');
    let carried: Pending[] | null = null; // the batch read when a strict import stopped writing
    try {
      await tx.transaction(async (sp) => {
        // Reading the next batch overlaps with the database writing the previous one.
        let inflight: Promise<void> | null = null;
        for (let batch = await readBatch(); batch; batch = await readBatch()) {
          if (inflight) await inflight;
          if (!req.partial && counts.rejected > 0) {
            carried = batch;
            throw STOP;
          }
          // Partial imports keep their rejections (never rolled back): store them as they come.
          if (req.partial && rejections.length >= BATCH_SIZE) await flushRejections();
          inflight = processBatch(sp, batch);
          inflight.catch(() => {});
        }
        if (inflight) await inflight;
        if (!req.partial && counts.rejected > 0) throw STOP;
      });
    } catch (err) {
      if (err !== STOP) throw err;
      // Strict import with a bad row: the orders written so far were rolled back with the
      // savepoint; check the rest of the file so every bad row is reported.
      writing = false;
      for (let batch = carried ?? (await readBatch()); batch; batch = await readBatch()) {
        await processBatch(tx, batch);
        if (rejections.length >= BATCH_SIZE) await flushRejections();
      }
    }
    await flushRejections();

    const committed = req.partial || counts.rejected === 0;
    if (!committed) Object.assign(counts, { created: 0, updated: 0, unchanged: 0 });
    await repo.finishImport(tx, importId, committed, counts);
    await recordEvent(tx, actor, 'orders.import', 'import', importId, {
      format: source.format, filename: req.filename, partial: req.partial, committed, ...counts,
    });
    return {
      importId, committed, partial: req.partial, ...counts,
      errors: errors.sort((a, b) => a.row - b.row).slice(0, MAX_ERRORS_IN_RESPONSE),
      errorsTruncated: errors.length > MAX_ERRORS_IN_RESPONSE,
      ignoredColumns: plan.ignored,
      rejectedCsv: counts.rejected ? `/api/orders/imports/${importId}/rejected.csv` : null,
    };
  });
}
