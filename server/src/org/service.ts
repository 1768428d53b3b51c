import type { Organisation, UpdateOrganisationRequest } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { AppError, found } from '../errors.ts';
import * as repo from './repo.ts';

/** The actor's organisation; every module that needs dimensions or the default country reads it here. */
export async function getOrganisation(db: Db, orgId: string): Promise<Organisation> {
  return found(await repo.findOrganisation(db, orgId), 'Organisation');
}

/**
 * Changes settings. Renaming dimensions keeps vectors valid; changing how many there are would
 * leave every vehicle capacity and order demand with the wrong length, so it is refused (409)
 * while any live vehicle or open order exists.
 */
export async function updateOrganisation(
  db: Db,
  actor: Actor,
  patch: UpdateOrganisationRequest,
): Promise<Organisation> {
  return db.transaction(async (tx) => {
    const before = found(await repo.lockOrganisation(tx, actor.orgId), 'Organisation');
    if (patch.dimensions && patch.dimensions.length !== before.dimensions.length) {
      const held = await repo.countVectorHolders(tx, actor.orgId);
      if (held.vehicles > 0 || held.orders > 0) {
        throw new AppError(
          'conflict',
          `dimensions: cannot go from ${before.dimensions.length} (${before.dimensions.join(', ')}) to ` +
            `${patch.dimensions.length} dimension(s) while ${held.vehicles} vehicle(s) and ${held.orders} open order(s) ` +
            'have vectors of the old length; rename dimensions in place, or delete those first',
          { details: [{ field: 'dimensions', ...held }] },
        );
      }
    }
    const after = await repo.updateOrganisation(tx, { ...before, ...patch });
    const changed = Object.fromEntries(
      Object.entries(patch).filter(([k, v]) => JSON.stringify(before[k as keyof Organisation]) !== JSON.stringify(v)),
    );
    await recordEvent(tx, actor, 'update', 'organisation', actor.orgId, { changed });
    return after;
  });
}
