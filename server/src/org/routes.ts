import { UpdateOrganisationRequest } from '@tournee/shared';
import { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { Db } from '../db/db.ts';
import { parse } from '../http/validate.ts';
import { getOrganisation, updateOrganisation } from './service.ts';

/**
 * `GET /api/organisation` for every signed-in user; `PATCH` for admins; the remembered import
 * mapping also for dispatchers, who do the imports.
 */
export function orgRoutes(db: Db): Router {
  const router = Router();
  router.get('/organisation', requireRole('admin', 'dispatcher', 'driver'), async (req, res) => {
    res.json(await getOrganisation(db, actorOf(req).orgId));
  });
  router.patch('/organisation', requireRole('admin'), async (req, res) => {
    const body = parse(UpdateOrganisationRequest, req.body);
    res.json(await updateOrganisation(db, actorOf(req), body));
  });
  router.put('/organisation/import-mapping', requireRole('admin', 'dispatcher'), async (req, res) => {
    const { importMapping } = parse(UpdateOrganisationRequest.pick({ importMapping: true }).required(), {
      importMapping: req.body,
    });
    res.json(await updateOrganisation(db, actorOf(req), { importMapping }));
  });
  return router;
}
