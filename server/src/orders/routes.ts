/**
 * Orders HTTP API (admin and dispatcher):
 *   POST   /api/orders/import                      CSV, XLSX or JSON array → ImportResult (200 or 422);
 *                                                   ?dryRun=true answers the same with a preview, writing nothing
 *   GET    /api/orders/imports/:id/rejected.csv    the rejected rows to fix and re-import
 *   POST   /api/orders                             {orders: [...]} (≤ 500) created or updated by ref through the
 *                                                   import pipeline; answered per order (create.ts)
 *   GET    /api/orders                             filters: from, to, status, q, bbox; limit, offset
 *   GET    /api/orders/:id                         the order with its visits, stops, hold, rating, and
 *                                                   the actions allowed now (detail.ts)
 *   PATCH  /api/orders/:id                         validated like an import row (pickup: set, or null to clear);
 *                                                   409 once dispatched
 *   DELETE /api/orders/:id                         cancels (the order is kept, status cancelled)
 */
import { CreateOrdersRequest, ImportOptions, OrderListQuery } from '@tournee/shared';
import { type RequestHandler, type Response, Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { AppError, found } from '../errors.ts';
import { geocoderFromConfig } from '../geocoding/geocoder.ts';
import { idParam, parse } from '../http/validate.ts';
import type { Logger } from '../logger.ts';
import { findImport, rejectionsPage } from './import/import-repo.ts';
import { previewImport } from './import/dry-run.ts';
import { runImport } from './import/pipeline.ts';
import { rejectedHeader, rejectedLine, rejectedNoteLine } from './import/rejected-csv.ts';
import { IMPORT_MESSAGES, importLang } from './import/messages.ts';
import { drainRequest, openUpload, uploadLimits } from './import/upload.ts';
import { createOrders } from './create.ts';
import { getOrderDetail } from './detail.ts';
import { OrderPatchWithPickup } from './pickup-patch.ts';
import * as service from './service.ts';

/** Writes to a response, waiting when its buffer is full (keeps big downloads flat in memory). */
async function write(res: Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
}

/**
 * `handlers` (the app's JSON body parser) for every request but the orders import, which reads
 * its own body: counted against IMPORT_MAX_BYTES, and a bad cell named by its row and column.
 */
export function exceptOrdersImport(handlers: RequestHandler | RequestHandler[]): RequestHandler {
  const inner = Router();
  inner.use(handlers);
  return (req, res, next) => {
    if (req.method === 'POST' && req.path === '/orders/import') next();
    else inner(req, res, next);
  };
}

export interface OrdersRoutesDeps {
  db: Db;
  config: Config;
  log: Logger;
  /** Takes a cancelled order off the routes it is planned on, in the cancel's transaction. */
  takeOffRoutes?: service.TakeOffRoutes;
}

export function ordersRoutes({ db, config, log, takeOffRoutes }: OrdersRoutesDeps): Router {
  const r = Router();
  const geocoder = geocoderFromConfig(config);
  const staff = requireRole('admin', 'dispatcher');
  const limits = uploadLimits(config);
  // What is left of a refused body is read (so the client gets the answer) up to this much more,
  // then the connection is closed: a client that keeps sending gets no more of our time.
  const drainBytes = Math.max(4 * limits.maxBytes, 64 * 1024 * 1024);

  r.post('/orders/import', staff, async (req, res) => {
    const actor = actorOf(req);
    const query = req.query as Record<string, unknown>;
    // Files, rows and columns are explained in the dispatcher's language (Accept-Language: fr or en).
    const messages = IMPORT_MESSAGES[importLang(req.get('accept-language'))];
    let options = parse(ImportOptions, query, 'query');
    try {
      const upload = await openUpload(req, (fields) => fields.sheet ?? options.sheet, messages, limits);
      options = parse(ImportOptions, { ...query, ...upload.fields }, 'options');
      const importRequest = {
        source: upload.source,
        filename: upload.filename,
        partial: options.partial,
        mapping: options.mapping ?? {},
        messages,
        maxRejectedRows: config.IMPORT_REJECTIONS_MAX_ROWS,
        maxDepotDistanceKm: config.IMPORT_MAX_DEPOT_DISTANCE_KM,
      };
      const result = options.dryRun
        ? await previewImport({ db, geocoder }, actor, importRequest)
        : await runImport({ db, geocoder }, actor, importRequest);
      await drainRequest(req, drainBytes);
      log.info({ ...result, errors: undefined, warnings: result.warnings.length }, 'orders imported');
      if (result.committed || result.dryRun) {
        res.json(result);
      } else {
        const message = messages.rejectedNothingImported(result.rejected);
        res.status(422).json({ ...result, error: { code: 'unprocessable', message, details: result.errors } });
      }
    } catch (err) {
      await drainRequest(req, drainBytes);
      // A file that cannot be read at all still answers in the shape of an import result.
      if (err instanceof AppError && err.code === 'unprocessable') {
        const errors = (err.details as { errors?: unknown[] } | undefined)?.errors ?? [];
        res.status(422).json({
          importId: null,
          committed: false,
          partial: options.partial,
          rows: 0,
          created: 0,
          updated: 0,
          unchanged: 0,
          rejected: 0,
          errors,
          errorsTruncated: false,
          warnings: [],
          ignoredColumns: [],
          rejectedCsv: null,
          columns: [],
          error: { code: err.code, message: err.message, details: errors },
        });
        return;
      }
      throw err;
    }
  });

  r.get('/orders/imports/:id/rejected.csv', staff, async (req, res) => {
    const actor = actorOf(req);
    const id = idParam(req.params);
    const imp = found(await findImport(db, actor.orgId, id), 'Import');
    const lang = importLang(req.get('accept-language'));
    const messages = IMPORT_MESSAGES[lang];
    if (imp.rejectionsPurgedAt && imp.rejectedRows > 0) {
      throw new AppError('not_found', messages.rejectionsPurged(config.IMPORT_REJECTIONS_RETENTION_DAYS));
    }
    const base = (imp.filename ?? 'orders').replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_');
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${base}-rejected.csv"`);
    await write(res, rejectedHeader(imp.columns, imp.delimiter, lang));
    for (let after = 0; ; ) {
      const page = await rejectionsPage(db, imp.id, after, 2000);
      if (page.length === 0) break;
      await write(res, page.map((rej) => rejectedLine(imp.columns, rej, imp.delimiter, lang)).join(''));
      after = page[page.length - 1]!.row;
    }
    // Cut short at IMPORT_REJECTIONS_MAX_ROWS: the last line says so, in the error column.
    if (imp.rejectedKept !== null) {
      const note = messages.rejectedTruncated(imp.rejectedKept, imp.rejectedRows);
      await write(res, rejectedNoteLine(imp.columns, note, imp.delimiter));
    }
    res.end();
  });

  r.post('/orders', staff, async (req, res) => {
    const body = parse(CreateOrdersRequest, req.body);
    // Fields are explained in the caller's language, as for an import.
    const messages = IMPORT_MESSAGES[importLang(req.get('accept-language'))];
    const deps = { db, geocoder, maxDepotDistanceKm: config.IMPORT_MAX_DEPOT_DISTANCE_KM };
    const results = await createOrders(deps, actorOf(req), body, messages);
    log.info({ orders: results.length }, 'orders posted');
    res.json({ results });
  });

  r.get('/orders', staff, async (req, res) => {
    const q = parse(OrderListQuery, req.query, 'query');
    res.json(await service.listOrders(db, actorOf(req), q));
  });

  r.get('/orders/:id', staff, async (req, res) => {
    res.json(await getOrderDetail(db, actorOf(req), idParam(req.params)));
  });

  r.patch('/orders/:id', staff, async (req, res) => {
    const patch = parse(OrderPatchWithPickup, req.body);
    res.json(await service.patchOrder({ db, geocoder }, actorOf(req), idParam(req.params), patch));
  });

  r.delete('/orders/:id', staff, async (req, res) => {
    const actor = actorOf(req);
    res.json(await service.cancelOrder({ db, takeOffRoutes }, actor, idParam(req.params)));
  });

  return r;
}
