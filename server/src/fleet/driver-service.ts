import {
  formatMessage,
  type CreateDriverRequest,
  type Driver,
  normalisePhone,
  type UpdateDriverRequest,
} from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { found } from '../errors.ts';
import { getOrganisation } from '../org/service.ts';
import { badField, stillInUse, vehicleFor } from './checks.ts';
import * as repo from './driver-repo.ts';
import { countFutureShifts, unassignFutureShiftsOfDriver } from './shift-repo.ts';

/** E.164 of a phone as typed, national numbers read in the organisation's country; null stays null. */
async function phoneOf(db: Db, orgId: string, phone: string | null | undefined): Promise<string | null> {
  if (phone === null || phone === undefined || phone.trim() === '') return null;
  const r = normalisePhone(phone, (await getOrganisation(db, orgId)).defaultCountry);
  if (!r.ok) throw badField('phone', r.message);
  return r.e164;
}

export const listDrivers = (db: Db, orgId: string): Promise<Driver[]> => repo.listDrivers(db, orgId);

export async function getDriver(db: Db, orgId: string, id: string): Promise<Driver> {
  return found(await repo.findDriver(db, orgId, id), 'Driver');
}

/** Creates a driver; the phone is stored in E.164 ('06 12 34 56 78' in FR → +33612345678). */
export async function createDriver(db: Db, actor: Actor, input: CreateDriverRequest): Promise<Driver> {
  return db.transaction(async (tx) => {
    const values: repo.DriverValues = {
      name: input.name,
      phone: await phoneOf(tx, actor.orgId, input.phone),
      email: input.email ?? null,
      defaultVehicleId: input.defaultVehicleId ?? null,
    };
    if (values.defaultVehicleId) await vehicleFor(tx, actor.orgId, values.defaultVehicleId, 'defaultVehicleId');
    const d = await repo.insertDriver(tx, actor.orgId, values);
    await recordEvent(tx, actor, 'create', 'driver', d.id, { name: d.name });
    return d;
  });
}

export async function updateDriver(db: Db, actor: Actor, id: string, patch: UpdateDriverRequest): Promise<Driver> {
  return db.transaction(async (tx) => {
    const before = await getDriver(tx, actor.orgId, id);
    const values: repo.DriverValues = {
      name: patch.name ?? before.name,
      phone: patch.phone === undefined ? before.phone : await phoneOf(tx, actor.orgId, patch.phone),
      email: patch.email === undefined ? before.email : patch.email,
      defaultVehicleId: patch.defaultVehicleId === undefined ? before.defaultVehicleId : patch.defaultVehicleId,
    };
    if (patch.defaultVehicleId) await vehicleFor(tx, actor.orgId, patch.defaultVehicleId, 'defaultVehicleId');
    const d = await repo.updateDriver(tx, actor.orgId, id, values);
    await recordEvent(tx, actor, 'update', 'driver', id, { changed: { ...patch, phone: values.phone } });
    return d;
  });
}

/**
 * Soft-deletes a driver. Refused (409) while they have shifts to come unless `force`, which
 * leaves those shifts to their vehicles without a driver.
 */
export async function deleteDriver(db: Db, actor: Actor, id: string, opts: { force?: boolean } = {}): Promise<void> {
  await db.transaction(async (tx) => {
    const d = await getDriver(tx, actor.orgId, id);
    const shifts = await countFutureShifts(tx, { driverId: id });
    if (shifts > 0 && !opts.force) {
      throw stillInUse(
        formatMessage(
          'Driver {name} has {n, plural, one {# shift} other {# shifts}} to come; delete with ?force=true to leave {n, plural, one {it} other {them}} without a driver',
          { name: d.name, n: shifts },
          'en',
        ),
        { shifts },
      );
    }
    const unassignedShifts = await unassignFutureShiftsOfDriver(tx, id);
    await repo.softDeleteDriver(tx, actor.orgId, id);
    await recordEvent(tx, actor, 'delete', 'driver', id, { name: d.name, unassignedShifts });
  });
}
