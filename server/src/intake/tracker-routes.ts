/**
 * GPS trackers:
 *   POST   /api/drivers/:id/trackers       {name} → a device key for the driver (shown once)
 *   GET    /api/trackers                   the organisation's tracker devices
 *   DELETE /api/trackers/:id               revokes
 *   GET|POST /api/positions/osmand         one fix, OsmAnd / Traccar Client protocol (the device key
 *                                          as `id`, or `device_id` in the JSON form); no session
 * A fix the filters drop (too vague, a jump, too old) is still answered 200: a tracker keeps
 * re-sending what is not acknowledged, and re-sending would not help.
 */
import { CreateTrackerRequest } from '@tournee/shared';
import express, { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { idParam, parse } from '../http/validate.ts';
import type { PositionIngest } from '../tracking/ingest.ts';
import { readFix } from './osmand.ts';
import { trackerIngest } from './tracker-ingest.ts';
import { issueTracker, listTrackers, revokeTracker } from './tracker-service.ts';

export function trackerRoutes(deps: { db: Db; config: Config; ingest: PositionIngest }): Router {
  const { db } = deps;
  const r = Router();
  const staff = requireRole('admin', 'dispatcher');
  const ingest = trackerIngest(deps);

  r.post('/drivers/:id/trackers', staff, async (req, res) => {
    const { name } = parse(CreateTrackerRequest, req.body);
    res.status(201).json(await issueTracker(db, actorOf(req), idParam(req.params), name));
  });
  r.get('/trackers', staff, async (req, res) => {
    res.json({ items: await listTrackers(db, actorOf(req)) });
  });
  r.delete('/trackers/:id', staff, async (req, res) => {
    res.json(await revokeTracker(db, actorOf(req), idParam(req.params)));
  });

  const osmand = async (req: express.Request, res: express.Response) => {
    const fix = readFix(req.query as Record<string, unknown>, req.body, Date.now());
    res.json(await ingest(fix));
  };
  r.get('/positions/osmand', osmand);
  r.post('/positions/osmand', express.urlencoded({ extended: false, limit: '16kb' }), osmand);
  return r;
}
