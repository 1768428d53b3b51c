/**
 * The optional proximity message ("your driver is 2 stops away, around 10:40"): sent once per
 * stop to customers one or two stops away (not to the next one, who gets "next"), only for an
 * organisation that switched it on.
 */
import { DEFAULT_NOTIFY_SETTINGS } from '@tournee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../test/harness.ts';
import { seedDriverDay } from '../../test/support/seeded-driver-day.ts';
import { ownTestDatabase, simulatedDriver, startCommsApp } from '../../test/support/comms-stand-ins.ts';

describe('proximity message', () => {
  let env: Awaited<ReturnType<typeof startCommsApp>>;
  let org: TestOrg;

  beforeAll(async () => {
    env = await startCommsApp(await ownTestDatabase('proximity'), {
      ETA_THROTTLE_MS: '0',
      NOTIFY_NEXT_AFTER_STARTED_MIN: '0',
    });
    org = await createTestOrg(env.db);
  });
  afterAll(async () => {
    await env?.close();
  });

  it('is off unless the organisation switches it on', () => {
    expect(DEFAULT_NOTIFY_SETTINGS.triggers.proximity).toBe(false);
    expect(DEFAULT_NOTIFY_SETTINGS.proximityStops).toBe(2);
  });

  it('tells the customers one and two stops away, once each, in their language', async () => {
    await env.db.query(
      `UPDATE organisations SET settings = '{"notify":{"quietHours":null,"nextWithinMin":1,"triggers":{"proximity":true}}}' WHERE id = $1`,
      [org.id],
    );
    const day = await seedDriverDay(env.db, org.id, { stops: 4 });
    const driver = simulatedDriver(env.db, env.bus, org.id, day);
    await driver.event(0, 'started');
    // At the depot, a few hundred metres from the first stop: every ETA is minutes away.
    await driver.position(4.835, 45.755);
    await env.app.comms.drain();
    await driver.position(4.8351, 45.755);
    await env.app.comms.drain();
    const rows = await env.db.query<{ order_id: string; channel: string; body: string }>(
      `SELECT order_id, channel, body FROM notifications WHERE trigger = 'proximity' ORDER BY body`,
    );
    expect(rows.rows.map((r) => r.order_id).sort()).toEqual([day.orderIds[1], day.orderIds[2]].sort());
    expect(rows.rows.every((r) => r.channel === 'sms')).toBe(true);
    const bodies = rows.rows.map((r) => r.body);
    expect(bodies[0]).toMatch(/votre livreur .* est à 1 arrêt de chez vous : arrivée vers \d\d:\d\d/);
    expect(bodies[1]).toMatch(/est à 2 arrêts de chez vous/);
    // The next customer gets "next", not this.
    const next = await env.db.query<{ order_id: string }>(`SELECT order_id FROM notifications WHERE trigger = 'next'`);
    expect(next.rows.map((r) => r.order_id)).toEqual([day.orderIds[0]]);
  });
});
