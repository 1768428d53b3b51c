/**
 * A consumer that fails does not break the publisher or the other consumers, on the real app:
 * a driver's positions are still stored and acknowledged, and the dispatcher still sees them.
 */
import { randomUUID } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';
import { seedDriverDay } from '../../test/support/seeded-driver-day.ts';

describe('a failing domain-event consumer', () => {
  let t: PlanningTestApp;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    t = await startPlanningApp();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  it("leaves the driver's positions acknowledged and the dispatcher's map moving", async () => {
    const day = await seedDriverDay(t.db, t.org.id, { name: 'Iris' });
    // Registered after app.ts's consumers, as a broken one would be: it throws on every fix.
    let calls = 0;
    t.app.bus.on('driverPosition', 'broken', () => {
      calls++;
      throw new Error('consumer down');
    });
    // The link's token (a code sign-in would share its per-address limit with other test files).
    const { token } = (await t.call('POST', `/drivers/${day.driverId}/access`, {})).body as { token: string };

    const dispatcher = t.socket('dispatcher');
    sockets.push(dispatcher);
    await new Promise<void>((resolve) => dispatcher.on('connect', () => resolve()));
    await dispatcher.emitWithAck('day:join', day.localDate);
    const seen: string[] = [];
    dispatcher.on('driver:position', (e: { driverId: string }) => seen.push(e.driverId));

    const driver = connect(`${t.baseUrl}/driver`, { auth: { token }, transports: ['websocket'], forceNew: true });
    sockets.push(driver);
    await new Promise<void>((resolve, reject) => {
      driver.on('connect', () => resolve());
      driver.on('connect_error', reject);
    });
    const at = new Date(Date.now() - 5_000).toISOString();
    const ack = await driver.emitWithAck('positions', {
      points: [{ id: randomUUID(), deviceAt: at, coordinates: [4.83, 45.76], accuracyM: 8 }],
    });
    expect(ack).toMatchObject({ ok: true, data: { rejected: [] } });
    expect(ack.data.accepted).toHaveLength(1);
    await expect.poll(() => seen).toEqual([day.driverId]);
    expect(calls).toBe(1);
  });
});
