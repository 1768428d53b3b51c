import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, issueDriverAccess, seedDriverInto, trackingLinkInto } from '../lib/driver-day.ts';
import { startServerPair } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';
import { obliterateQueue, testQueueName, testRedisUrl } from '../lib/test-redis.ts';

const ADMIN = { email: 'fleet@example.com', password: 'e2e-password-1' };
const REDIS_URL = testRedisUrl(1);
// The servers' plan queue, this run's own; its keys are removed when the file ends.
const PLAN_QUEUE_NAME = testQueueName('tournee-plans-e2e-driver-redis');

const connected = (s: Socket) =>
  new Promise<void>((resolve, reject) => {
    s.on('connect', () => resolve());
    s.on('connect_error', reject);
  });

// Two server processes sharing PostgreSQL and Redis, as behind a load balancer: the driver's
// phone is connected to one, the dispatcher's browser and the customer's tracking page to the other.
describe('live tracking across two server processes (Redis adapter)', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let dbUrl: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    ({
      a,
      b,
      databaseUrl: dbUrl,
    } = await startServerPair('tournee_e2e_driver_redis', ADMIN, {
      REDIS_URL,
      PLAN_QUEUE_NAME,
    }));
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await Promise.all([a?.stop(), b?.stop()]);
    await obliterateQueue(REDIS_URL, PLAN_QUEUE_NAME);
  });

  it('sends positions and stop statuses from a driver on one process to a dispatcher on the other', async () => {
    const day = await seedDriverInto(dbUrl, ADMIN.email);
    const staff = await adminToken(b.baseUrl, ADMIN.email, ADMIN.password);
    const access = await issueDriverAccess(a.baseUrl, staff, day.driverId);

    const dispatcher = io(`${b.baseUrl}/dispatch`, {
      auth: { token: staff },
      transports: ['websocket'],
      forceNew: true,
    });
    sockets.push(dispatcher);
    await connected(dispatcher);
    await dispatcher.emitWithAck('day:join', day.localDate);
    const positions: { driverId: string; location: { coordinates: number[] } }[] = [];
    const statuses: { stopId: string; status: string }[] = [];
    dispatcher.on('driver:position', (e) => positions.push(e));
    dispatcher.on('stop:status', (e) => statuses.push(e));
    const etas: { routeId: string; etas: { stopId: string; etaAt: string }[] }[] = [];
    dispatcher.on('route:etas', (e) => etas.push(e));

    const customer = io(`${b.baseUrl}/track`, {
      auth: { token: await trackingLinkInto(dbUrl, day.orderIds[0]!) },
      transports: ['websocket'],
      forceNew: true,
    });
    sockets.push(customer);
    const pageStatuses: string[] = [];
    const pageDriver: (number[] | null)[] = [];
    const pageMoves: number[][] = [];
    customer.on('track:update', (v: { status: string; driver: { location: { coordinates: number[] } } | null }) => {
      pageStatuses.push(v.status);
      pageDriver.push(v.driver?.location.coordinates ?? null);
    });
    customer.on('track:driver', (d: { location: { coordinates: number[] } }) => pageMoves.push(d.location.coordinates));
    await connected(customer);
    await expect.poll(() => pageStatuses, { timeout: 15_000 }).toEqual(['scheduled']);

    const driver = io(`${a.baseUrl}/driver`, {
      auth: { token: access.token },
      transports: ['websocket'],
      forceNew: true,
    });
    sockets.push(driver);
    await connected(driver);
    const t0 = Date.now();
    const ack = await driver.emitWithAck('positions', {
      points: [{ id: randomUUID(), deviceAt: new Date().toISOString(), coordinates: [4.8321, 45.7578], accuracyM: 6 }],
    });
    expect(ack.ok).toBe(true);
    // It arrives (how fast is `pnpm bench:tracking`'s figure, not this test's).
    await expect.poll(() => positions.length, { timeout: 15_000 }).toBe(1);
    expect(positions[0]).toMatchObject({ driverId: day.driverId, location: { coordinates: [4.8321, 45.7578] } });
    // The ETAs process A computed from that position reach the dispatcher on B, every stop ahead.
    await expect.poll(() => etas.length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(etas[0]!.routeId).toBe(day.routeId);
    expect(etas[0]!.etas.map((x) => x.stopId)).toEqual(day.stopIds);
    expect(Date.parse(etas[0]!.etas[0]!.etaAt)).toBeGreaterThan(t0);

    const ev = await driver.emitWithAck('stop:event', {
      id: randomUUID(),
      stopId: day.stopIds[0],
      type: 'arrived',
      deviceAt: new Date().toISOString(),
    });
    expect(ev).toMatchObject({ ok: true, data: { applied: true, status: 'arrived' } });
    await expect
      .poll(() => statuses, { timeout: 15_000 })
      .toEqual([expect.objectContaining({ stopId: day.stopIds[0], status: 'arrived' })]);
    // The customer's page, open on process B, hears of the arrival handled by process A.
    await expect.poll(() => pageStatuses.at(-1), { timeout: 15_000 }).toBe('arrived');
    // It shows the driver, and the driver's next position on process A moves it on the page on B.
    await expect.poll(() => pageDriver.at(-1), { timeout: 15_000 }).toEqual([4.8321, 45.7578]);
    const moved = await driver.emitWithAck('positions', {
      points: [{ id: randomUUID(), deviceAt: new Date().toISOString(), coordinates: [4.8322, 45.7579], accuracyM: 6 }],
    });
    expect(moved.ok).toBe(true);
    await expect.poll(() => pageMoves, { timeout: 15_000 }).toContainEqual([4.8322, 45.7579]);

    // A change made through process B reaches the driver's socket on process A.
    const changed = new Promise<{ routeId: string }>((resolve) => driver.once('route:changed', resolve));
    const lock = await fetch(`${b.baseUrl}/api/routes/${day.routeId}/lock`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/json' },
      body: '{"locked":true}',
    });
    expect(lock.status).toBe(200);
    expect((await changed).routeId).toBe(day.routeId);

    // Revoked on B: the driver's socket on A is dropped and refused afterwards.
    const dropped = new Promise<string>((resolve) => driver.once('disconnect', resolve));
    await fetch(`${b.baseUrl}/api/drivers/${day.driverId}/access`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${staff}` },
    });
    expect(await dropped).toBe('io server disconnect');
  });
});
