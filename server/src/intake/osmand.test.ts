import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson } from '../../test/harness.ts';
import { type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';
import { type SeededDay, seedDriverDay } from '../../test/support/seeded-driver-day.ts';

describe('positions from GPS trackers (OsmAnd / Traccar Client)', () => {
  let t: PlanningTestApp;
  let day: SeededDay;
  let key: string;
  let trackerId: string;

  beforeAll(async () => {
    t = await startPlanningApp();
    day = await seedDriverDay(t.db, t.org.id, { name: 'Tariq' });
    const issued = await t.call('POST', `/drivers/${day.driverId}/trackers`, { name: 'Van 12 tracker' });
    expect(issued.status).toBe(201);
    key = issued.body.key;
    trackerId = issued.body.id;
  });
  afterAll(() => t.close());

  const osmand = (query: string, init: RequestInit = {}) => fetch(`${t.baseUrl}/api/positions/osmand?${query}`, init);

  it('issues a device key shown once, listed by its prefix with its driver', async () => {
    expect(key).toMatch(/^trk[0-9a-z]{20,}$/);
    const list = await t.call('GET', '/trackers');
    expect(list.body.items).toContainEqual(
      expect.objectContaining({
        id: trackerId,
        driverName: 'Tariq',
        name: 'Van 12 tracker',
        prefix: `${key.slice(0, 7)}…`,
      }),
    );
    expect(JSON.stringify(list.body)).not.toContain(key);
  });

  it('moves the driver’s marker on a dispatcher socket from an OsmAnd request', async () => {
    const dispatcher = t.socket('dispatcher');
    await new Promise<void>((resolve) => dispatcher.on('connect', () => resolve()));
    await dispatcher.emitWithAck('day:join', day.localDate);
    const seen: { driverId: string; location: { coordinates: number[] }; speedMps: number | null }[] = [];
    dispatcher.on('driver:position', (e) => seen.push(e));

    const unix = Math.floor(Date.now() / 1000) - 30;
    const res = await osmand(`id=${key}&lat=45.7612&lon=4.8421&timestamp=${unix}&speed=10&bearing=90&accuracy=6`);
    expect(res.status).toBe(200);
    expect(await readJson(res)).toEqual({ status: 'accepted' });
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    expect(seen[0]).toMatchObject({ driverId: day.driverId, location: { coordinates: [4.8421, 45.7612] } });
    // 10 knots in m/s.
    expect(seen[0]!.speedMps).toBeCloseTo(5.144, 2);

    // The same fix sent again (the tracker did not get our answer) is stored once.
    const again = await osmand(`id=${key}&lat=45.7612&lon=4.8421&timestamp=${unix}&speed=10&bearing=90&accuracy=6`);
    expect(await readJson(again)).toEqual({ status: 'duplicate' });

    // Traccar Client's JSON form, POSTed.
    const json = await fetch(`${t.baseUrl}/api/positions/osmand`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        device_id: key,
        location: {
          timestamp: new Date(Date.now() - 10_000).toISOString(),
          coords: { latitude: 45.7618, longitude: 4.8431, accuracy: 5, speed: 4, heading: 80 },
        },
      }),
    });
    expect(await readJson(json)).toEqual({ status: 'accepted' });
    await expect.poll(() => seen.at(-1)?.location.coordinates).toEqual([4.8431, 45.7618]);
    const latest = await t.call('GET', `/tracking/latest?date=${day.localDate}`);
    expect(JSON.stringify(latest.body)).toContain('4.8431');
    const n = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM positions WHERE driver_id = $1', [
      day.driverId,
    ]);
    expect(n.rows[0]!.n).toBe(2);
  });

  it('drops a fix the /driver filters drop, answering 200 so the tracker does not resend it', async () => {
    const res = await osmand(`id=${key}&lat=45.77&lon=4.85&accuracy=5000`);
    expect(res.status).toBe(200);
    expect(await readJson(res)).toEqual({ status: 'rejected', reason: 'accuracy' });
  });

  it('answers 400 naming a bad parameter, and 401 for an unknown or revoked key', async () => {
    const bad = await osmand(`id=${key}&lat=95&lon=4.85`);
    expect(bad.status).toBe(400);
    expect((await readJson(bad)).error.message).toContain('lat');
    expect((await osmand('id=trknotakeyatall&lat=45.7&lon=4.8')).status).toBe(401);
    expect((await t.call('DELETE', `/trackers/${trackerId}`)).status).toBe(200);
    expect((await osmand(`id=${key}&lat=45.7&lon=4.8`)).status).toBe(401);
    const audit = await t.db.query(
      `SELECT action FROM events WHERE entity_id = $1 AND action LIKE 'tracker.%' ORDER BY id`,
      [day.driverId],
    );
    expect(audit.rows.map((r) => (r as { action: string }).action)).toEqual(['tracker.issue', 'tracker.revoke']);
  });
});
