import {
  CreateDepotRequest,
  CreateDriverRequest,
  CreateVehicleRequest,
  UpdateDepotRequest,
  UpdateDriverRequest,
  UpdateVehicleRequest,
} from '@tournee/shared';
import { Router } from 'express';
import { z } from 'zod';
import { actorOf } from '../auth/middleware.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { parse } from '../http/validate.ts';
import { orgRoutes } from '../org/routes.ts';
import { canRead, canWrite, forceOf, idOf, Uuid } from './http.ts';
import * as fleet from './service.ts';
import { shiftRoutes } from './shift-routes.ts';

const VehicleListQuery = z.object({ depotId: Uuid.optional() });

/**
 * Depots, vehicles, drivers (this file), shifts and patterns (`shift-routes.ts`) and the
 * organisation's settings (`org/routes.ts`). Lists answer `{items}`; DELETE answers 204.
 */
export function fleetRoutes(db: Db, _config: Config): Router {
  const router = Router();
  router.use(orgRoutes(db));

  router.get('/depots', canRead, async (req, res) => {
    res.json({ items: await fleet.listDepots(db, actorOf(req).orgId) });
  });
  router.get('/depots/:id', canRead, async (req, res) => {
    res.json(await fleet.getDepot(db, actorOf(req).orgId, idOf(req.params)));
  });
  router.post('/depots', canWrite, async (req, res) => {
    res.status(201).json(await fleet.createDepot(db, actorOf(req), parse(CreateDepotRequest, req.body)));
  });
  router.patch('/depots/:id', canWrite, async (req, res) => {
    res.json(await fleet.updateDepot(db, actorOf(req), idOf(req.params), parse(UpdateDepotRequest, req.body)));
  });
  router.delete('/depots/:id', canWrite, async (req, res) => {
    await fleet.deleteDepot(db, actorOf(req), idOf(req.params));
    res.status(204).end();
  });

  router.get('/vehicles', canRead, async (req, res) => {
    const { depotId } = parse(VehicleListQuery, req.query, 'query');
    res.json({ items: await fleet.listVehicles(db, actorOf(req).orgId, depotId) });
  });
  router.get('/vehicles/:id', canRead, async (req, res) => {
    res.json(await fleet.getVehicle(db, actorOf(req).orgId, idOf(req.params)));
  });
  router.post('/vehicles', canWrite, async (req, res) => {
    res.status(201).json(await fleet.createVehicle(db, actorOf(req), parse(CreateVehicleRequest, req.body)));
  });
  router.patch('/vehicles/:id', canWrite, async (req, res) => {
    res.json(await fleet.updateVehicle(db, actorOf(req), idOf(req.params), parse(UpdateVehicleRequest, req.body)));
  });
  router.delete('/vehicles/:id', canWrite, async (req, res) => {
    await fleet.deleteVehicle(db, actorOf(req), idOf(req.params), { force: forceOf(req.query) });
    res.status(204).end();
  });

  // Drivers' phone numbers and emails are personal data: other drivers do not list them.
  router.get('/drivers', canWrite, async (req, res) => {
    res.json({ items: await fleet.listDrivers(db, actorOf(req).orgId) });
  });
  router.get('/drivers/:id', canWrite, async (req, res) => {
    res.json(await fleet.getDriver(db, actorOf(req).orgId, idOf(req.params)));
  });
  router.post('/drivers', canWrite, async (req, res) => {
    res.status(201).json(await fleet.createDriver(db, actorOf(req), parse(CreateDriverRequest, req.body)));
  });
  router.patch('/drivers/:id', canWrite, async (req, res) => {
    res.json(await fleet.updateDriver(db, actorOf(req), idOf(req.params), parse(UpdateDriverRequest, req.body)));
  });
  router.delete('/drivers/:id', canWrite, async (req, res) => {
    await fleet.deleteDriver(db, actorOf(req), idOf(req.params), { force: forceOf(req.query) });
    res.status(204).end();
  });

  router.use(shiftRoutes(db));
  return router;
}
