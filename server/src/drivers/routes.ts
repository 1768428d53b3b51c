/**
 * Driver access and the driver's app API:
 *   POST   /api/drivers/:id/access      (admin, dispatcher) { ttlHours? } → { token, link, code, expiresAt }
 *   DELETE /api/drivers/:id/access      (admin, dispatcher) revokes every link, code and device → 204
 *   POST   /api/driver/session          { code } or { token } → DriverSession (rate-limited per address)
 *   GET    /api/driver/routes/today     ?date=YYYY-MM-DD → DriverDay (driver token)
 *   POST   /api/driver/stops/:stopId/proof   ProofUpload → 201 (new) or 200 (already stored)
 */
import { DriverAccessRequest, DriverDayQuery, DriverSessionRequest, ProofUpload } from '@tournee/shared';
import { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import type { RateLimits } from '../http/rate-limit.ts';
import { idOf } from '../fleet/http.ts';
import { idParam, parse } from '../http/validate.ts';
import { saveProof } from '../tracking/proof.ts';
import { issueAccess, openDriverSession, revokeDriverAccess } from './access-service.ts';
import { driverToday, findDriverRoute, orgDimensions } from './day-repo.ts';
import { driverOf, requireDriver } from './middleware.ts';

export function driverRoutes(deps: {
  db: Db;
  config: Config;
  limits: RateLimits;
  disconnectDriver(driverId: string): void;
}): Router {
  const { db, config } = deps;
  const codeLimit = deps.limits.limit('driver-code:ip', config.DRIVER_CODE_MAX_FAILURES_PER_MINUTE);
  const r = Router();
  const staff = requireRole('admin', 'dispatcher');
  const driver = requireDriver(db);

  r.post('/drivers/:id/access', staff, async (req, res) => {
    const body = parse(DriverAccessRequest, req.body ?? {});
    const baseUrl = config.PUBLIC_URL ?? `${req.protocol}://${req.get('host')}`;
    res.status(201).json(
      await issueAccess(db, actorOf(req), idOf(req.params), {
        ttlHours: body.ttlHours ?? config.DRIVER_ACCESS_TTL_HOURS,
        baseUrl,
      }),
    );
  });
  r.delete('/drivers/:id/access', staff, async (req, res) => {
    const id = idOf(req.params);
    await revokeDriverAccess(db, actorOf(req), id);
    deps.disconnectDriver(id);
    res.status(204).end();
  });

  r.post('/driver/session', async (req, res) => {
    const input = parse(DriverSessionRequest, req.body ?? {});
    res.json(
      await openDriverSession(db, input, {
        ip: req.ip ?? 'unknown',
        limit: codeLimit,
      }),
    );
  });
  r.get('/driver/routes/today', driver, async (req, res) => {
    const d = driverOf(req);
    const { date } = parse(DriverDayQuery, req.query, 'query');
    const now = new Date(); // one instant for both reads, so they agree on "today"
    const route = await findDriverRoute(db, d.driverId, date, now);
    res.json({
      localDate: date ?? route?.localDate ?? (await driverToday(db, d.driverId, d.orgId, now)),
      dimensions: await orgDimensions(db, d.orgId),
      route,
    });
  });
  r.post('/driver/stops/:stopId/proof', driver, async (req, res) => {
    const stopId = idParam(req.params, 'stopId');
    const out = await saveProof(db, driverOf(req), stopId, parse(ProofUpload, req.body ?? {}));
    res.status(out.created ? 201 : 200).json(out.proof);
  });
  return r;
}
