/**
 * The writing step of an import: one batch of validated rows is placed (coordinates given, or
 * geocoded), given learned service times, and upserted; or, once a strict import has met a bad
 * row, only checked (conflicts, geocoding, warnings) so that every bad row is still reported.
 */
import { LOCKED_ORDER_STATUSES } from '@tournee/shared';
import type { Actor } from '../../audit/audit.ts';
import { holdNewOrders } from '../../automation/hold-new.ts';
import { heldRefs } from '../../automation/import-notes.ts';
import type { Db } from '../../db/db.ts';
import { geocodeMany } from '../../geocoding/cache.ts';
import type { Geocoder } from '../../geocoding/geocoder.ts';
import * as repo from './import-repo.ts';
import type { ImportSetup } from './import-setup.ts';
import { concatColumns, keysOf, type RowWarnings, writeColumns } from './import-columns.ts';
import type { ImportTally, Pending } from './import-tally.ts';
import type { Batch, ReadyChunk } from './read-batches.ts';
import type { SourceRow } from './sources.ts';

/** What the writer of one import works with. */
export interface BatchWriter {
  actor: Actor;
  setup: ImportSetup;
  tally: ImportTally;
  geocoder: Geocoder | null;
  /** Where geocoding results are cached (outside the import's transaction on pg). */
  cacheDb: Db;
  importId: string;
  origin: repo.ImportOrigin;
  /**
   * True while the stored orders may hold the batches' refs (a re-import): each batch is then
   * compared with them first, and only its new and changed rows are sent to be written. Off
   * after a batch of only new orders (a first import), on again when a batch meets stored ones.
   */
  compareFirst: boolean;
}

/** A row the geocoder must place: its delivery, or its pickup, has no coordinates. */
const unplaced = (p: Pending): boolean => p.row.lon === null || (p.row.pickup ? p.row.pickup.lon === null : false);

const LOCKED: readonly string[] = LOCKED_ORDER_STATUSES;

/**
 * Writes a batch. Rows without coordinates (and every row, while compareFirst) are first
 * compared with the stored orders, so unchanged ones skip the geocoder and the upsert; a ready
 * chunk (see ReadyRows) is left out only when all its rows are unchanged.
 */
export async function writeBatch(w: BatchWriter, db: Db, batch: Batch): Promise<void> {
  const { actor } = w;
  let { rows, ready } = batch;
  const compared = w.compareFirst ? rows : rows.filter(unplaced);
  if (compared.length || (w.compareFirst && ready.length)) {
    const refs = compared.map((p) => p.row.ref);
    if (w.compareFirst) for (const c of ready) for (const ref of c.refs) refs.push(ref);
    const existing = await repo.findExisting(db, actor.orgId, refs);
    rows = withoutUnchanged(w, rows, existing);
    if (w.compareFirst) ready = ready.filter((c) => !allUnchanged(w, c, existing));
    if (w.compareFirst && existing.size === 0) w.compareFirst = false;
  }
  const located = await locate(w, rows);
  await w.setup.learned.apply(
    db,
    located.filter((p) => p.learnService),
  );
  return upsertAndTally(w, db, prepareWrite(w, located, ready));
}

/**
 * A batch made ready to write: the statement, and what the answer needs afterwards — each row's
 * source and the rows' warnings — but not the rows, which can then be collected while the
 * database writes.
 */
interface PreparedWrite {
  upsert: repo.PreparedUpsert;
  sources: SourceRow[];
  warnings: RowWarnings;
  held: string[];
}

function prepareWrite(w: BatchWriter, located: Located[], ready: ReadyChunk[]): PreparedWrite {
  const { tally } = w;
  const sources = located.map((p) => p.source);
  const warnings: RowWarnings = [];
  located.forEach((p, i) => {
    const found = tally.warningsFor(p);
    if (found.length) warnings.push([i, found]);
  });
  for (const c of ready) {
    const at = sources.length;
    if (tally.listsWarnings()) for (const [i, found] of c.warnings) warnings.push([at + i, found]);
    for (const s of c.sources) sources.push(s);
  }
  const columns = concatColumns([writeColumns(located), ...ready.map((c) => c.columns)]);
  return {
    upsert: repo.prepareUpsert(w.actor.orgId, columns, w.origin),
    sources,
    warnings,
    held: w.setup.rules ? heldRefs(located) : [],
  };
}

