import { localToUtc } from '@tournee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { createLogger } from '../logger.ts';
import { seedDriverDay } from '../../test/support/seeded-driver-day.ts';
import { type LonLatPair, travelModel, travelTimeS } from '../travel/travel.ts';
import { createEtaEngine, type EtaEngine } from './service.ts';

// A day far ahead: the driver's fix is dated on it, so the ETAs start from a known instant.
const DATE = '2030-01-08';
const paris = (hhmm: string) => localToUtc(DATE, hhmm, 'Europe/Paris').getTime();

describe('live ETAs of a stored route (PostgreSQL)', () => {
  let t: TestApp;
  let engine: EtaEngine;
  let day: Awaited<ReturnType<typeof seedDriverDay>>;
  let places: LonLatPair[];

  const fixAt = async (hhmm: string, where: LonLatPair) => {
    await t.db.query(
      `INSERT INTO latest_positions (driver_id, org_id, route_id, device_at, location)
       VALUES ($1, $2, $3, $4, ST_SetSRID(ST_MakePoint($5, $6), 4326)::geography)
       ON CONFLICT (driver_id) DO UPDATE SET device_at = EXCLUDED.device_at, location = EXCLUDED.location`,
      [day.driverId, t.org.id, day.routeId, new Date(paris(hhmm)), ...where],
    );
    const r = await engine.recompute(day.routeId);
    return new Map(r!.etas.map((e) => [e.stopId, e]));
  };

  beforeAll(async () => {
    t = await startTestApp();
    engine = createEtaEngine({ db: t.db, log: createLogger('silent'), throttleMs: 0, onEtas: () => {} });
    day = await seedDriverDay(t.db, t.org.id, { name: 'Windows', stops: 3, date: DATE });
    await t.db.query(`UPDATE routes SET status = 'in_progress' WHERE id = $1`, [day.routeId]);
    // The first stop may be served 09:00–10:00 or 14:00–16:00; the others any time.
    await t.db.query(`UPDATE orders SET time_windows = '[]' WHERE id = ANY($1)`, [day.orderIds]);
    await t.db.query(
      `UPDATE orders SET time_windows = '[{"start":"09:00","end":"10:00"},{"start":"14:00","end":"16:00"}]' WHERE id = $1`,
      [day.orderIds[0]],
    );
    const located = await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(o.location::geometry) AS lon, ST_Y(o.location::geometry) AS lat
         FROM stops s JOIN orders o ON o.id = s.order_id WHERE s.route_id = $1 ORDER BY s.seq`,
      [day.routeId],
    );
    places = located.rows.map((r) => [r.lon, r.lat]);
  });
  afterAll(() => t?.close());

  it('serves a two-window stop at 09:30 on a 09:30 arrival, and at 14:00 on a 10:30 arrival', async () => {
    const early = (await fixAt('09:30', places[0]!)).get(day.stopIds[0]!)!;
    expect(early).toMatchObject({ arrivalMs: paris('09:30'), serviceStartMs: paris('09:30'), lateS: 0 });
    const late = (await fixAt('10:30', places[0]!)).get(day.stopIds[0]!)!;
    expect(late).toMatchObject({ arrivalMs: paris('10:30'), serviceStartMs: paris('14:00'), lateS: 0 });
    expect(late.departureMs).toBe(paris('14:05'));
    // What is stored (and told) is the service start.
    const stored = await t.db.query<{ eta_at: Date }>('SELECT eta_at FROM stops WHERE id = $1', [day.stopIds[0]]);
    expect(stored.rows[0]!.eta_at.getTime()).toBe(paris('14:00'));
    // The later stops follow the 14:05 departure.
    const next = (await fixAt('10:30', places[0]!)).get(day.stopIds[1]!)!;
    expect(next.arrivalMs).toBeCloseTo(
      paris('14:05') + travelTimeS(places[0]!, places[1]!, travelModel(t.config)) * 1000,
      -2,
    );
  });

  it('is late against the last window when past them all', async () => {
    const e = (await fixAt('16:30', places[0]!)).get(day.stopIds[0]!)!;
    expect(e).toMatchObject({ serviceStartMs: paris('16:30'), lateS: 30 * 60 });
  });

  it("takes the shift's break where it sits in the route, pushing the later stops", async () => {
    const before = await fixAt('11:00', places[0]!);
    // A shift with a 30-minute break between 12:00 and 13:00, taken after the second stop.
    const shift = await t.db.query<{ id: string }>(
      `INSERT INTO shifts (org_id, vehicle_id, local_date, start_local, end_local, start_at, end_at, breaks)
       VALUES ($1, $2, $3, '08:00', '18:00', $4, $5, $6) RETURNING id`,
      [
        t.org.id,
        day.vehicleId,
        DATE,
        new Date(paris('08:00')),
        new Date(paris('18:00')),
        JSON.stringify([
          {
            startAt: new Date(paris('12:00')).toISOString(),
            endAt: new Date(paris('13:00')).toISOString(),
            durationMin: 30,
          },
        ]),
      ],
    );
    await t.db.query('UPDATE routes SET shift_id = $2 WHERE id = $1', [day.routeId, shift.rows[0]!.id]);
    await t.db.query('UPDATE stops SET seq = seq + 1 WHERE route_id = $1 AND seq >= 2', [day.routeId]);
    const b = await t.db.query<{ id: string }>(
      `INSERT INTO stops (route_id, seq, kind, break_index) VALUES ($1, 2, 'break', 0) RETURNING id`,
      [day.routeId],
    );
    const after = await fixAt('11:00', places[0]!);
    // Stop 1 waits for 14:00 (11:00 is between its windows), so the break, due from 12:00, starts
    // (late) as soon as stop 2 is done, and the third stop comes 30 minutes later than without it.
    const brk = after.get(b.rows[0]!.id)!;
    expect(brk.serviceStartMs).toBe(after.get(day.stopIds[1]!)!.departureMs);
    expect(brk.departureMs - brk.serviceStartMs).toBe(30 * 60_000);
    const third = day.stopIds[2]!;
    expect(after.get(third)!.arrivalMs - before.get(third)!.arrivalMs).toBe(30 * 60_000);
    expect(after.get(day.stopIds[0]!)!.serviceStartMs).toBe(before.get(day.stopIds[0]!)!.serviceStartMs);

    // Once a later stop is done, the break was taken (the app does not report breaks).
    await t.db.query(`UPDATE stops SET status = 'delivered' WHERE id = $1`, [third]);
    expect((await fixAt('11:00', places[0]!)).has(b.rows[0]!.id)).toBe(false);
  });
});
