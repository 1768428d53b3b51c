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
import type { ImportResult, ImportRowError, ImportRulesOutcome, ImportWarning } from '@tournee/shared';
import { LOCKED_ORDER_STATUSES } from '@tournee/shared';
import { learnedServiceDefaults } from '../../analytics/learned-service.ts';
import { type Actor, recordEvent } from '../../audit/audit.ts';
import type { EngineRule } from '../../automation/engine.ts';
import { holdNewOrders } from '../../automation/hold-new.ts';
import { heldRefs, RuleNotes, withExtras } from '../../automation/import-notes.ts';
import { intakeEngine } from '../../automation/service.ts';
import type { Db } from '../../db/db.ts';
import { AppError } from '../../errors.ts';
import { loadFleetSummary } from '../../fleet/fleet-summary.ts';
import { geocodeMany } from '../../geocoding/cache.ts';
import type { Geocoder } from '../../geocoding/geocoder.ts';
import { planColumns } from './headers.ts';
import { IMPORT_MESSAGES, type ImportMessages } from './messages.ts';
import { hashRow } from './row-hash.ts';
import * as repo from './import-repo.ts';
import { serviceabilityCheck } from './serviceability.ts';
import type { RowSource, SourceRow } from './sources.ts';
import { type RowContext, type ValidRow, validateRow, windowFields, withoutNul } from './validate-row.ts';
import { cellText, detached } from './values.ts';

/** Rows per database round trip; big enough to amortise it, small enough to keep memory flat. */
export const BATCH_SIZE = 1000;
/** Batches being written while the next one is read (2 measured no faster, and used more memory). */
export const PIPELINE_DEPTH = 1;
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
  /** What to say about rows and columns, in the request's language (English when absent). */
  messages?: ImportMessages;
  /**
   * Rejected rows stored for the rejected-rows CSV (IMPORT_REJECTIONS_MAX_ROWS); past it they are
   * still counted and reported, not stored: a 200 MB file of bad rows must not fill the database.
   * @default 10000
   */
  maxRejectedRows?: number;
  /** Rows farther than this from every depot are warned about (IMPORT_MAX_DEPOT_DISTANCE_KM). @default 150 */
  maxDepotDistanceKm?: number;
  /** Intake rules to run instead of the organisation's enabled ones (a preview of unsaved rules). */
  rules?: EngineRule[];
}

export const DEFAULT_MAX_REJECTED_ROWS = 10_000;

interface Pending {
  source: SourceRow;
  row: ValidRow;
  hash: string;
  geocoded: boolean;
}

/** A row the geocoder must place: its delivery, or its pickup, has no coordinates. */
const unplaced = (p: Pending): boolean => p.row.lon === null || (p.row.pickup ? p.row.pickup.lon === null : false);

