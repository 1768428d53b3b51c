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
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { crudRoutes } from '../http/crud-routes.ts';
import { parse } from '../http/validate.ts';
import { orgRoutes } from '../org/routes.ts';
import { canRead, canWrite, forceOf, Uuid } from './http.ts';
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

  crudRoutes(router, '/depots', {
    read: canRead,
    write: canWrite,
    create: CreateDepotRequest,
    update: UpdateDepotRequest,
    list: (actor) => fleet.listDepots(db, actor.orgId),
    get: (actor, id) => fleet.getDepot(db, actor.orgId, id),
    add: (actor, body) => fleet.createDepot(db, actor, body),
    change: (actor, id, body) => fleet.updateDepot(db, actor, id, body),
    remove: (actor, id) => fleet.deleteDepot(db, actor, id),
  });
  crudRoutes(router, '/vehicles', {
    read: canRead,
    write: canWrite,
    create: CreateVehicleRequest,
    update: UpdateVehicleRequest,
    list: (actor, query) => fleet.listVehicles(db, actor.orgId, parse(VehicleListQuery, query, 'query').depotId),
    get: (actor, id) => fleet.getVehicle(db, actor.orgId, id),
    add: (actor, body) => fleet.createVehicle(db, actor, body),
    change: (actor, id, body) => fleet.updateVehicle(db, actor, id, body),
    remove: (actor, id, query) => fleet.deleteVehicle(db, actor, id, { force: forceOf(query) }),
  });
  // Drivers' phone numbers and emails are personal data: other drivers do not list them.
  crudRoutes(router, '/drivers', {
    read: canWrite,
    write: canWrite,
    create: CreateDriverRequest,
    update: UpdateDriverRequest,
    list: (actor) => fleet.listDrivers(db, actor.orgId),
    get: (actor, id) => fleet.getDriver(db, actor.orgId, id),
    add: (actor, body) => fleet.createDriver(db, actor, body),
    change: (actor, id, body) => fleet.updateDriver(db, actor, id, body),
    remove: (actor, id, query) => fleet.deleteDriver(db, actor, id, { force: forceOf(query) }),
  });

  router.use(shiftRoutes(db));
  return router;
}
