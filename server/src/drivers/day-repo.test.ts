import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../../test/test-db.ts';
import type { Db } from '../db/db.ts';
import { createPgDb } from '../db/pg-adapter.ts';
import { driverToday, findDriverRoute } from './day-repo.ts';

const db: Db = createPgDb(TEST_DATABASE_URL, { max: 1 });
afterAll(() => db.close());

/** A depot in `zone` with a vehicle and its driver, who has a route on each of `days`. */
async function driverIn(orgId: string, zone: string, days: Record<string, 'published' | 'planned'>) {
  const one = async (sql: string, params: unknown[]) => (await db.query<{ id: string }>(sql, params)).rows[0]!.id;
  const depotId = await one(
    `INSERT INTO depots (org_id, name, location, time_zone)
     VALUES ($1, $2, ST_SetSRID(ST_MakePoint(4.835, 45.76), 4326)::geography, $2) RETURNING id`,
    [orgId, zone],
  );
  const vehicleId = await one(
    `INSERT INTO vehicles (org_id, depot_id, name, capacity) VALUES ($1, $2, 'Van', '{800,10,100}') RETURNING id`,
    [orgId, depotId],
  );
  const driverId = await one(
    `INSERT INTO drivers (org_id, name, phone, default_vehicle_id) VALUES ($1, 'Anne', '+33612345678', $2) RETURNING id`,
    [orgId, vehicleId],
  );
  const routeIds: Record<string, string> = {};
  for (const [day, status] of Object.entries(days)) {
    routeIds[day] = await one(
      `INSERT INTO routes (org_id, vehicle_id, driver_id, depot_id, local_date, status, version, start_at, end_at, published_at)
       VALUES ($1, $2, $3, $4, $5, $6, 2, $7, $8, now()) RETURNING id`,
      [orgId, vehicleId, driverId, depotId, day, status, `${day}T07:00:00Z`, `${day}T15:00:00Z`],
    );
  }
  return { driverId, routeIds };
}

describe("the driver's today", () => {
  let orgId: string;
  beforeAll(async () => {
    const { rows } = await db.query<{ id: string }>(
      "INSERT INTO organisations (name) VALUES ('day-repo') RETURNING id",
    );
    orgId = rows[0]!.id;
  });

  it("follows the depot's local date around midnight, at the caller's clock", async () => {
    // Years away from the real date: the database's clock would find neither route.
    const paris = await driverIn(orgId, 'Europe/Paris', { '2031-03-11': 'published', '2031-03-12': 'published' });
    const before = new Date('2031-03-11T22:30:00Z'); // 23:30 in Paris (UTC+1)
    const after = new Date('2031-03-11T23:30:00Z'); // 00:30 on the 12th in Paris, still the 11th in UTC
    expect((await findDriverRoute(db, paris.driverId, undefined, before))?.id).toBe(paris.routeIds['2031-03-11']);
    expect((await findDriverRoute(db, paris.driverId, undefined, after))?.id).toBe(paris.routeIds['2031-03-12']);
    expect(await driverToday(db, paris.driverId, orgId, before)).toBe('2031-03-11');
    expect(await driverToday(db, paris.driverId, orgId, after)).toBe('2031-03-12');
    // A date asked for wins over the clock.
    expect((await findDriverRoute(db, paris.driverId, '2031-03-11', after))?.localDate).toBe('2031-03-11');
  });

  it('reaches the day before and after UTC, and skips a route only planned', async () => {
    const noon = new Date('2031-03-11T12:00:00Z');
    // UTC+14: already the 12th; UTC−7 (daylight time): still the 11th, with a planned route on it.
    const kiritimati = await driverIn(orgId, 'Pacific/Kiritimati', { '2031-03-12': 'published' });
    const la = await driverIn(orgId, 'America/Los_Angeles', { '2031-03-10': 'published', '2031-03-11': 'planned' });
    expect((await findDriverRoute(db, kiritimati.driverId, undefined, noon))?.id).toBe(
      kiritimati.routeIds['2031-03-12'],
    );
    expect(await findDriverRoute(db, la.driverId, undefined, noon)).toBeNull();
    expect(await driverToday(db, la.driverId, orgId, noon)).toBe('2031-03-11');
    expect(await driverToday(db, la.driverId, orgId, new Date('2031-03-11T06:59:00Z'))).toBe('2031-03-10');
    expect((await findDriverRoute(db, la.driverId, undefined, new Date('2031-03-11T06:59:00Z')))?.id).toBe(
      la.routeIds['2031-03-10'],
    );
  });
});
