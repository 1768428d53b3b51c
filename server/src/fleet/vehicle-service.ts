import {
  formatMessage,
  type CapacityInput,
  type CreateVehicleRequest,
  capacityByDimension,
  capacityVector,
  type UpdateVehicleRequest,
  type Vehicle,
} from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { found } from '../errors.ts';
import { getOrganisation } from '../org/service.ts';
import { badField, depotFor, stillInUse } from './checks.ts';
import { patternsOfVehicle, softDeletePatterns } from './pattern-repo.ts';
import { cancelFutureShiftsOfVehicle, countFutureShifts } from './shift-repo.ts';
import { relayoutFutureShifts } from './shift-service.ts';
import * as repo from './vehicle-repo.ts';

const withNames = (v: repo.VehicleRecord, dimensions: string[]): Vehicle => ({
  ...v,
  capacityByDimension: capacityByDimension(v.capacity, dimensions),
});

async function dimensionsOf(db: Db, orgId: string): Promise<string[]> {
  return (await getOrganisation(db, orgId)).dimensions;
}

function vectorOf(input: CapacityInput, dimensions: string[]): number[] {
  const r = capacityVector(input, dimensions);
  if (!r.ok) throw badField('capacity', r.message);
  return r.vector;
}

/** Checks the references of the values (depots must be live depots of the organisation). */
async function checkRefs(db: Db, orgId: string, v: repo.VehicleValues): Promise<void> {
  await depotFor(db, orgId, v.depotId, 'depotId');
  if (v.endDepotId) await depotFor(db, orgId, v.endDepotId, 'endDepotId');
}

export async function listVehicles(db: Db, orgId: string, depotId?: string): Promise<Vehicle[]> {
  const dims = await dimensionsOf(db, orgId);
  return (await repo.listVehicles(db, orgId, depotId)).map((v) => withNames(v, dims));
}

export async function getVehicle(db: Db, orgId: string, id: string): Promise<Vehicle> {
  const v = found(await repo.findVehicle(db, orgId, id), 'Vehicle');
  return withNames(v, await dimensionsOf(db, orgId));
}

/** Creates a vehicle; capacity is checked against the organisation's dimensions (array or by name). */
export async function createVehicle(db: Db, actor: Actor, input: CreateVehicleRequest): Promise<Vehicle> {
  return db.transaction(async (tx) => {
    const dims = await dimensionsOf(tx, actor.orgId);
    const values: repo.VehicleValues = {
      name: input.name,
      depotId: input.depotId,
      endDepotId: input.endDepotId ?? null,
      capacity: vectorOf(input.capacity, dims),
      skills: input.skills ?? [],
      fixedCost: input.fixedCost ?? 0,
      costPerKm: input.costPerKm ?? 0,
      costPerHour: input.costPerHour ?? 0,
      maxStops: input.maxStops ?? null,
      maxDurationS: input.maxDurationS ?? null,
      maxDistanceM: input.maxDistanceM ?? null,
      speedFactor: input.speedFactor ?? 1,
      reloadMin: input.reloadMin ?? null,
      maxTrips: input.maxTrips ?? 3,
    };
    await checkRefs(tx, actor.orgId, values);
    const v = await repo.insertVehicle(tx, actor.orgId, values);
    await recordEvent(tx, actor, 'create', 'vehicle', v.id, { name: v.name, depotId: v.depotId });
    return withNames(v, dims);
  });
}

/** Changes a vehicle. Moving it to a depot in another zone moves its future shifts' instants. */
export async function updateVehicle(db: Db, actor: Actor, id: string, patch: UpdateVehicleRequest): Promise<Vehicle> {
  return db.transaction(async (tx) => {
    const before = found(await repo.findVehicle(tx, actor.orgId, id), 'Vehicle');
    const dims = await dimensionsOf(tx, actor.orgId);
    const { capacity, ...rest } = patch;
    const values: repo.VehicleValues = {
      ...before,
      ...rest,
      capacity: capacity === undefined ? before.capacity : vectorOf(capacity, dims),
    };
    await checkRefs(tx, actor.orgId, values);
    const v = await repo.updateVehicle(tx, actor.orgId, id, values);
    const relaidShifts = v.depotId !== before.depotId ? await relayoutFutureShifts(tx, actor.orgId, [id]) : 0;
    await recordEvent(tx, actor, 'update', 'vehicle', id, { changed: patch, relaidShifts });
    return withNames(v, dims);
  });
}

/**
 * Soft-deletes a vehicle. Refused (409) while a driver holds one of its routes, and while it has
 * shifts to come unless `force`, which cancels them and ends its weekly patterns.
 */
export async function deleteVehicle(db: Db, actor: Actor, id: string, opts: { force?: boolean } = {}): Promise<void> {
  await db.transaction(async (tx) => {
    const v = found(await repo.findVehicle(tx, actor.orgId, id), 'Vehicle');
    const routes = await repo.liveRoutesOfVehicle(tx, id);
    if (routes > 0) {
      throw stillInUse(
        formatMessage(
          'Vehicle {name} has {n, plural, one {# published or running route} other {# published or running routes}}; finish {n, plural, one {it} other {them}} first',
          { name: v.name, n: routes },
          'en',
        ),
        { routes },
      );
    }
    const shifts = await countFutureShifts(tx, { vehicleId: id });
    if (shifts > 0 && !opts.force) {
      throw stillInUse(
        formatMessage(
          'Vehicle {name} has {n, plural, one {# shift} other {# shifts}} to come; delete with ?force=true to cancel {n, plural, one {it} other {them}} too',
          { name: v.name, n: shifts },
          'en',
        ),
        {
          shifts,
        },
      );
    }
    const cancelledShifts = await cancelFutureShiftsOfVehicle(tx, id);
    const patterns = (await patternsOfVehicle(tx, id)).map((p) => p.id);
    await softDeletePatterns(tx, patterns);
    await repo.softDeleteVehicle(tx, actor.orgId, id);
    await recordEvent(tx, actor, 'delete', 'vehicle', id, { name: v.name, cancelledShifts, endedPatterns: patterns });
  });
}
