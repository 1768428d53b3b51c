import { randomUUID } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson } from '../../test/harness.ts';
import { type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';
import { purgePositions } from './position-repo.ts';
import { type SeededDay, seedDriverDay } from '../../test/support/seeded-driver-day.ts';

describe('driver access, positions and stop events', () => {
  let t: PlanningTestApp;
  let anne: SeededDay;
  let bruno: SeededDay;
  let anneToken: string;
  const sockets: Socket[] = [];

  const driverSocket = async (token: string) => {
    const s = connect(`${t.baseUrl}/driver`, { auth: { token }, transports: ['websocket'], forceNew: true });
    sockets.push(s);
    await new Promise<void>((resolve, reject) => {
      s.on('connect', () => resolve());
      s.on('connect_error', reject);
    });
    return s;
  };
  const driverApi = (token: string, path: string, init: RequestInit = {}) =>
    fetch(`${t.baseUrl}/api${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
  const point = (s: number, lon = 4.83, id = randomUUID()) => ({
    id,
    deviceAt: new Date(Date.now() - 60_000 + s * 1000).toISOString(),
    coordinates: [lon, 45.76] as [number, number],
    accuracyM: 8,
  });

  beforeAll(async () => {
    t = await startPlanningApp();
    anne = await seedDriverDay(t.db, t.org.id, { name: 'Anne' });
    bruno = await seedDriverDay(t.db, t.org.id, { name: 'Bruno' });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  it('issues a link and a code; the code signs in and reads only the own route', async () => {
    const issued = await t.call('POST', `/drivers/${anne.driverId}/access`, {});
    expect(issued.status).toBe(201);
    expect(issued.body.link).toMatch(/\/driver\/#token=/);
    expect(issued.body.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const stored = await t.db.query<{ token_hash: string }>(
      'SELECT token_hash FROM driver_access WHERE driver_id = $1',
      [anne.driverId],
    );
    expect(stored.rows[0]!.token_hash).not.toBe(issued.body.token);
    expect((await t.call('POST', `/drivers/${anne.driverId}/access`, {}, 'driver')).status).toBe(403);

    const wrong = await fetch(`${t.baseUrl}/api/driver/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"code":"AAAA-AAAA"}',
    });
    expect(wrong.status).toBe(401);
    const session = await fetch(`${t.baseUrl}/api/driver/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: issued.body.code.toLowerCase() }),
    });
    expect(session.status).toBe(200);
    const s = (await session.json()) as { token: string; driver: unknown };
    expect(s.driver).toEqual({ id: anne.driverId, name: 'Anne' });
    anneToken = s.token;

    const day = await readJson(await driverApi(anneToken, '/driver/routes/today'));
    expect(day.route.id).toBe(anne.routeId);
    expect(day.route.stops).toHaveLength(3);
    expect(day.route.stops[0]).toMatchObject({
      address: '1 rue de la République, Lyon',
      phone: '+33478000000',
      notes: 'Code 1234',
      demand: [10, 0.1, 1],
    });
    expect(day.dimensions).toEqual(['kg', 'm3', 'parcels']);
    // The dispatcher's session token is not a driver token.
    expect((await driverApi(t.org.users.dispatcher.token, '/driver/routes/today')).status).toBe(401);
  });

  it('stores a batch sent twice once, and an older batch does not move the latest position back', async () => {
    const dispatcher = t.socket('dispatcher');
    await new Promise<void>((resolve) => dispatcher.on('connect', () => resolve()));
    await dispatcher.emitWithAck('day:join', anne.localDate);
    const seen: { deviceAt: string; driverId: string }[] = [];
    dispatcher.on('driver:position', (e) => seen.push(e));

    const s = await driverSocket(anneToken);
    const batch = { points: [point(10, 4.83), point(11, 4.8301), point(12, 4.8302)] };
    const first = await s.emitWithAck('positions', batch);
    expect(first).toMatchObject({ ok: true, data: { duplicates: [], rejected: [] } });
    expect(first.data.accepted).toHaveLength(3);
    const again = await s.emitWithAck('positions', batch);
    expect(again.data).toEqual({ accepted: [], duplicates: batch.points.map((p) => p.id), rejected: [] });
    const n = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM positions WHERE driver_id = $1', [
      anne.driverId,
    ]);
    expect(n.rows[0]!.n).toBe(3);

    const late = await s.emitWithAck('positions', { points: [point(1, 4.829), point(2, 4.829)] });
    expect(late.data.accepted).toHaveLength(2);
    const latest = await t.call('GET', `/tracking/latest?date=${anne.localDate}`);
    const mine = latest.body.items.find((i: { driverId: string }) => i.driverId === anne.driverId);
    expect(mine).toMatchObject({
      deviceAt: batch.points[2]!.deviceAt,
      location: { coordinates: [4.8302, 45.76] },
      stale: false,
    });

    const bad = await s.emitWithAck('positions', {
      points: [
        point(13, 4.8303),
        { ...point(14), accuracyM: 900 },
        { ...point(15), deviceAt: new Date(Date.now() + 3600_000).toISOString() },
      ],
    });
    expect(bad.data.rejected.map((r: { reason: string }) => r.reason).sort()).toEqual(['accuracy', 'future']);
    await expect.poll(() => seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.every((e) => e.driverId === anne.driverId)).toBe(true);
    expect(seen.map((e) => e.deviceAt)).toEqual([...seen.map((e) => e.deviceAt)].sort());
  });

  it('applies stop events once each, in order, with actual times, order status and proof files', async () => {
    const dispatcher = t.socket('dispatcher');
    await new Promise<void>((resolve) => dispatcher.on('connect', () => resolve()));
    await dispatcher.emitWithAck('day:join', anne.localDate);
    const statuses: { stopId: string; status: string; type: string }[] = [];
    dispatcher.on('stop:status', (e) => statuses.push(e));
    const s = await driverSocket(anneToken);
    const t0 = Date.now() - 30 * 60_000;
    const at = (m: number) => new Date(t0 + m * 60_000).toISOString();
    const events = [
      { id: randomUUID(), stopId: anne.stopIds[0]!, type: 'started', deviceAt: at(0) },
      { id: randomUUID(), stopId: anne.stopIds[0]!, type: 'arrived', deviceAt: at(5) },
      { id: randomUUID(), stopId: anne.stopIds[0]!, type: 'delivered', recipientName: 'M. Martin', deviceAt: at(8) },
      {
        id: randomUUID(),
        stopId: anne.stopIds[1]!,
        type: 'failed',
        reason: 'absent',
        note: 'Nobody home',
        deviceAt: at(20),
      },
    ];
    // Sent without waiting: applied in the order sent; then all sent again: nothing applied twice.
    const acks = await Promise.all(events.map((e) => s.emitWithAck('stop:event', e)));
    expect(acks.map((a) => a.data.applied)).toEqual([true, true, true, true]);
    const retry = await Promise.all(events.map((e) => s.emitWithAck('stop:event', e)));
    expect(retry.map((a) => a.data.applied)).toEqual([false, false, false, false]);
    const stored = await t.db.query<{ id: string }>('SELECT id FROM stop_events WHERE route_id = $1 ORDER BY seq', [
      anne.routeId,
    ]);
    expect(stored.rows.map((r) => r.id)).toEqual(events.map((e) => e.id));

    const stops = await t.db.query<{ status: string; actual_arrival_at: Date; actual_departure_at: Date | null }>(
      'SELECT status, actual_arrival_at, actual_departure_at FROM stops WHERE route_id = $1 ORDER BY seq',
      [anne.routeId],
    );
    expect(stops.rows[0]).toMatchObject({
      status: 'delivered',
      actual_arrival_at: new Date(at(5)),
      actual_departure_at: new Date(at(8)),
    });
    expect(stops.rows[1]!.status).toBe('failed');
    const orders = await t.db.query<{ status: string }>('SELECT status FROM orders WHERE id = ANY($1) ORDER BY ref', [
      anne.orderIds,
    ]);
    // The route started: its third order, not yet visited, is in progress with it.
    expect(orders.rows.map((o) => o.status)).toEqual(['delivered', 'failed', 'in_progress']);
    const route = await t.db.query<{ status: string }>('SELECT status FROM routes WHERE id = $1', [anne.routeId]);
    expect(route.rows[0]!.status).toBe('in_progress');
    await expect.poll(() => statuses.length).toBe(4);
    expect(statuses.map((e) => e.type)).toEqual(['started', 'arrived', 'delivered', 'failed']);

    const failedNoReason = await s.emitWithAck('stop:event', {
      id: randomUUID(),
      stopId: anne.stopIds[2]!,
      type: 'failed',
      deviceAt: at(30),
    });
    expect(failedNoReason).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringMatching(/reason/) },
    });

    const proof = {
      eventId: events[2]!.id,
      kind: 'photo',
      contentType: 'image/jpeg',
      // A JPEG's signature (the server checks the bytes are the type declared), then anything.
      data: Buffer.from('\xff\xd8\xff\xe0 fake jpeg', 'latin1').toString('base64'),
    };
    const up = await driverApi(anneToken, `/driver/stops/${anne.stopIds[0]}/proof`, {
      method: 'POST',
      body: JSON.stringify(proof),
    });
    expect(up.status).toBe(201);
    const upAgain = await driverApi(anneToken, `/driver/stops/${anne.stopIds[0]}/proof`, {
      method: 'POST',
      body: JSON.stringify(proof),
    });
    expect(upAgain.status).toBe(200);
    const early = await driverApi(anneToken, `/driver/stops/${anne.stopIds[2]}/proof`, {
      method: 'POST',
      body: JSON.stringify({ ...proof, eventId: randomUUID() }),
    });
    expect(early.status).toBe(409);
    const history = await t.call('GET', `/stops/${anne.stopIds[0]}/events`);
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual(['started', 'arrived', 'delivered']);
    expect(history.body.items[2].proofs).toHaveLength(1);
    const file = await fetch(`${t.baseUrl}/api/proofs/${history.body.items[2].proofs[0].id}`, {
      headers: { authorization: `Bearer ${t.org.users.dispatcher.token}` },
    });
    expect(Buffer.from(await file.arrayBuffer()).toString('latin1')).toBe('\xff\xd8\xff\xe0 fake jpeg');
  });

  it("refuses another driver's route over HTTP and the socket", async () => {
    const s = await driverSocket(anneToken);
    const other = await s.emitWithAck('stop:event', {
      id: randomUUID(),
      stopId: bruno.stopIds[0]!,
      type: 'arrived',
      deviceAt: new Date().toISOString(),
    });
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The day endpoint only ever answers the caller's own route.
    const day = await readJson(await driverApi(anneToken, `/driver/routes/today?date=${bruno.localDate}`));
    expect(day.route.id).toBe(anne.routeId);
    // Bruno cannot attach a file to Anne's delivery.
    const brunoToken = (await t.call('POST', `/drivers/${bruno.driverId}/access`, {})).body.token;
    const [annesEvent] = (
      await t.db.query<{ id: string; stop_id: string }>(
        'SELECT id, stop_id FROM stop_events WHERE driver_id = $1 LIMIT 1',
        [anne.driverId],
      )
    ).rows;
    const proof = {
      eventId: annesEvent!.id,
      kind: 'signature',
      contentType: 'image/png',
      data: Buffer.from('\x89PNG\r\n\x1a\nx', 'latin1').toString('base64'),
    };
    const res = await driverApi(brunoToken, `/driver/stops/${annesEvent!.stop_id}/proof`, {
      method: 'POST',
      body: JSON.stringify(proof),
    });
    expect(res.status).toBe(403);
  });

  it('tells the driver when the route changes, and a revoked token is refused', async () => {
    const s = await driverSocket(anneToken);
    const changed = new Promise<{ routeId: string; version: number }>((resolve) => s.once('route:changed', resolve));
    expect((await t.call('POST', `/routes/${anne.routeId}/lock`, { locked: true })).status).toBe(200);
    expect(await changed).toMatchObject({ routeId: anne.routeId, reason: 'lock' });

    const dropped = new Promise<string>((resolve) => s.once('disconnect', resolve));
    expect((await t.call('DELETE', `/drivers/${anne.driverId}/access`)).status).toBe(204);
    expect(await dropped).toBe('io server disconnect');
    expect((await driverApi(anneToken, '/driver/routes/today')).status).toBe(401);
    await expect(driverSocket(anneToken)).rejects.toThrow(/unauthorized/);
  });

  it('takes a fix within 50 m of the next stop as its arrival until the driver says otherwise', async () => {
    const denise = await seedDriverDay(t.db, t.org.id, { name: 'Denise' });
    const issued = await t.call('POST', `/drivers/${denise.driverId}/access`, {});
    const s = await driverSocket(issued.body.token);
    const arrival = async () =>
      (
        await t.db.query<{ actual_arrival_at: Date | null; actual_arrival_source: string | null }>(
          'SELECT actual_arrival_at, actual_arrival_source FROM stops WHERE id = $1',
          [denise.stopIds[0]],
        )
      ).rows[0]!;
    // Stop 1 is at (4.83, 45.76): 400 m away nothing happens, 20 m away it is an arrival.
    await s.emitWithAck('positions', { points: [point(20, 4.825)] });
    expect((await arrival()).actual_arrival_at).toBeNull();
    const near = point(30, 4.8302);
    await s.emitWithAck('positions', { points: [near] });
    expect(await arrival()).toEqual({ actual_arrival_at: new Date(near.deviceAt), actual_arrival_source: 'geofence' });
    const tapped = new Date().toISOString();
    await s.emitWithAck('stop:event', {
      id: randomUUID(),
      stopId: denise.stopIds[0]!,
      type: 'arrived',
      deviceAt: tapped,
    });
    expect(await arrival()).toEqual({ actual_arrival_at: new Date(tapped), actual_arrival_source: 'event' });
  });

  it('purges positions past the retention, and only those', async () => {
    await t.db.query(
      `INSERT INTO positions (client_id, org_id, driver_id, device_at, received_at, location)
       VALUES ($1, $2, $3, now() - interval '100 days', now() - interval '100 days', ST_SetSRID(ST_MakePoint(4.8, 45.7), 4326)::geography)`,
      [randomUUID(), t.org.id, bruno.driverId],
    );
    const before = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM positions');
    expect(await purgePositions(t.db, 90)).toBeGreaterThanOrEqual(1);
    const after = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM positions');
    expect(before.rows[0]!.n - after.rows[0]!.n).toBeGreaterThanOrEqual(1);
    expect(
      (
        await t.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM positions WHERE received_at < now() - interval '90 days'",
        )
      ).rows[0]!.n,
    ).toBe(0);
  });
});
