import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { findDepot } from './depot-repo.ts';
import { findDriver } from './driver-repo.ts';
import { findVehicle } from './vehicle-repo.ts';

/** A 400 naming one field, shaped like the ones `parse` gives for schema failures. */
export function badField(field: string, message: string): AppError {
  return new AppError('bad_request', `Invalid body: ${field}: ${message}`, { details: [{ field, message }] });
}

/** A 409 for a delete refused because something still needs the entity. */
export function stillInUse(message: string, details: unknown): AppError {
  return new AppError('conflict', message, { details });
}

/** The live depot an input field points at, or a 400 naming the field. */
export async function depotFor(db: Db, orgId: string, id: string, field: string) {
  const depot = await findDepot(db, orgId, id);
  if (!depot) throw badField(field, `no depot ${id} in this organisation`);
  return depot;
}

/** The live vehicle an input field points at, or a 400 naming the field. */
export async function vehicleFor(db: Db, orgId: string, id: string, field: string) {
  const vehicle = await findVehicle(db, orgId, id);
  if (!vehicle) throw badField(field, `no vehicle ${id} in this organisation`);
  return vehicle;
}

/** The live driver an input field points at, or a 400 naming the field. */
export async function driverFor(db: Db, orgId: string, id: string, field: string) {
  const driver = await findDriver(db, orgId, id);
  if (!driver) throw badField(field, `no driver ${id} in this organisation`);
  return driver;
}
