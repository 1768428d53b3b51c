/**
 * The import pipeline: rows stream in from a RowSource, are validated, de-duplicated by ref,
 * compared with the stored orders by content hash, geocoded when they have no coordinates, and
 * written in batches — all in one transaction. Its steps, each in its own module:
 *
 * 1. prepare (import-setup.ts): the organisation, the column plan, the intake rules, the fleet;
 * 2. read (read-batches.ts, check-rows.ts): rows checked one by one, gathered into batches;
 * 3. write (write-batch.ts): each batch placed and upserted, or only checked;
 * 4. finish (here): rejected rows stored, the import's record closed, the answer made.
 * What they find goes to one ImportTally (import-tally.ts).
 *
 * All-or-nothing without holding rows in memory: the orders are written inside a savepoint; at
 * the first bad row (strict mode) the savepoint is rolled back and the rest of the file is only
 * checked, so that every bad row is still reported. Rejected rows are written outside the
 * savepoint, so they survive to be downloaded as a CSV and fixed.
 */
import type { ImportResult, ImportRulesOutcome } from '@tournee/shared';
import { type Actor, recordEvent } from '../../audit/audit.ts';
import type { RuleNotes } from '../../automation/import-notes.ts';
import type { EngineRule } from '../../automation/engine.ts';
import type { Db } from '../../db/db.ts';
import type { Geocoder } from '../../geocoding/geocoder.ts';
import * as repo from './import-repo.ts';
import { type ImportSetup, prepareImport } from './import-setup.ts';
import { ImportTally, MAX_ERRORS_IN_RESPONSE } from './import-tally.ts';
import type { ImportMessages } from './messages.ts';
import { BATCH_SIZE, type Batch, type RowBatches, readBatches } from './read-batches.ts';
import type { RowThreadOptions } from './row-thread.ts';
import type { RowSource } from './sources.ts';
import { type BatchWriter, checkBatch, writeBatch } from './write-batch.ts';

export { displayCell, MAX_ERRORS_IN_RESPONSE } from './import-tally.ts';
export { BATCH_SIZE } from './read-batches.ts';
/**
 * Batches handed to the database before the oldest is awaited. The upsert itself is the import's
 * bottleneck (about 60 ms per 1,000 rows, most of the first import's time), so with 2 the next
 * statement is built and queued while the previous one runs and the connection never waits on
 * this thread: first import 8.8–9.5 s → 6.0–8.9 s in three paired runs of `pnpm bench:import`,
 * the same peak RSS.
 */
export const PIPELINE_DEPTH = 2;

