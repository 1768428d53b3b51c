/**
 * Tracking for dispatchers:
 *   GET /api/tracking/latest?date=   latest position per driver (with `stale` after 5 minutes)
 *   GET /api/stops/:id/events        the stop's events in the order applied, with their proof files
 *   GET /api/proofs/:id              one proof file's bytes (typed by its bytes, nosniff)
 *   POST /api/stops/:id/delivery-code/unlock   the stop accepts delivery codes again (after 5 wrong ones)
 */
import { LocalDateField } from '@tournee/shared';
import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { Db } from '../db/db.ts';
import { idOf } from '../fleet/http.ts';
import { parse } from '../http/validate.ts';
import { unlockDeliveryCode } from './delivery-code.ts';
import { listLatest } from './position-repo.ts';
import { readProof, stopHistory } from './proof.ts';

const LatestQuery = z.object({ date: LocalDateField.optional() });

export function trackingRoutes(db: Db): Router {
  const r = Router();
  const staff = requireRole('admin', 'dispatcher');
  r.get('/tracking/latest', staff, async (req, res) => {
    const { date } = parse(LatestQuery, req.query, 'query');
    res.json({ items: await listLatest(db, actorOf(req).orgId, date) });
  });
  r.get('/stops/:id/events', staff, async (req, res) => {
    res.json({ items: await stopHistory(db, actorOf(req).orgId, idOf(req.params)) });
  });
  r.post('/stops/:id/delivery-code/unlock', staff, async (req, res) => {
    res.json(await unlockDeliveryCode(db, actorOf(req), idOf(req.params)));
  });
  r.get('/proofs/:id', staff, async (req, res) => {
    const f = await readProof(db, actorOf(req).orgId, idOf(req.params));
    // The type comes from the file's bytes; nosniff stops a browser from guessing another.
    res.setHeader('content-type', f.contentType);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('content-disposition', f.image ? 'inline' : 'attachment');
    res.setHeader('cache-control', 'private, max-age=86400');
    res.send(f.data);
  });
  return r;
}
