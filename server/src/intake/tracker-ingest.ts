/**
 * Fixes from GPS trackers into the position pipeline of the `/driver` socket: the same filters
 * (accuracy, speed between fixes, device time bounds) and the same ingest (stored, latest position
 * moved forward, `driverPosition` published to the dispatchers). What a socket keeps per
 * connection — the last kept fix, the driver's route and day — is kept here per driver, the
 * route re-read every minute.
 */
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { driverToday, findDriverRoute } from '../drivers/day-repo.ts';
import { AppError } from '../errors.ts';
import { type Fix, filterBatch } from '../tracking/filter.ts';
import type { DriverContext, PositionIngest } from '../tracking/ingest.ts';
import type { TrackerFix } from './osmand.ts';
import { touchDevice } from './tracker-repo.ts';
import { trackerForKey } from './tracker-service.ts';

const CONTEXT_TTL_MS = 60_000;

export interface TrackerIngestResult {
  status: 'accepted' | 'duplicate' | 'rejected';
  reason?: string;
}

export function trackerIngest(deps: { db: Db; config: Config; ingest: PositionIngest }) {
  const { db, config, ingest } = deps;
  const filterOpts = {
    maxAccuracyM: config.POSITION_MAX_ACCURACY_M,
    maxSpeedMps: config.POSITION_MAX_SPEED_KMH / 3.6,
    maxAgeMs: config.POSITION_RETENTION_DAYS * 86_400_000,
  };
  const drivers = new Map<string, { ctx: DriverContext; at: number; last: Fix | null }>();

  async function contextOf(driverId: string, orgId: string, nowMs: number) {
    const known = drivers.get(driverId);
    if (known && nowMs - known.at < CONTEXT_TTL_MS) return known;
    const now = new Date(nowMs);
    const route = await findDriverRoute(db, driverId, undefined, now);
    const localDate = route?.localDate ?? (await driverToday(db, driverId, orgId, now));
    const fresh = {
      ctx: { driverId, orgId, routeId: route?.id ?? null, localDate },
      at: nowMs,
      last: known?.last ?? null,
    };
    if (drivers.size > 50_000) drivers.clear();
    drivers.set(driverId, fresh);
    return fresh;
  }

  return async (fix: TrackerFix, nowMs = Date.now()): Promise<TrackerIngestResult> => {
    const device = await trackerForKey(db, fix.deviceKey);
    if (!device) throw new AppError('unauthorized', 'id: this device key is unknown or was revoked');
    void touchDevice(db, device.deviceId).catch(() => {});
    const state = await contextOf(device.driverId, device.orgId, nowMs);
    const f = filterBatch([fix.point], state.last, nowMs, filterOpts);
    state.last = f.last;
    if (f.rejected[0]) return { status: 'rejected', reason: f.rejected[0].reason };
    if (f.keep.length === 0) return { status: 'duplicate' };
    const { inserted, invalid } = await ingest.submit(state.ctx, f.keep);
    if (invalid.has(fix.point.id)) return { status: 'rejected', reason: 'invalid' };
    return { status: inserted.has(fix.point.id) ? 'accepted' : 'duplicate' };
  };
}