/** A cell as the rejected-rows CSV should show it, so it re-imports as it was meant. */
export function displayCell(v: unknown): string {
  if (v instanceof Date) {
    if (v.getUTCFullYear() <= 1900) return v.toISOString().slice(11, 16); // an XLSX time cell
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return cellText(v);
}

/** Runs one import for the actor's organisation; never throws for bad rows, only for a bad file. */
export async function runImport(
  deps: ImportDeps,
  actor: Actor,
  req: ImportRequest,
): Promise<ImportResult & ImportRulesOutcome> {
  const { db, geocoder } = deps;
  const org = await db.query<{ dimensions: string[]; default_country: string; default_service_s: number }>(
    'SELECT dimensions, default_country, default_service_s FROM organisations WHERE id = $1',
    [actor.orgId],
  );
  const o = org.rows[0];
  if (!o) throw new AppError('not_found', 'Organisation not found');
  const { source } = req;
  const m = req.messages ?? IMPORT_MESSAGES.en;
  const nulAt = source.header.findIndex((h) => h.includes('\0'));
  if (nulAt >= 0) {
    const column = withoutNul(source.header[nulAt]!);
    const error = { row: 1, column, value: column, message: m.nulInHeader(nulAt + 1) };
    throw new AppError('unprocessable', error.message, { details: { errors: [error] } });
  }
  const plan = planColumns(source.header, o.dimensions, req.mapping, m);
  // Intake rules run on each row before it is validated (automation/): they see every column.
  const rules = await intakeEngine(db, actor.orgId, source.header, req.rules);
  const ruleNotes = new RuleNotes(MAX_ERRORS_IN_RESPONSE);
  const ctx: RowContext = {
    dimensions: o.dimensions,
    defaultCountry: o.default_country.trim().toUpperCase(),
    defaultServiceS: o.default_service_s,
    windows: windowFields(rules ? [...plan.fields, ...rules.writes] : plan.fields),
    messages: m,
  };
  if (plan.errors.length) {
    throw new AppError(
      'unprocessable',
      m.headerProblems(plan.errors.map((e) => `${e.column}: ${e.message}`).join('; ')),
      {
        details: { errors: plan.errors },
      },
    );
  }
  const columnName = new Map<string, string>();
  plan.fields.forEach((f, i) => {
    if (f && !columnName.has(f)) columnName.set(f, source.header[i]!);
  });
  const columnOf = (f: string) => columnName.get(f) ?? f;
  // Rows without service_min take the service time learned at their address (analytics/).
  const learned = learnedServiceDefaults(actor.orgId);
  const serviceAt = plan.fields.indexOf('service_min');
  const lacksServiceMin = (p: Pending) => serviceAt < 0 || cellText(p.source.cells[serviceAt]).trim() === '';
  // Warnings about the date name the column the file has: `date`, or `date_from`.
  const warningColumnOf = (f: string) => columnOf(f === 'date' && !columnName.has('date') ? 'date_from' : f);

  // The fleet is read once; each row is then checked in memory (a few comparisons, no query).
  const check = serviceabilityCheck(await loadFleetSummary(db, actor.orgId), {
    dimensions: o.dimensions,
    messages: m,
    maxDepotDistanceKm: req.maxDepotDistanceKm,
    today: new Date().toISOString().slice(0, 10),
  });

  return db.transaction(async (tx) => {
    const importId = await repo.insertImport(tx, {
      orgId: actor.orgId,
      userId: actor.userId,
      filename: req.filename,
      format: source.format,
      partial: req.partial,
      columns: source.header,
      delimiter: source.delimiter ?? ',',
    });
    // Each order remembers the import that created (and last changed) it: its history starts there.
    const origin: repo.ImportOrigin = { importId, source: source.format === 'json' ? 'api' : 'import' };
    const counts = { rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
    const errors: ImportRowError[] = [];
    const warnings: ImportWarning[] = [];
    /** Lists what the fleet cannot do for a row that is (or, once fixed, would be) imported. */
    const warn = (p: Pending) => {
      if (!check || warnings.length > MAX_ERRORS_IN_RESPONSE) return;
      for (const w of check(p.row, p.source.row, warningColumnOf, p.geocoded ? 'address' : 'lat')) warnings.push(w);
    };
    const seenRefs = new Map<string, number>();
    let writing = true; // false once a strict import has met a bad row: then only check
    let rejections: repo.Rejection[] = [];
    // Geocode results go to the cache outside the transaction on pg, so a rejected import
    // does not have to geocode again; PGlite has one connection, so there it stays inside.
    const cacheDb = db.kind === 'pg' ? db : tx;

    const maxKept = req.maxRejectedRows ?? DEFAULT_MAX_REJECTED_ROWS;
    const kept = new Set<number>(); // rows stored (a row rejected twice keeps both errors)
    let dropped = 0;
    const reject = (source: SourceRow, errs: ImportRowError[]) => {
      counts.rejected++;
      for (const e of errs) if (errors.length < MAX_ERRORS_IN_RESPONSE + 1) errors.push(e);
      if (kept.size >= maxKept && !kept.has(source.row)) {
        dropped++;
        return;
      }
      kept.add(source.row);
      rejections.push({ row: source.row, errors: errs, cells: source.cells.map(displayCell) });
    };

    const conflict = (p: Pending, status: string) =>
      reject(p.source, [
        {
          row: p.source.row,
          column: columnOf('ref'),
          value: p.row.ref,
          message: m.conflict(p.row.ref, status),
        },
      ]);

    /**
     * Writes a batch (or, once a strict import has failed, only checks it). Rows without
     * coordinates are first compared with the stored orders, so unchanged ones skip the geocoder.
     */
    const processBatch = async (db: Db, batch: Pending[]) => {
      let rows = batch;
      const needGeocoding = batch.filter(unplaced);
      if (needGeocoding.length || !writing) {
        const existing = await repo.findExisting(
          db,
          actor.orgId,
          (writing ? needGeocoding : batch).map((p) => p.row.ref),
        );
        rows = batch.filter((p) => {
          const e = existing.get(p.row.ref);
          if (!e || e.contentHash !== p.hash) return true;
          counts.unchanged++;
          warn(p); // without coordinates: its distance was checked when it was geocoded
          return false;
        });
        if (!writing) {
          rows = rows.filter((p) => {
            const e = existing.get(p.row.ref);
            if (!e || !(LOCKED_ORDER_STATUSES as string[]).includes(e.status)) return true;
            conflict(p, e.status);
            return false;
          });
        }
      }
      const located = await locate(cacheDb, rows);
      if (!writing) {
        for (const p of located) warn(p as Pending);
        return;
      }
      await learned.apply(db, (located as Pending[]).filter(lacksServiceMin));
      const done = await repo.upsertOrders(db, actor.orgId, located, origin);
      if (rules) await holdNewOrders(db, actor, importId, heldRefs(located));
      counts.created += done.created;
      counts.updated += done.updated;
      counts.unchanged += located.length - done.created - done.updated - done.conflicts.length;
      const refused = new Set(done.conflicts);
      for (const p of located) if (!refused.has(p.row.ref)) warn(p as Pending);
      if (done.conflicts.length) {
        const byRef = new Map(rows.map((p) => [p.row.ref, p]));
        const statuses = await repo.findExisting(db, actor.orgId, done.conflicts);
        for (const ref of done.conflicts) conflict(byRef.get(ref)!, statuses.get(ref)?.status ?? 'dispatched');
      }
    };

    /** Coordinates for every row: as given, or from the geocoder; rows it cannot place are rejected. */
    const locate = async (cache: Db, batch: Pending[]): Promise<repo.OrderWrite[]> => {
      const need = batch.filter(unplaced);
      if (need.length === 0) return batch as repo.OrderWrite[];
      // The delivery's address and, for a pickup and delivery order, the pickup's: one lookup.
      const addresses = need.flatMap((p) => [
        ...(p.row.lon === null ? [p.row.address] : []),
        ...(p.row.pickup && p.row.pickup.lon === null ? [p.row.pickup.address] : []),
      ]);
      const found = geocoder ? await geocodeMany(cache, geocoder, addresses, ctx.defaultCountry) : new Map();
      const out: repo.OrderWrite[] = [];
      for (const p of batch) {
        const { source, row } = p;
        if (row.lon === null || row.lat === null) {
          const g = found.get(row.address);
          const fail = (message: string) =>
            reject(source, [{ row: source.row, column: columnOf('address'), value: row.address, message }]);
          if (!geocoder) {
            fail(m.noGeocoder);
            continue;
          }
          if (g?.kind === 'not_found') {
            fail(m.notFound);
            continue;
          }
          if (g?.kind !== 'found') {
            fail(m.geocoderFailed(g?.message ?? 'no answer'));
            continue;
          }
          row.lon = g.result.lon;
          row.lat = g.result.lat;
          p.geocoded = true;
        }
        const pickup = row.pickup;
        if (pickup && (pickup.lon === null || pickup.lat === null)) {
          const g = found.get(pickup.address);
          const fail = (message: string) =>
            reject(source, [{ row: source.row, column: columnOf('pickup_address'), value: pickup.address, message }]);
          if (!geocoder) {
            fail(m.pickupNoGeocoder);
            continue;
          }
          if (g?.kind !== 'found') {
            fail(g?.kind === 'not_found' ? m.notFound : m.geocoderFailed(g?.message ?? 'no answer'));
            continue;
          }
          pickup.lon = g.result.lon;
          pickup.lat = g.result.lat;
        }
        out.push(p as repo.OrderWrite);
      }
      return out;
    };

    const chunks = source.rows[Symbol.asyncIterator]();
    let chunk: SourceRow[] = [];
    let at = 0;
    const width = plan.fields.length;
    /** Reads rows until a batch is full or the file ends; bad rows are rejected on the way. */
    const readBatch = async (): Promise<Pending[] | null> => {
      const batch: Pending[] = [];
      while (batch.length < BATCH_SIZE) {
        if (at >= chunk.length) {
          const next = await chunks.next();
          if (next.done) return batch.length ? batch : null;
          chunk = next.value;
          at = 0;
          continue;
        }
        const src = chunk[at++]!;
        counts.rows++;
        const record: Record<string, unknown> = {};
        for (let i = 0; i < width; i++) {
          const f = plan.fields[i];
          if (f) record[f] = src.cells[i];
        }
        const ran = rules?.run(record, src.cells, ruleNotes.tracing) ?? null;
        if (ran) ruleNotes.add(src.row, record.ref, ran);
        const result = validateRow(record, src.row, ctx, columnOf);
        if (result.ok && ran?.extras) withExtras(result.row, ran.extras);
        if (!result.ok) {
          reject(src, result.errors);
          continue;
        }
        const first = seenRefs.get(result.row.ref);
        if (first !== undefined) {
          reject(src, [
            {
              row: src.row,
              column: columnOf('ref'),
              value: result.row.ref,
              message: m.duplicateRef(first),
            },
          ]);
          continue;
        }
        seenRefs.set(detached(result.row.ref), src.row);
        batch.push({ source: src, row: result.row, hash: hashRow(result.row), geocoded: false });
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
        // Reading the next batches overlaps with the database writing the previous ones (their
        // statements queue on the transaction's connection, in order).
        const inflight: Promise<void>[] = [];
        const settle = async (keep: number) => {
          while (inflight.length > keep) await inflight.shift();
        };
        for (let batch = await readBatch(); batch; batch = await readBatch()) {
          await settle(PIPELINE_DEPTH - 1);
          if (!req.partial && counts.rejected > 0) {
            await settle(0);
            carried = batch;
            throw STOP;
          }
          // Partial imports keep their rejections (never rolled back): store them as they come.
          if (req.partial && rejections.length >= BATCH_SIZE) await flushRejections();
          const written = processBatch(sp, batch);
          written.catch(() => {}); // awaited by settle; this only keeps it from being "unhandled"
          inflight.push(written);
        }
        await settle(0);
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
    await repo.finishImport(tx, importId, committed, counts, dropped > 0 ? kept.size : null);
    await recordEvent(tx, actor, 'orders.import', 'import', importId, {
      format: source.format,
      filename: req.filename,
      partial: req.partial,
      committed,
      ...counts,
      ...(rules ? { rowsWithRules: ruleNotes.count } : {}),
    });
    return {
      importId,
      committed,
      partial: req.partial,
      ...counts,
      errors: errors.sort((a, b) => a.row - b.row).slice(0, MAX_ERRORS_IN_RESPONSE),
      errorsTruncated: errors.length > MAX_ERRORS_IN_RESPONSE,
      warnings: warnings.sort((a, b) => a.row - b.row).slice(0, MAX_ERRORS_IN_RESPONSE),
      warningsTruncated: warnings.length > MAX_ERRORS_IN_RESPONSE,
      ignoredColumns: plan.ignored,
      columns: source.header.map((header, i) => ({ header, field: plan.fields[i] ?? null })),
      rejectedCsv: counts.rejected ? `/api/orders/imports/${importId}/rejected.csv` : null,
      rejectedKept: kept.size,
      ...(dropped > 0 ? { rejectedNote: m.rejectedTruncated(kept.size, counts.rejected) } : {}),
      ...(rules ? { rulesApplied: ruleNotes.rows, rulesAppliedTruncated: ruleNotes.truncated } : {}),
    };
  });
}
