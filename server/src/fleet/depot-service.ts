import { formatMessage, type CreateDepotRequest, type Depot, type UpdateDepotRequest } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { found } from '../errors.ts';
import { stillInUse } from './checks.ts';
import * as repo from './depot-repo.ts';
import { relayoutFutureShifts } from './shift-service.ts';

export const listDepots = (db: Db, orgId: string): Promise<Depot[]> => repo.listDepots(db, orgId);

export async function getDepot(db: Db, orgId: string, id: string): Promise<Depot> {
  return found(await repo.findDepot(db, orgId, id), 'Depot');
}

/** Creates a depot (location in lon/lat, IANA zone) and records it in the audit trail. */
export async function createDepot(db: Db, actor: Actor, input: CreateDepotRequest): Promise<Depot> {
  return db.transaction(async (tx) => {
    const depot = await repo.insertDepot(tx, actor.orgId, {
      ...input,
      address: input.address ?? '',
      docks: input.docks ?? null,
      loadingMin: input.loadingMin ?? 0,
    });
    await recordEvent(tx, actor, 'create', 'depot', depot.id, { name: depot.name, timeZone: depot.timeZone });
    return depot;
  });
}

/**
 * Changes a depot. A new time zone moves the instants of its vehicles' future shifts so their
 * local hours stay as written.
 */
export async function updateDepot(db: Db, actor: Actor, id: string, patch: UpdateDepotRequest): Promise<Depot> {
  return db.transaction(async (tx) => {
    const before = await getDepot(tx, actor.orgId, id);
    const [lon, lat] = before.location.coordinates;
    const depot = await repo.updateDepot(tx, actor.orgId, id, {
      name: patch.name ?? before.name,
      address: patch.address ?? before.address,
      location: patch.location ?? { lon, lat },
      timeZone: patch.timeZone ?? before.timeZone,
      docks: patch.docks === undefined ? before.docks : patch.docks,
      loadingMin: patch.loadingMin ?? before.loadingMin,
    });
    let relaidShifts = 0;
    if (depot.timeZone !== before.timeZone) {
      const vehicles = await repo.vehiclesAtDepot(tx, id);
      relaidShifts = await relayoutFutureShifts(
        tx,
        actor.orgId,
        vehicles.map((v) => v.id),
      );
    }
    await recordEvent(tx, actor, 'update', 'depot', id, { changed: patch, relaidShifts });
    return depot;
  });
}

/** Soft-deletes a depot; refused (409) while live vehicles start or end there. */
export async function deleteDepot(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const depot = await getDepot(tx, actor.orgId, id);
    const vehicles = await repo.vehiclesAtDepot(tx, id);
    if (vehicles.length > 0) {
      const names = vehicles
        .slice(0, 5)
        .map((v) => v.name)
        .join(', ');
      throw stillInUse(
        formatMessage(
          'Depot {depot} is still used by {n, plural, one {# vehicle} other {# vehicles}} ({names}); move or delete {n, plural, one {it} other {them}} first',
          { depot: depot.name, n: vehicles.length, names: `${names}${vehicles.length > 5 ? ', …' : ''}` },
          'en',
        ),
        { vehicles },
      );
    }
    await repo.softDeleteDepot(tx, actor.orgId, id);
    await recordEvent(tx, actor, 'delete', 'depot', id, { name: depot.name });
  });
}
