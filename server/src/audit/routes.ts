/**
 * The audit trail's API: `GET /api/audit` (admins: filters, keyset paging, `?format=csv` streams
 * every matching event) and `GET /api/orders/:id/history` (dispatchers and admins: one order's
 * chain of custody).
 */
import { AuditQuery } from '@tournee/shared';
import { type Response, Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { Db } from '../db/db.ts';
import { idOf } from '../fleet/http.ts';
import { parse } from '../http/validate.ts';
import { auditCsvHeader, auditCsvLine } from './csv.ts';
import { type AuditCursor, decodeCursor, timeRange } from './cursor.ts';
import { orderHistory } from './history.ts';
import { type AuditFilter, listEvents } from './repo.ts';

// Rows per query while streaming the CSV: memory stays flat whatever the size of the trail.
const CSV_BATCH = 1000;

export function auditRoutes(db: Db): Router {
  const r = Router();

  r.get('/audit', requireRole('admin'), async (req, res) => {
    const q = parse(AuditQuery, req.query, 'query');
    const filter: AuditFilter = {
      orgId: actorOf(req).orgId,
      entity: q.entity,
      entityId: q.entityId,
      userId: q.userId,
      action: q.action,
      ...timeRange(q.from, q.to),
    };
    const cursor = q.cursor ? decodeCursor(q.cursor) : null;
    if (q.format === 'csv') return streamCsv(db, res, filter, cursor);
    res.json(await listEvents(db, filter, cursor, q.limit));
  });

  r.get('/orders/:id/history', requireRole('admin', 'dispatcher'), async (req, res) => {
    res.json(await orderHistory(db, actorOf(req).orgId, idOf(req.params)));
  });

  return r;
}

/** Every event of the filter (from `cursor` on), newest first, written as it is read. */
async function streamCsv(db: Db, res: Response, filter: AuditFilter, from: AuditCursor | null): Promise<void> {
  // The first page is read before anything is sent, so a failing query still answers an error.
  let page = await listEvents(db, filter, from, CSV_BATCH);
  const day = new Date().toISOString().slice(0, 10);
  res.type('text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="audit-${day}.csv"`);
  res.setHeader('cache-control', 'no-store');
  res.write(auditCsvHeader());
  try {
    for (;;) {
      const chunk = page.items.map(auditCsvLine).join('');
      if (!res.write(chunk)) await drainedOrClosed(res);
      if (!page.nextCursor || res.destroyed) break;
      page = await listEvents(db, filter, decodeCursor(page.nextCursor), CSV_BATCH);
    }
    res.end();
  } catch (err) {
    // Headers are gone: the client sees a cut download rather than a CSV that looks complete.
    res.destroy(err as Error);
  }
}

/** Waits until the client takes more (or went away: then `res.destroyed` ends the loop). */
const drainedOrClosed = (res: Response) =>
  new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
