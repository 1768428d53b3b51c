import { randomUUID } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestApp, type TestApp } from '../../test/harness.ts';
import { type SeededDay, seedDriverDay } from '../../test/support/seeded-driver-day.ts';
import { type LonLatPair, travelModel, travelTimeS } from '../travel/travel.ts';
import { osrmStandIn, roadS } from '../../test/support/osrm-stand-in.ts';

/** A table request for a route's stop matrix (more than the two points of the live leg). */
const isMatrix = (u: string) => u.startsWith('/table/') && u.split('?')[0]!.split(';').length > 2;
const isLeg = (u: string) => u.startsWith('/table/') && u.includes('sources=0&destinations=1&');

describe('live ETAs with OSRM_URL (OSRM stand-in)', () => {
  let osrm: Awaited<ReturnType<typeof osrmStandIn>>;
  let t: TestApp;
  let day: SeededDay;
  let driver: Socket;
  let stops: LonLatPair[];

  /** Sends a fix from the driver's phone and waits for the ETAs that rest on it. */
  const position = async (p: LonLatPair) => {
    const deviceAt = new Date();
    const ack = await driver.emitWithAck('positions', {
      points: [{ id: randomUUID(), deviceAt: deviceAt.toISOString(), coordinates: p, accuracyM: 5 }],
    });
    expect(ack).toMatchObject({ ok: true, data: { rejected: [] } });
    let rows: { id: string; eta_at: Date }[] = [];
    await expect
      .poll(
        async () => {
          rows = (
            await t.db.query<{ id: string; eta_at: Date; eta_updated_at: Date | null }>(
              'SELECT id, eta_at, eta_updated_at FROM stops WHERE route_id = $1 ORDER BY seq',
              [day.routeId],
            )
          ).rows.filter((r) => r.eta_updated_at?.getTime() === deviceAt.getTime());
          return rows.length;
        },
        { timeout: 15_000 },
      )
      .toBe(3);
    // Seconds from the fix to each stop's service start.
    return rows.map((r) => (r.eta_at.getTime() - deviceAt.getTime()) / 1000);
  };

  beforeAll(async () => {
    osrm = await osrmStandIn();
    t = await startTestApp({ OSRM_URL: osrm.url, ETA_THROTTLE_MS: '0', POSITION_MAX_SPEED_KMH: '100000' });
    day = await seedDriverDay(t.db, t.org.id, { name: 'Eta', stops: 3 });
    // No windows: the ETA is the arrival itself, so it shows the travel model alone.
    await t.db.query(`UPDATE orders SET time_windows = '[]' WHERE id = ANY($1)`, [day.orderIds]);
    const located = await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(o.location::geometry) AS lon, ST_Y(o.location::geometry) AS lat
         FROM stops s JOIN orders o ON o.id = s.order_id WHERE s.route_id = $1 ORDER BY s.seq`,
      [day.routeId],
    );
    stops = located.rows.map((r) => [r.lon, r.lat]);
    const access = await readJson(await t.api(`/drivers/${day.driverId}/access`, { method: 'POST', body: '{}' }));
    const session = await readJson(
      await t.api('/driver/session', { method: 'POST', body: JSON.stringify({ code: access.code }), as: null }),
    );
    driver = connect(`${t.baseUrl}/driver`, {
      auth: { token: session.token },
      transports: ['websocket'],
      forceNew: true,
    });
    await new Promise<void>((resolve, reject) => {
      driver.on('connect', () => resolve());
      driver.on('connect_error', reject);
    });
  });
  afterAll(async () => {
    driver?.disconnect();
    await t?.close();
    await osrm?.close();
  });

  it("uses OSRM's durations, asking the stop matrix once per route version", async () => {
    const from: LonLatPair = [4.8, 45.76];
    const straight = travelTimeS(from, stops[0]!, travelModel(t.config));
    const etas = await position(from);
    // The first leg is OSRM's (a 2 m/s road here: ~20 min), not the straight-line model's (~6 min).
    expect(Math.abs(roadS(from, stops[0]!) - straight)).toBeGreaterThan(600);
    expect(etas[0]).toBeGreaterThan(roadS(from, stops[0]!) - 5);
    expect(etas[0]).toBeLessThan(roadS(from, stops[0]!) + 30);
    // Between stops: OSRM's matrix, plus the 5-minute service.
    expect(etas[1]! - etas[0]!).toBeCloseTo(300 + roadS(stops[0]!, stops[1]!), 0);
    expect(etas[2]! - etas[1]!).toBeCloseTo(300 + roadS(stops[1]!, stops[2]!), 0);

    await position([4.801, 45.76]);
    await position([4.802, 45.76]);
    expect(osrm.requests.filter(isMatrix)).toHaveLength(1);
    expect(osrm.requests.filter(isLeg)).toHaveLength(3);

    // An edit moves the last stop and bumps the route's version: the matrix is asked again, once.
    const moved: LonLatPair = [4.85, 45.775];
    await t.db.query(`UPDATE orders SET location = ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography WHERE id = $1`, [
      day.orderIds[2],
      ...moved,
    ]);
    await t.db.query('UPDATE routes SET version = version + 1 WHERE id = $1', [day.routeId]);
    const after = await position([4.803, 45.76]);
    await position([4.804, 45.76]);
    expect(osrm.requests.filter(isMatrix)).toHaveLength(2);
    expect(after[2]! - after[1]!).toBeCloseTo(300 + roadS(stops[1]!, moved), 0);
    stops[2] = moved;
  });

  it('keeps giving ETAs with OSRM down: the straight-line model for the live leg', async () => {
    await osrm.close();
    const from: LonLatPair = [4.805, 45.76];
    const etas = await position(from);
    const straight = travelTimeS(from, stops[0]!, travelModel(t.config));
    expect(etas[0]).toBeGreaterThan(straight - 5);
    expect(etas[0]).toBeLessThan(straight + 30);
    // The stop matrix OSRM gave for this route version is still used between stops.
    expect(etas[1]! - etas[0]!).toBeCloseTo(300 + roadS(stops[0]!, stops[1]!), 0);
    // And the next fix too (OSRM is left alone for a while, not waited for).
    expect((await position([4.806, 45.76]))[0]).toBeLessThan(straight + 30);
  });
});
