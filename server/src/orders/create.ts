/**
 * POST /api/orders: up to 500 orders created or updated by `ref`, answered one by one. The
 * orders go through the import pipeline itself (runImport over a JSON row source, good rows
 * written and bad ones reported), so they get the same validation, de-duplication, geocoding,
 * warnings and upsert as a file — and whatever the pipeline learns later, they learn too.
 *
 * The pipeline answers counts; each order's own outcome is read back from what it left: the
 * rows it rejected carry their row number (the order's position), and every order it wrote
 * carries this import's id as `last_import_id` (as `import_id` too when it created it).
 */
import type { CreateOrdersRequest, OrderFieldError, OrderUpsertResult } from '@tournee/shared';
import type { Actor } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import type { Geocoder } from '../geocoding/geocoder.ts';
import { rejectionsPage } from './import/import-repo.ts';
import { IMPORT_MESSAGES, type ImportMessages } from './import/messages.ts';
import { runImport } from './import/pipeline.ts';
import { jsonSource } from './import/sources.ts';
import { cellText } from './import/values.ts';
import { findByRefs } from './repo.ts';

export interface CreateOrdersDeps {
  db: Db;
  geocoder: Geocoder | null;
  /** Rows farther than this from every depot are warned about (IMPORT_MAX_DEPOT_DISTANCE_KM). */
  maxDepotDistanceKm?: number;
}

/** Creates, updates or leaves each posted order; never throws for a bad order, only for a bad body. */
export async function createOrders(
  deps: CreateOrdersDeps,
  actor: Actor,
  body: CreateOrdersRequest,
  messages: ImportMessages = IMPORT_MESSAGES.en,
): Promise<OrderUpsertResult[]> {
  const items = body.orders as Record<string, unknown>[];
  const result = await runImport({ db: deps.db, geocoder: deps.geocoder }, actor, {
    source: jsonSource(items, messages),
    filename: null,
    // Each order stands alone: a bad one is reported, the others are written.
    partial: true,
    mapping: {},
    messages,
    maxDepotDistanceKm: deps.maxDepotDistanceKm,
  });
  // The key that holds the ref: `ref`, or an alias of it (`reference`, `Référence`…).
  const refKey = result.columns.find((c) => c.field === 'ref')?.header;
  const refOf = (item: Record<string, unknown>) => (refKey ? cellText(item[refKey]) : '');

  // Every rejected row as stored for the rejected-rows CSV (the response's list stops at 1,000 errors).
  const errorsAt = new Map<number, OrderFieldError[]>();
  const rejections = result.importId ? await rejectionsPage(deps.db, result.importId, 0, items.length) : [];
  for (const r of rejections) {
    errorsAt.set(
      r.row,
      r.errors.map((e) => ({ field: e.column, value: e.value, message: e.message })),
    );
  }
  const warningsAt = new Map<number, string[]>();
  for (const w of result.warnings) warningsAt.set(w.row, [...(warningsAt.get(w.row) ?? []), w.message]);

  const stored = await findByRefs(
    deps.db,
    actor.orgId,
    items.map(refOf).filter((r) => r !== ''),
  );
  return items.map((item, i): OrderUpsertResult => {
    const row = i + 1; // a JSON source numbers its rows from 1
    const ref = refOf(item);
    const warnings = warningsAt.get(row);
    const errors = errorsAt.get(row);
    if (errors) return { ref, status: 'rejected', errors };
    const o = stored.get(ref);
    // Only a pipeline failure could leave a valid order unwritten: say so rather than guess.
    if (!o) return { ref, status: 'rejected', errors: [{ field: 'ref', value: ref, message: 'was not written' }] };
    const status =
      o.lastImportId !== result.importId ? 'unchanged' : o.importId === result.importId ? 'created' : 'updated';
    return { ref, status, id: o.id, ...(warnings ? { warnings } : {}) };
  });
}
