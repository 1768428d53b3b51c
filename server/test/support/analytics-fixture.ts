/**
 * Test support: two delivered days with known outcomes, written straight to the database, so the
 * analytics figures can be checked exactly. Not imported by the server.
 *
 * Depot in Lyon (Europe/Paris, UTC+1 in early March); every order's window is 09:00–12:00 local
 * (08:00–11:00 UTC); routes and shifts start at 08:00 local and shifts end at 17:00 local.
 * - 2026-03-02, driver Alice, 12 stops arriving 08:00 UTC + 15 min × i for i < 9 (on time) and at
 *   11:10, 11:20, 11:30 UTC (10, 20, 30 min late); stops 1 and 2 failed `absent`, stop 3 failed
 *   `no_access` (from the stop events), the rest delivered; 6 min at each; 11 fixes along the
 *   meridian 4.85° E from 45.70° to 45.80° N, the last at 16:30 UTC (30 min past the shift); one
 *   fix off the route (no route) that must not count; messages: 3 sent, 1 failed.
 * - 2026-03-03, driver Bruno, 8 stops all on time (08:00 UTC + 15 min × i), all delivered; 6 min
 *   each but the last three at one address written three ways (4, 6 and 10 min); no fixes.
 * So: 20 stops, 17 delivered, 3 failed, 17/20 = 85.0 % on time, late 10/20/30 min.
 * Ratings 5, 4, 3, 5 on four of Alice's delivered orders. Planned km: 12 + 8.
 */
import type { Db } from '../../src/db/db.ts';

export const FIXTURE = {
  dayA: '2026-03-02',
  dayB: '2026-03-03',
  meridianLon: 4.85,
  latFrom: 45.7,
  latTo: 45.8,
  ratings: [5, 4, 3, 5],
  vehicle: { fixedCost: 50, costPerKm: 0.5, costPerHour: 20 },
  sharedAddress: ['12 rue des Lilas, Lyon', '12  Rue des Lilas, Lyon ', '12 RUE DES LILAS, LYON'],
} as const;

export interface AnalyticsFixture {
  depotId: string;
  vehicleId: string;
  driverA: string;
  driverB: string;
  routeA: string;
  routeB: string;
}

const at = (day: string, hhmm: string, plusMin = 0) => new Date(Date.parse(`${day}T${hhmm}:00Z`) + plusMin * 60_000);

async function one<T>(db: Db, sql: string, params: unknown[]): Promise<T> {
  const { rows } = await db.query<T>(sql, params);
  return rows[0]!;
}

