import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg } from '../../test/harness.ts';
import { ownTestDatabase, simulatedDriver, startCommsApp } from '../../test/support/comms-stand-ins.ts';
import { seedDriverDay } from '../../test/support/seeded-driver-day.ts';
import { createLink } from '../links/links.ts';

type Fix = { location: { coordinates: number[] } };
type View = { driver: Fix | null };

/**
 * A customer's page hears the driver's every position while its view shows the driver, even when
 * the ETAs behind are late: a recompute that read the route before the last delivery (or before
 * the route started) finishes after it (seen in CI: the page showed the driver, then heard none
 * of its moves).
 */
describe("the driver's moves on a tracking page", () => {
  let env: Awaited<ReturnType<typeof startCommsApp>>;
  let page: Socket | null = null;
  beforeAll(async () => {
    env = await startCommsApp(await ownTestDatabase('track_driver'), { ETA_THROTTLE_MS: '0' });
  });
  afterAll(async () => {
    page?.disconnect();
    await env?.close();
  });

  it('follow the view that shows the driver, not ETAs a stop behind', async () => {
    const org = await createTestOrg(env.db);
    const day = await seedDriverDay(env.db, org.id, { stops: 3 });
    const driver = simulatedDriver(env.db, env.bus, org.id, day);
    await driver.event(0, 'started');
    await driver.position(4.835, 45.76);
    await env.app.comms.drain();
    // ETAs read while the third customer still had two stops before theirs.
    const behind = await env.app.comms.eta.recompute(day.routeId);
    expect(behind?.etas.find((e) => e.orderId === day.orderIds[2])?.stopsBefore).toBe(2);

    page = io(`${env.baseUrl}/track`, {
      auth: { token: await createLink(env.db, org.id, day.orderIds[2]!) },
      transports: ['websocket'],
      forceNew: true,
    });
    const views: View[] = [];
    const moves: string[] = [];
    page.on('track:update', (v: View) => views.push(v));
    page.on('track:driver', (d: Fix) => moves.push(JSON.stringify(d.location.coordinates)));
    await expect.poll(() => views.length).toBeGreaterThan(0);
    expect(views.at(-1)!.driver).toBeNull();

    await driver.event(0, 'arrived');
    await driver.event(0, 'delivered');
    await driver.position(4.8321, 45.7611);
    await env.app.comms.drain();
    // One stop away: the page shows the driver.
    await expect.poll(() => views.at(-1)?.driver?.location.coordinates).toEqual([4.8321, 45.7611]);
    // The late ETAs land now, then the driver moves.
    env.bus.publish('etasChanged', { orgId: org.id, ...behind! });
    await driver.position(4.8333, 45.7615);
    await expect.poll(() => moves).toContain(JSON.stringify([4.8333, 45.7615]));
    // So do ETAs read before the route started (a first arrival starts it on the real server).
    env.bus.publish('etasChanged', { orgId: org.id, ...behind!, route: { ...behind!.route, status: 'published' } });
    await driver.position(4.8335, 45.7616);
    await expect.poll(() => moves).toContain(JSON.stringify([4.8335, 45.7616]));

    // Delivered: the page no longer shows the driver, and hears no more of the moves.
    for (const i of [1, 2]) {
      await driver.event(i, 'arrived');
      await driver.event(i, 'delivered');
    }
    await env.app.comms.drain();
    await expect.poll(() => views.at(-1)?.driver).toBeNull();
    env.bus.publish('etasChanged', { orgId: org.id, ...behind! });
    await driver.position(4.84, 45.77);
    await env.app.comms.drain();
    expect(moves).not.toContain(JSON.stringify([4.84, 45.77]));
  });
});
