/**
 * GPS tracker device keys: issued for a driver (shown once, like a driver access link), listed,
 * revoked; audited. The key is what the Traccar Client app (or a vehicle tracker) sends as its
 * device identifier.
 */
import { randomBytes } from 'node:crypto';
import type { CreatedTrackerDevice, TrackerDevice } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import { hashToken } from '../auth/tokens.ts';
import type { Db } from '../db/db.ts';
import { notFound } from '../errors.ts';
import * as repo from './tracker-repo.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 128 random bits in lower-case letters and digits: easy to type into a tracker's settings. */
export function newDeviceKey(): string {
  return `trk${BigInt(`0x${randomBytes(16).toString('hex')}`).toString(36)}`;
}

export async function issueTracker(
  db: Db,
  actor: Actor,
  driverId: string,
  name: string,
): Promise<CreatedTrackerDevice> {
  if (!UUID.test(driverId)) throw notFound('Driver');
  const key = newDeviceKey();
  return db.transaction(async (tx) => {
    if (!(await repo.driverExists(tx, actor.orgId, driverId))) throw notFound('Driver');
    const device = await repo.insertDevice(tx, {
      orgId: actor.orgId,
      driverId,
      name,
      keyHash: hashToken(key),
      prefix: `${key.slice(0, 7)}…`,
    });
    await recordEvent(tx, actor, 'tracker.issue', 'driver', driverId, { trackerId: device.id, name });
    return { ...device, key };
  });
}

export const listTrackers = (db: Db, actor: Actor): Promise<TrackerDevice[]> => repo.listDevices(db, actor.orgId);

export async function revokeTracker(db: Db, actor: Actor, id: string): Promise<TrackerDevice> {
  return db.transaction(async (tx) => {
    const device = UUID.test(id) ? await repo.revokeDevice(tx, actor.orgId, id) : null;
    if (!device) throw notFound('Tracker');
    await recordEvent(tx, actor, 'tracker.revoke', 'driver', device.driverId, { trackerId: id });
    return device;
  });
}

export const trackerForKey = (db: Db, key: string) => repo.principalByKeyHash(db, hashToken(key));