async function upsertAndTally(w: BatchWriter, db: Db, prepared: PreparedWrite): Promise<void> {
  const { tally, actor } = w;
  const { upsert, sources, warnings } = prepared;
  const done = await repo.runUpsert(db, actor.orgId, upsert);
  await holdNewOrders(db, actor, w.importId, prepared.held);
  const written = upsert.columns.count;
  if (done.created < written) w.compareFirst = true;
  tally.counts.created += done.created;
  tally.counts.updated += done.updated;
  tally.counts.unchanged += written - done.created - done.updated - done.conflicts.length;
  if (done.conflicts.length === 0) {
    for (const [, found] of warnings) tally.addWarnings(found);
    return;
  }
  const { refs } = keysOf(upsert.columns);
  const refused = new Set(done.conflicts);
  for (const [i, found] of warnings) if (!refused.has(refs[i]!)) tally.addWarnings(found);
  const at = new Map(refs.map((ref, i) => [ref, i]));
  const statuses = await repo.findExisting(db, actor.orgId, done.conflicts);
  for (const ref of done.conflicts) {
    tally.conflict(ref, sources[at.get(ref)!]!, statuses.get(ref)?.status ?? 'dispatched');
  }
}

/**
 * Checks a batch without writing it (a strict import that met a bad row): conflicts with locked
 * orders, geocoding and warnings are still found and reported.
 */
export async function checkBatch(w: BatchWriter, db: Db, batch: Batch): Promise<void> {
  const { tally } = w;
  const refs = batch.rows.map((p) => p.row.ref);
  for (const c of batch.ready) for (const ref of c.refs) refs.push(ref);
  const existing = await repo.findExisting(db, w.actor.orgId, refs);
  const rows = withoutUnchanged(w, batch.rows, existing).filter((p) => {
    const e = existing.get(p.row.ref);
    if (!e || !LOCKED.includes(e.status)) return true;
    tally.conflict(p.row.ref, p.source, e.status);
    return false;
  });
  for (const p of await locate(w, rows)) tally.warn(p);
  // Ready rows have their coordinates: the same steps, without the geocoder.
  for (const c of batch.ready) {
    const warned = new Map(c.warnings);
    for (let i = 0; i < c.refs.length; i++) {
      const e = existing.get(c.refs[i]!);
      if (e && e.contentHash === c.hashes[i]) tally.counts.unchanged++;
      else if (e && LOCKED.includes(e.status)) {
        tally.conflict(c.refs[i]!, c.sources[i]!, e.status);
        continue;
      }
      if (tally.listsWarnings()) tally.addWarnings(warned.get(i) ?? []);
    }
  }
}

/** Whether every row of `c` is stored unchanged; if so they are counted so, with their warnings. */
function allUnchanged(w: BatchWriter, c: ReadyChunk, existing: Map<string, repo.Existing>): boolean {
  for (let i = 0; i < c.refs.length; i++) if (existing.get(c.refs[i]!)?.contentHash !== c.hashes[i]) return false;
  w.tally.counts.unchanged += c.refs.length;
  for (const [, ws] of c.warnings) if (w.tally.listsWarnings()) w.tally.addWarnings(ws);
  return true;
}

/** The rows whose stored order differs (or does not exist); the others are counted unchanged. */
function withoutUnchanged(w: BatchWriter, batch: Pending[], existing: Map<string, repo.Existing>): Pending[] {
  return batch.filter((p) => {
    const e = existing.get(p.row.ref);
    if (!e || e.contentHash !== p.hash) return true;
    w.tally.counts.unchanged++;
    w.tally.warn(p); // without coordinates: its distance was checked when it was geocoded
    return false;
  });
}

type Located = Pending & repo.OrderWrite;

/** Coordinates for every row: as given, or from the geocoder; rows it cannot place are rejected. */
async function locate(w: BatchWriter, batch: Pending[]): Promise<Located[]> {
  const need = batch.filter(unplaced);
  if (need.length === 0) return batch as Located[];
  const { geocoder, tally } = w;
  const { columnOf, ctx } = w.setup;
  const m = ctx.messages;
  // The delivery's address and, for a pickup and delivery order, the pickup's: one lookup.
  const addresses = need.flatMap((p) => [
    ...(p.row.lon === null ? [p.row.address] : []),
    ...(p.row.pickup && p.row.pickup.lon === null ? [p.row.pickup.address] : []),
  ]);
  const found = geocoder ? await geocodeMany(w.cacheDb, geocoder, addresses, ctx.defaultCountry) : new Map();
  const out: Located[] = [];
  for (const p of batch) {
    const { source, row } = p;
    if (row.lon === null || row.lat === null) {
      const g = found.get(row.address);
      const fail = (message: string) =>
        tally.reject(source, [{ row: source.row, column: columnOf('address'), value: row.address, message }]);
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
        tally.reject(source, [{ row: source.row, column: columnOf('pickup_address'), value: pickup.address, message }]);
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
    out.push(p as Located);
  }
  return out;
}
