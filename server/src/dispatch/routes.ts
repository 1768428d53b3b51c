/**
 * Dispatch HTTP API:
 *   POST /api/dispatch/edits        EditRequest → EditResult; 422 with the violations unless force
 *   POST /api/dispatch/publish      { date } or { routeIds } → PublishResult
 *   GET  /api/dispatch/publish/preview?date=   what publishing the day will do (routes, orders, sms, email, drivers)
 *   POST /api/dispatch/insert       urgent orders into a day → InsertResult (inserted, moved stops)
 *   POST /api/routes/:id/lock       { locked } a whole route
 *   POST /api/stops/:id/lock        { locked } one stop's position
 *   POST /api/routes/:id/start-override  { allowed } lets the driver start it on another day (audited)
 *   GET  /api/route-sheets?date=[&driverId=]&format=csv|html&lang=   route sheets (route-sheet-routes.ts)
 */
import {
  EditRequest,
  InsertRequest,
  LocalDateField,
  LockRequest,
  PublishRequest,
  StartOverrideRequest,
} from '@tournee/shared';
import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { idParam, parse } from '../http/validate.ts';
import type { DomainPublisher } from '../events/bus.ts';
import { applyEdit } from './edit-service.ts';
import { insertUrgent } from './insert-service.ts';
import { lockRoute, lockStop, publish, setStartOverride } from './publish-service.ts';
import { previewPublish } from './publish-preview.ts';
import { routeSheetRoutes } from './route-sheet-routes.ts';

export function dispatchRoutes(deps: { db: Db; config: Config; bus: DomainPublisher }): Router {
  const r = Router();
  const staff = requireRole('admin', 'dispatcher');

  r.post('/dispatch/edits', staff, async (req, res) => {
    res.json(await applyEdit(deps, actorOf(req), parse(EditRequest, req.body ?? {})));
  });
  r.post('/dispatch/publish', staff, async (req, res) => {
    res.json(await publish(deps, actorOf(req), parse(PublishRequest, req.body ?? {})));
  });
  r.get('/dispatch/publish/preview', staff, async (req, res) => {
    const { date } = parse(z.object({ date: LocalDateField }), req.query, 'query');
    res.json(await previewPublish(deps.db, actorOf(req).orgId, date));
  });
  r.post('/dispatch/insert', staff, async (req, res) => {
    res.json(await insertUrgent(deps, actorOf(req), parse(InsertRequest, req.body ?? {})));
  });
  r.post('/routes/:id/lock', staff, async (req, res) => {
    const id = idParam(req.params);
    res.json(await lockRoute(deps, actorOf(req), id, parse(LockRequest, req.body ?? {}).locked));
  });
  r.post('/routes/:id/start-override', staff, async (req, res) => {
    const id = idParam(req.params);
    const { allowed } = parse(StartOverrideRequest, req.body ?? {});
    res.json(await setStartOverride(deps, actorOf(req), id, allowed));
  });
  r.post('/stops/:id/lock', staff, async (req, res) => {
    const id = idParam(req.params);
    res.json(await lockStop(deps, actorOf(req), id, parse(LockRequest, req.body ?? {}).locked));
  });
  r.use(routeSheetRoutes(deps));
  return r;
}
