/**
 * Test and bench support: a driver with a published route for a day, written straight to the
 * database (no solver), so tracking tests start in milliseconds. Not imported by the server.
 */
import { todayIn } from '@tournee/shared';
import type { Db } from '../../src/db/db.ts';

export interface SeededDay {
  depotId: string;
  vehicleId: string;
  driverId: string;
  routeId: string;
  localDate: string;
  stopIds: string[];
  orderIds: string[];
}

let depotCache = new Map<string, { depotId: string }>();

/** A driver with a published route of `stops` stops around Lyon on `date` (default: today in Paris). */
export async function seedDriverDay(
  db: Db,
  orgId: string,
  opts: { name?: string; stops?: number; date?: string; status?: 'published' | 'planned' } = {},
): Promise<SeededDay> {
  const localDate = opts.date ?? todayIn('Europe/Paris');
  const name = opts.name ?? `Driver ${Math.random().toString(36).slice(2, 7)}`;
  let depot = depotCache.get(orgId);
  if (!depot) {
    const d = await db.query<{ id: string }>(
      `INSERT INTO depots (org_id, name, location, time_zone) VALUES ($1, 'Lyon', ST_SetSRID(ST_MakePoint(4.835, 45.76), 4326)::geography, 'Europe/Paris') RETURNING id`,
      [orgId],
    );
    depot = { depotId: d.rows[0]!.id };
    depotCache.set(orgId, depot);
  }
  const v = await db.query<{ id: string }>(
    `INSERT INTO vehicles (org_id, depot_id, name, capacity) VALUES ($1, $2, $3, '{800,10,100}') RETURNING id`,
    [orgId, depot.depotId, `Van of ${name}`],
  );
  const vehicleId = v.rows[0]!.id;
  const dr = await db.query<{ id: string }>(
    'INSERT INTO drivers (org_id, name, phone, default_vehicle_id) VALUES ($1, $2, $3, $4) RETURNING id',
    [orgId, name, '+33612345678', vehicleId],
  );
  const driverId = dr.rows[0]!.id;
  const start = new Date(`${localDate}T07:00:00Z`);
  const r = await db.query<{ id: string }>(
    `INSERT INTO routes (org_id, vehicle_id, driver_id, depot_id, local_date, status, version, start_at, end_at, published_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now()) RETURNING id`,
    [
      orgId,
      vehicleId,
      driverId,
      depot.depotId,
      localDate,
      opts.status ?? 'published',
      opts.status === 'planned' ? 1 : 2,
      start,
      new Date(start.getTime() + 8 * 3600_000),
    ],
  );
  const routeId = r.rows[0]!.id;
  const stopIds: string[] = [];
  const orderIds: string[] = [];
  for (let i = 0; i < (opts.stops ?? 3); i++) {
    const ref = `${name}-${i + 1}-${Math.random().toString(36).slice(2, 8)}`;
    const o = await db.query<{ id: string }>(
      `INSERT INTO orders (org_id, ref, name, phone, address, location, date_from, date_to, time_windows, service_s, demand, notes, status, content_hash)
       VALUES ($1, $2, $3, '+33478000000', $4, ST_SetSRID(ST_MakePoint($5, $6), 4326)::geography, $7, $7,
               '[{"start":"09:00","end":"12:00"}]', 300, '{10,0.1,1}', 'Code 1234', 'dispatched', 'x') RETURNING id`,
      [
        orgId,
        ref,
        `Client ${i + 1}`,
        `${i + 1} rue de la République, Lyon`,
        4.83 + i * 0.004,
        45.76 + i * 0.002,
        localDate,
      ],
    );
    orderIds.push(o.rows[0]!.id);
    const arr = new Date(start.getTime() + (i + 1) * 20 * 60_000);
    const s = await db.query<{ id: string }>(
      `INSERT INTO stops (route_id, order_id, seq, planned_arrival_at, planned_departure_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [routeId, o.rows[0]!.id, i, arr, new Date(arr.getTime() + 300_000)],
    );
    stopIds.push(s.rows[0]!.id);
  }
  return { depotId: depot.depotId, vehicleId, driverId, routeId, localDate, stopIds, orderIds };
}

/** Forgets cached depots (a test run on a fresh database). */
export function resetSeedCache() {
  depotCache = new Map();
}