export interface ImportDeps {
  db: Db;
  geocoder: Geocoder | null;
  /** When rows are checked in a worker thread (read-batches.ts); by default past ROW_THREAD_AFTER_ROWS rows. */
  rowThreads?: RowThreadOptions;
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

type ImportAnswer = ImportResult & ImportRulesOutcome;

/** One import under way: the writer's state, the request and its transaction. */
interface ImportRun extends BatchWriter {
  req: ImportRequest;
  tx: Db;
}

/** Runs one import for the actor's organisation; never throws for bad rows, only for a bad file. */
export async function runImport(deps: ImportDeps, actor: Actor, req: ImportRequest): Promise<ImportAnswer> {
  const setup = await prepareImport(deps.db, actor, req);
  return deps.db.transaction(async (tx) => {
    const run = await openImport(deps, tx, actor, req, setup);
    const batches = readBatches(req.source, setup, run.tally, deps.rowThreads);
    try {
      const stop = await writeInSavepoint(run, batches);
      if (stop) await checkRest(run, batches, stop.carried);
    } finally {
      await batches.close();
    }
    await storeRejections(run);
    return finishImport(run, batches.notes());
  });
}

/** Opens the import's record; each order remembers the import that created (and last changed) it. */
async function openImport(
  deps: ImportDeps,
  tx: Db,
  actor: Actor,
  req: ImportRequest,
  setup: ImportSetup,
): Promise<ImportRun> {
  const { source } = req;
  const importId = await repo.insertImport(tx, {
    orgId: actor.orgId,
    userId: actor.userId,
    filename: req.filename,
    format: source.format,
    partial: req.partial,
    columns: source.header,
    delimiter: source.delimiter ?? ',',
  });
  return {
    actor,
    setup,
    req,
    tx,
    tally: new ImportTally(setup, req.maxRejectedRows ?? DEFAULT_MAX_REJECTED_ROWS),
    geocoder: deps.geocoder,
    // Geocode results go to the cache outside the transaction on pg, so a rejected import
    // does not have to geocode again; PGlite has one connection, so there it stays inside.
    cacheDb: deps.db.kind === 'pg' ? deps.db : tx,
    importId,
    origin: { importId, source: source.format === 'json' ? 'api' : 'import' },
    compareFirst: true,
  };
}

const STOP = Symbol('stop writing');

/**
 * Writes the batches inside a savepoint, reading the next batch while the database writes the
 * previous one (their statements queue on the transaction's connection, in order). A strict
 * import that meets a bad row stops writing and rolls the savepoint back: the answer then says
 * so, with the batch read but not written.
 */
async function writeInSavepoint(run: ImportRun, batches: RowBatches): Promise<{ carried: Batch | null } | null> {
  const { req, tally } = run;
  const strictAndFailed = () => !req.partial && tally.counts.rejected > 0;
  let carried: Batch | null = null;
  try {
    await run.tx.transaction(async (sp) => {
      const inflight: Promise<void>[] = [];
      const settle = async (keep: number) => {
        while (inflight.length > keep) await inflight.shift();
      };
      for (let batch = await batches.next(); batch; batch = await batches.next()) {
        await settle(PIPELINE_DEPTH - 1);
        if (strictAndFailed()) {
          await settle(0);
          carried = batch;
          throw STOP;
        }
        // Partial imports keep their rejections (never rolled back): store them as they come.
        if (req.partial && tally.unstored >= BATCH_SIZE) await storeRejections(run);
        const written = writeBatch(run, sp, batch);
        written.catch(() => {}); // awaited by settle; this only keeps it from being "unhandled"
        inflight.push(written);
      }
      await settle(0);
      if (strictAndFailed()) throw STOP;
    });
  } catch (err) {
    if (err !== STOP) throw err;
    return { carried };
  }
  return null;
}

/** A strict import with a bad row: checks the rest of the file so every bad row is reported. */
async function checkRest(run: ImportRun, batches: RowBatches, carried: Batch | null): Promise<void> {
  for (let batch = carried ?? (await batches.next()); batch; batch = await batches.next()) {
    await checkBatch(run, run.tx, batch);
    if (run.tally.unstored >= BATCH_SIZE) await storeRejections(run);
  }
}

/** Stores the rejected rows met so far (outside the savepoint: they survive a rolled-back import). */
async function storeRejections(run: ImportRun): Promise<void> {
  await repo.insertRejections(run.tx, run.importId, run.tally.takeRejections());
}

/** Closes the import's record, audits it, and makes the answer. */
async function finishImport(run: ImportRun, notes: RuleNotes): Promise<ImportAnswer> {
  const { req, tally, setup, importId } = run;
  const { counts, errors, warnings, kept, dropped } = tally;
  const { source } = req;
  const rules = setup.rules !== null;
  const committed = req.partial || counts.rejected === 0;
  if (!committed) Object.assign(counts, { created: 0, updated: 0, unchanged: 0 });
  await repo.finishImport(run.tx, importId, committed, counts, dropped > 0 ? kept.size : null);
  await recordEvent(run.tx, run.actor, 'orders.import', 'import', importId, {
    format: source.format,
    filename: req.filename,
    partial: req.partial,
    committed,
    ...counts,
    ...(rules ? { rowsWithRules: notes.count } : {}),
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
    ignoredColumns: setup.plan.ignored,
    columns: source.header.map((header, i) => ({ header, field: setup.plan.fields[i] ?? null })),
    rejectedCsv: counts.rejected ? `/api/orders/imports/${importId}/rejected.csv` : null,
    rejectedKept: kept.size,
    ...(dropped > 0 ? { rejectedNote: setup.ctx.messages.rejectedTruncated(kept.size, counts.rejected) } : {}),
    ...(rules ? { rulesApplied: notes.rows, rulesAppliedTruncated: notes.truncated } : {}),
  };
}
