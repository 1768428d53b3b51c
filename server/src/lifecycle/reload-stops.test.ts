/**
 * A reload at the depot (multi-trip, issue 19) is a stop of its route without an order, as a
 * break is: every reader must see it as no customer visit. One route: visit, reload, visit, visit.
 */
import { randomUUID } from 'node:crypto';
import { localToUtc } from '@tournee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestApp, type TestApp } from '../../test/harness.ts';
import { seedDriverDay } from '../../test/support/seeded-driver-day.ts';
import { createEtaEngine } from '../eta/service.ts';
import { createLogger } from '../logger.ts';
import { ingestPositions } from '../tracking/position-repo.ts';
import type { LonLatPair } from '../travel/travel.ts';
import { finishRouteIfDone } from './route-status.ts';

const DATE = '2030-01-15';
const paris = (hhmm: string) => localToUtc(DATE, hhmm, 'Europe/Paris').getTime();

describe('reload stops (PostgreSQL)', () => {
  let t: TestApp;
  let day: Awaited<ReturnType<typeof seedDriverDay>>;
  let reloadId: string;
  let depot: LonLatPair;
  let places: LonLatPair[];

  beforeAll(async () => {
    t = await startTestApp();
    day = await seedDriverDay(t.db, t.org.id, { name: 'Reloads', stops: 3, date: DATE });
    await t.db.query(`UPDATE depots SET address = '1 quai du Dépôt, Lyon' WHERE id = $1`, [day.depotId]);
    await t.db.query('UPDATE vehicles SET reload_min = 20 WHERE id = $1', [day.vehicleId]);
    await t.db.query(`UPDATE orders SET time_windows = '[]' WHERE id = ANY($1)`, [day.orderIds]);
    // Visit, back to the depot to reload, then the two other visits (the seed numbers from 0).
    await t.db.query('UPDATE stops SET seq = seq + 1 WHERE route_id = $1 AND seq >= 1', [day.routeId]);
    const r = await t.db.query<{ id: string }>(
      `INSERT INTO stops (route_id, seq, kind, planned_arrival_at, planned_departure_at)
       VALUES ($1, 1, 'reload', $2, $3) RETURNING id`,
      [day.routeId, new Date(paris('10:00')), new Date(paris('10:20'))],
    );
    reloadId = r.rows[0]!.id;
    const d = await t.db.query<{ lon: number; lat: number }>(
      'SELECT ST_X(location::geometry) AS lon, ST_Y(location::geometry) AS lat FROM depots WHERE id = $1',
      [day.depotId],
    );
    depot = [d.rows[0]!.lon, d.rows[0]!.lat];
    const located = await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(o.location::geometry) AS lon, ST_Y(o.location::geometry) AS lat
         FROM stops s JOIN orders o ON o.id = s.order_id WHERE s.route_id = $1 ORDER BY s.seq`,
      [day.routeId],
    );
    places = located.rows.map((x) => [x.lon, x.lat]);
  });
  afterAll(() => t?.close());

  it("is at its route's depot in the planner's routes (and the driver's day, same columns)", async () => {
    const { routes } = await readJson(await t.api(`/routes?date=${DATE}`));
    const route = routes.find((r: { id: string }) => r.id === day.routeId);
    const reload = route.stops.find((s: { id: string }) => s.id === reloadId);
    expect(reload).toMatchObject({ kind: 'reload', orderId: null, address: '1 quai du Dépôt, Lyon' });
    expect(reload.location?.coordinates).toEqual(depot);
  });

  it('is no visit: the order page, the calendar and the route sheet count 3 stops', async () => {
    // The order after the reload is the second stop the driver calls at, not the third.
    const detail = await readJson(await t.api(`/orders/${day.orderIds[1]}`));
    expect(detail.stops.map((s: { position: number }) => s.position)).toEqual([2]);
    const calendar = await readJson(await t.api(`/planning/calendar?from=${DATE}&to=${DATE}`));
    expect(calendar.days[0]).toMatchObject({ date: DATE, planned: 3 });

    const en = await (await t.api(`/route-sheets?date=${DATE}&format=html&lang=en`)).text();
    expect(en).toContain('3 stops');
    expect(en).toMatch(/<tr class="reload"><td>↻<\/td><td>10:00–10:20<\/td><td colspan="6">Reload at the depot/);
    // The visits keep their numbers 1, 2, 3 around it.
    expect([...en.matchAll(/<td class="seq">(\d+)<\/td>/g)].map((m) => m[1])).toEqual(['1', '2', '3']);
    const fr = await (await t.api(`/route-sheets?date=${DATE}&format=html&lang=fr`)).text();
    expect(fr).toContain('3 arrêts');
    expect(fr).toContain('Rechargement au dépôt');
  });

  it("takes the vehicle's reload minutes in the live ETAs, and is no place in the customers' queue", async () => {
    await t.db.query(`UPDATE routes SET status = 'in_progress' WHERE id = $1`, [day.routeId]);
    await t.db.query(
      `INSERT INTO latest_positions (driver_id, org_id, route_id, device_at, location)
       VALUES ($1, $2, $3, $4, ST_SetSRID(ST_MakePoint($5, $6), 4326)::geography)
       ON CONFLICT (driver_id) DO UPDATE SET device_at = EXCLUDED.device_at, location = EXCLUDED.location`,
      [day.driverId, t.org.id, day.routeId, new Date(paris('09:00')), ...places[0]!],
    );
    const engine = createEtaEngine({ db: t.db, log: createLogger('silent'), throttleMs: 0, onEtas: () => {} });
    const out = await engine.recompute(day.routeId);
    const eta = new Map(out!.etas.map((e) => [e.stopId, e]));
    const reload = eta.get(reloadId)!;
    expect(reload.departureMs - reload.serviceStartMs).toBe(20 * 60_000);
    // The visit after the reload is reached from the depot, once loaded.
    expect(eta.get(day.stopIds[1]!)!.arrivalMs).toBeGreaterThan(reload.departureMs);
    expect(out!.etas.map((e) => [e.stopId, e.stopsBefore])).toEqual([
      [day.stopIds[0], 0],
      [reloadId, 0],
      [day.stopIds[1], 1],
      [day.stopIds[2], 2],
    ]);
  });

  it('gives a break the driving limit added (no shift break) its planned duration in the live ETAs', async () => {
    const b = await t.db.query<{ id: string }>(
      `INSERT INTO stops (route_id, seq, kind, planned_arrival_at, planned_departure_at)
       VALUES ($1, 10, 'break', $2, $3) RETURNING id`,
      [day.routeId, new Date(paris('13:00')), new Date(paris('13:45'))],
    );
    const engine = createEtaEngine({ db: t.db, log: createLogger('silent'), throttleMs: 0, onEtas: () => {} });
    const out = await engine.recompute(day.routeId);
    const brk = out!.etas.find((e) => e.stopId === b.rows[0]!.id)!;
    expect(brk.departureMs - brk.serviceStartMs).toBe(45 * 60_000);
    await t.db.query('DELETE FROM stops WHERE id = $1', [b.rows[0]!.id]);
  });

  it('records the geofence arrival at the visit after a reload left pending', async () => {
    await t.db.query(`UPDATE stops SET status = 'delivered' WHERE id = $1`, [day.stopIds[0]]);
    const at = new Date(paris('10:40'));
    await ingestPositions(t.db, [
      {
        clientId: randomUUID(),
        orgId: t.org.id,
        driverId: day.driverId,
        routeId: day.routeId,
        deviceAt: at,
        lon: places[1]![0],
        lat: places[1]![1],
        accuracyM: 5,
        speedMps: 0,
        headingDeg: null,
      },
    ]);
    const s = await t.db.query('SELECT actual_arrival_at, actual_arrival_source FROM stops WHERE id = $1', [
      day.stopIds[1],
    ]);
    expect(s.rows[0]).toEqual({ actual_arrival_at: at, actual_arrival_source: 'geofence' });
  });

  it('finishes the route once the visits are done, the reload left pending like a break', async () => {
    await t.db.query(`UPDATE stops SET status = 'delivered' WHERE id = $1`, [day.stopIds[1]]);
    expect(await finishRouteIfDone(t.db, day.routeId)).toBeNull();
    await t.db.query(`UPDATE stops SET status = 'delivered' WHERE id = $1`, [day.stopIds[2]]);
    expect(await finishRouteIfDone(t.db, day.routeId)).toBe('done');
    const r = await t.db.query('SELECT status FROM stops WHERE id = $1', [reloadId]);
    expect(r.rows[0]).toEqual({ status: 'pending' });
  });

  it("is no stop of the day's analytics", async () => {
    const { total } = await readJson(await t.api(`/analytics/summary?from=${DATE}&to=${DATE}&groupBy=day`));
    expect(total).toMatchObject({ routes: 1, stops: 3, delivered: 3 });
  });
});
