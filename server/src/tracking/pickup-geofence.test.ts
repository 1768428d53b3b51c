/**
 * The geofence arrival (tracking_ingest) at a pickup stop of a pickup and delivery order: the
 * driver is there at the order's pickup place, not at its delivery address.
 */
import { randomUUID } from 'node:crypto';
import { localToUtc } from '@tournee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { seedDriverDay } from '../../test/support/seeded-driver-day.ts';
import { ingestPositions } from './position-repo.ts';

const DATE = '2030-01-16';
const PICKUP: [number, number] = [4.8055, 45.7745]; // Vaise, ~3 km from every seeded delivery

describe('geofence arrival at a pickup stop', () => {
  let t: TestApp;
  let day: Awaited<ReturnType<typeof seedDriverDay>>;
  let delivery: [number, number];

  beforeAll(async () => {
    t = await startTestApp();
    day = await seedDriverDay(t.db, t.org.id, { name: 'Pickups', stops: 1, date: DATE });
    await t.db.query(
      `UPDATE orders SET pickup_address = 'Vaise', time_windows = '[]',
          pickup_location = ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography WHERE id = $1`,
      [day.orderIds[0], PICKUP[0], PICKUP[1]],
    );
    await t.db.query(`UPDATE stops SET kind = 'pickup' WHERE id = $1`, [day.stopIds[0]]);
    const o = await t.db.query<{ lon: number; lat: number }>(
      'SELECT ST_X(location::geometry) AS lon, ST_Y(location::geometry) AS lat FROM orders WHERE id = $1',
      [day.orderIds[0]],
    );
    delivery = [o.rows[0]!.lon, o.rows[0]!.lat];
  });
  afterAll(() => t?.close());

  const fix = (at: Date, [lon, lat]: [number, number]) =>
    ingestPositions(t.db, [
      {
        clientId: randomUUID(),
        orgId: t.org.id,
        driverId: day.driverId,
        routeId: day.routeId,
        deviceAt: at,
        lon,
        lat,
        accuracyM: 5,
        speedMps: 0,
        headingDeg: null,
      },
    ]);
  const arrival = async () =>
    (await t.db.query('SELECT actual_arrival_at, actual_arrival_source FROM stops WHERE id = $1', [day.stopIds[0]]))
      .rows[0];

  it('is not recorded at the delivery address, and is at the pickup place', async () => {
    await fix(localToUtc(DATE, '09:00', 'Europe/Paris'), delivery);
    expect(await arrival()).toEqual({ actual_arrival_at: null, actual_arrival_source: null });
    const at = localToUtc(DATE, '09:20', 'Europe/Paris');
    await fix(at, PICKUP);
    expect(await arrival()).toEqual({ actual_arrival_at: at, actual_arrival_source: 'geofence' });
  });
});