export async function seedAnalyticsFixture(db: Db, orgId: string): Promise<AnalyticsFixture> {
  const { id: depotId } = await one<{ id: string }>(
    db,
    `INSERT INTO depots (org_id, name, location, time_zone) VALUES ($1, 'Lyon', ST_SetSRID(ST_MakePoint(4.835, 45.76), 4326)::geography, 'Europe/Paris') RETURNING id`,
    [orgId],
  );
  const { fixedCost, costPerKm, costPerHour } = FIXTURE.vehicle;
  const { id: vehicleId } = await one<{ id: string }>(
    db,
    `INSERT INTO vehicles (org_id, depot_id, name, capacity, fixed_cost, cost_per_km, cost_per_hour)
     VALUES ($1, $2, 'Van 1', '{800,10,100}', $3, $4, $5) RETURNING id`,
    [orgId, depotId, fixedCost, costPerKm, costPerHour],
  );
  const driver = async (name: string) =>
    (await one<{ id: string }>(db, 'INSERT INTO drivers (org_id, name) VALUES ($1, $2) RETURNING id', [orgId, name]))
      .id;
  const driverA = await driver('Alice Martin');
  const driverB = await driver('Bruno Petit');

  const route = async (day: string, driverId: string, distanceM: number) => {
    const shift = await one<{ id: string }>(
      db,
      `INSERT INTO shifts (org_id, vehicle_id, driver_id, local_date, start_local, end_local, start_at, end_at)
       VALUES ($1, $2, $3, $4, '08:00', '17:00', $5, $6) RETURNING id`,
      [orgId, vehicleId, driverId, day, at(day, '07:00'), at(day, '16:00')],
    );
    return (
      await one<{ id: string }>(
        db,
        `INSERT INTO routes (org_id, shift_id, vehicle_id, driver_id, depot_id, local_date, status, start_at, end_at,
                             started_at, distance_m, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'done', $7, $8, $7, $9, $7) RETURNING id`,
        [orgId, shift.id, vehicleId, driverId, depotId, day, at(day, '07:00'), at(day, '15:00'), distanceM],
      )
    ).id;
  };
  const routeA = await route(FIXTURE.dayA, driverA, 12_000);
  const routeB = await route(FIXTURE.dayB, driverB, 8_000);

  const stop = async (
    routeId: string,
    day: string,
    seq: number,
    s: { arrive: Date; serviceMin: number; status: string; driverId: string; reason?: string; address?: string },
  ) => {
    const o = await one<{ id: string }>(
      db,
      `INSERT INTO orders (org_id, ref, name, address, location, date_from, date_to, time_windows, service_s, status, content_hash)
       VALUES ($1, $2, $3, $4, ST_SetSRID(ST_MakePoint(4.84, 45.75), 4326)::geography, $5, $5,
               '[{"start":"09:00","end":"12:00"}]', 300, $6, 'x') RETURNING id`,
      [orgId, `${day}-${seq + 1}`, `Client ${day} ${seq + 1}`, s.address ?? `${seq + 1} rue ${day}`, day, s.status],
    );
    const planned = at(day, '07:00', (seq + 1) * 20);
    const st = await one<{ id: string }>(
      db,
      `INSERT INTO stops (route_id, order_id, seq, planned_arrival_at, planned_departure_at, status, actual_arrival_at, actual_departure_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        routeId,
        o.id,
        seq,
        planned,
        new Date(planned.getTime() + 300_000),
        s.status,
        s.arrive,
        new Date(s.arrive.getTime() + s.serviceMin * 60_000),
      ],
    );
    if (s.status === 'failed') {
      await db.query(
        `INSERT INTO stop_events (id, stop_id, driver_id, type, reason, device_at, org_id, route_id)
         VALUES (gen_random_uuid(), $1, $2, 'failed', $3, $4, $5, $6)`,
        [st.id, s.driverId, s.reason, s.arrive, orgId, routeId],
      );
    }
    return o.id;
  };

  const late = ['11:10', '11:20', '11:30'];
  const delivered: string[] = [];
  for (let i = 0; i < 12; i++) {
    const reason = i === 1 || i === 2 ? 'absent' : i === 3 ? 'no_access' : undefined;
    const arrive = i < 9 ? at(FIXTURE.dayA, '08:00', 15 * i) : at(FIXTURE.dayA, late[i - 9]!);
    const id = await stop(routeA, FIXTURE.dayA, i, {
      arrive,
      serviceMin: 6,
      status: reason ? 'failed' : 'delivered',
      driverId: driverA,
      reason,
    });
    if (!reason) delivered.push(id);
  }
  for (let i = 0; i < 8; i++) {
    await stop(routeB, FIXTURE.dayB, i, {
      arrive: at(FIXTURE.dayB, '08:00', 15 * i),
      serviceMin: i === 5 ? 4 : i === 6 ? 6 : i === 7 ? 10 : 6,
      status: 'delivered',
      driverId: driverB,
      address: i >= 5 ? FIXTURE.sharedAddress[i - 5] : undefined,
    });
  }
  for (const [i, rating] of FIXTURE.ratings.entries()) {
    await db.query('INSERT INTO ratings (order_id, rating, comment) VALUES ($1, $2, $3)', [
      delivered[i],
      rating,
      `Comment ${i + 1}`,
    ]);
  }

  // 11 fixes along the meridian, 57 min apart from 07:00 to 16:30 UTC.
  for (let i = 0; i <= 10; i++) {
    const lat = FIXTURE.latFrom + ((FIXTURE.latTo - FIXTURE.latFrom) * i) / 10;
    await db.query(
      `INSERT INTO positions (client_id, org_id, driver_id, route_id, device_at, location)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, ST_SetSRID(ST_MakePoint($5, $6), 4326)::geography)`,
      [orgId, driverA, routeA, at(FIXTURE.dayA, '07:00', 57 * i), FIXTURE.meridianLon, lat],
    );
  }
  await db.query(
    `INSERT INTO positions (client_id, org_id, driver_id, route_id, device_at, location)
     VALUES (gen_random_uuid(), $1, $2, NULL, $3, ST_SetSRID(ST_MakePoint(5.5, 46.5), 4326)::geography)`,
    [orgId, driverA, at(FIXTURE.dayA, '12:00')],
  );
  for (const [i, status] of ['sent', 'delivered', 'sent', 'failed'].entries()) {
    await db.query(
      `INSERT INTO notifications (org_id, order_id, channel, trigger, idempotency_key, recipient, body, status, route_id)
       VALUES ($1, $2, 'sms', 'planned', $3, '+33600000000', 'Bonjour', $4, $5)`,
      [orgId, delivered[i], `analytics-${routeA}-${i}`, status, routeA],
    );
  }
  return { depotId, vehicleId, driverA, driverB, routeA, routeB };
}

/**
 * The arc between two latitudes on one meridian, in metres, on PostGIS's sphere (the WGS84 mean
 * radius (2a + b) / 3): what ST_Length(geography, false) measures along the fixture's line.
 */
export function meridianArcM(lat1: number, lat2: number): number {
  const a = 6378137;
  const b = a * (1 - 1 / 298.257223563);
  return ((2 * a + b) / 3) * (((lat2 - lat1) * Math.PI) / 180);
}
