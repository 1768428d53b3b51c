import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, readJson, type TestOrg } from '../../test/harness.ts';
import { type App, createApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Db } from '../db/db.ts';
import { createPgDb } from '../db/pg-adapter.ts';
import { createLogger } from '../logger.ts';
import { ownTestDatabase } from '../../test/support/comms-stand-ins.ts';
import { postWebhook } from './http-post.ts';
import { startWebhookSender, type WebhookSender } from './sender.ts';
import { isPrivateAddress } from './ssrf.ts';
import { type Receiver, startReceiver } from '../../test/support/webhook-receiver.ts';

/**
 * An independent check of `Tournee-Signature` as a receiver would write it from the docs
 * (Stripe's scheme): t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">.
 */
function verifySignature(header: string | undefined, raw: string, secret: string): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  if (!parts.t || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.${raw}`, 'utf8').digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const SECRET = 'a-test-signing-secret-of-32-chars';

// A database of this file's own: every other test file's app runs a webhook sender too.
let DATABASE_URL: string;
let db: Db;
let app: App;
let base: string;
let org: TestOrg;
// The senders' clock: real time moved forward by the test (rows are stamped with the database's now()).
let aheadMs = 0;
const now = () => Date.now() + aheadMs;
let second: WebhookSender;

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${base}/api${path}`, {
    ...init,
    headers: { authorization: `Bearer ${org.users.admin.token}`, 'content-type': 'application/json', ...init.headers },
  });

beforeAll(async () => {
  DATABASE_URL = await ownTestDatabase('webhooks');
  const config = loadConfig({
    DATABASE_URL: DATABASE_URL,
    LOG_LEVEL: 'silent',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    WEBHOOK_POLL_MS: '50',
    WEBHOOK_BACKOFF_MS: '5000',
    WEBHOOK_DISABLE_AFTER_DAYS: '3',
  });
  db = createPgDb(DATABASE_URL, { max: 8 });
  org = await createTestOrg(db);
  app = createApp({ db, config, log: createLogger('silent'), webhookNow: now });
  base = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}`;
  // A second server process's sender on the same database: both claim, neither sends twice.
  second = startWebhookSender(db, createLogger('silent'), {
    pollMs: 50,
    backoffMs: 5000,
    timeoutMs: 5000,
    disableAfterMs: 3 * 86_400_000,
    allowPrivate: true,
    now,
  });
});
afterAll(async () => {
  await second.stop();
  await app.close();
  await db.close();
});

const subscribe = async (url: string, events: string[], secret?: string) => {
  const res = await api('/webhooks', { method: 'POST', body: JSON.stringify({ url, events, secret }) });
  expect(res.status).toBe(201);
  return readJson(res);
};

const order = (ref: string, name: string) => ({
  ref,
  name,
  address: '2 rue de la République, Lyon',
  lat: 45.76,
  lon: 4.835,
  date: '2026-06-03',
});

/** Deliveries of a subscription still waiting. */
const pending = async (subId: string) =>
  (
    await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM webhook_deliveries WHERE subscription_id = $1 AND status = 'pending'`,
      [subId],
    )
  ).rows[0]!.n;

/** The latest attempt count of the subscription's deliveries (the sender tried them all once more). */
const minAttempts = async (subId: string) =>
  (
    await db.query<{ n: number }>(
      `SELECT coalesce(min(attempts), 0)::int AS n FROM webhook_deliveries d
        WHERE subscription_id = $1 AND status = 'pending'
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.subscription_id = d.subscription_id
                            AND e.subject_id = d.subject_id AND e.status = 'pending' AND e.id < d.id)`,
      [subId],
    )
  ).rows[0]!.n;

describe('webhooks', () => {
  let receiver: Receiver;
  let sub: { id: string; secret: string };

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());

  it('delivers every event once per id, in order per order, signed, to a receiver down for 2 minutes', async () => {
    sub = await subscribe(
      receiver.url,
      ['order.created', 'order.updated', 'order.cancelled', 'order.rescheduled'],
      SECRET,
    );
    expect(sub.secret).toBe(SECRET);
    await receiver.down();

    const post = await api('/orders', {
      method: 'POST',
      body: JSON.stringify({ orders: [order('WH-A', 'Alice'), order('WH-B', 'Bruno'), order('WH-C', 'Chloé')] }),
    });
    expect(post.status).toBe(200);
    const ids = Object.fromEntries(
      (await readJson(post)).results.map((r: { ref: string; id: string }) => [r.ref, r.id]),
    ) as Record<string, string>;
    for (const name of ['Alice Martin', 'Alice Martin-Roux']) {
      const res = await api(`/orders/${ids['WH-A']}`, { method: 'PATCH', body: JSON.stringify({ name }) });
      expect(res.status).toBe(200);
    }
    expect(
      (
        await api(`/orders/${ids['WH-A']}`, {
          method: 'PATCH',
          body: JSON.stringify({ dateFrom: '2026-06-04', dateTo: '2026-06-04' }),
        })
      ).status,
    ).toBe(200);
    expect((await api(`/orders/${ids['WH-B']}`, { method: 'DELETE' })).status).toBe(200);

    // Down for 2 minutes of the senders' clock: every attempt refused, retried with backoff.
    await expect.poll(() => minAttempts(sub.id)).toBeGreaterThanOrEqual(1);
    for (let elapsed = 0; elapsed < 120_000; elapsed += 15_000) {
      const before = await minAttempts(sub.id);
      aheadMs += 15_000;
      if (elapsed >= 30_000) await expect.poll(() => minAttempts(sub.id)).toBeGreaterThanOrEqual(before);
    }
    expect(receiver.received).toHaveLength(0);
    const log = await readJson(await api(`/webhooks/${sub.id}/deliveries?status=pending`));
    expect(log.items.length).toBeGreaterThan(0);
    const tried = log.items.filter((d: { attempts: number }) => d.attempts > 0);
    expect(tried.length).toBeGreaterThan(0);
    expect(tried[0]).toMatchObject({
      status: 'pending',
      lastStatusCode: null,
      lastError: expect.stringMatching(/ECONNREFUSED/),
    });

    await receiver.up();
    aheadMs += 6 * 3600_000;
    // An attempt in flight while the receiver came back fails after the jump and is put off from
    // then (up to 6 h of backoff): the clock goes on an hour a look, as real hours would pass.
    await expect
      .poll(
        async () => {
          aheadMs += 3600_000;
          return pending(sub.id);
        },
        { timeout: 15_000 },
      )
      .toBe(0);

    // Every event exactly once per id …
    const bodies = receiver.received.map((r) => JSON.parse(r.raw));
    const events = await db.query<{ id: string; subject_id: string; type: string }>(
      `SELECT e.id, e.subject_id, e.type FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
        WHERE d.subscription_id = $1 ORDER BY d.id`,
      [sub.id],
    );
    expect(bodies.map((b) => b.id).sort()).toEqual(events.rows.map((e) => e.id).sort());
    expect(new Set(bodies.map((b) => b.id)).size).toBe(bodies.length);
    // … in the order they happened for each order …
    const typesOf = (orderId: string) => bodies.filter((b) => b.data.id === orderId).map((b) => b.type);
    expect(typesOf(ids['WH-A']!)).toEqual(['order.created', 'order.updated', 'order.updated', 'order.rescheduled']);
    expect(typesOf(ids['WH-B']!)).toEqual(['order.created', 'order.cancelled']);
    expect(typesOf(ids['WH-C']!)).toEqual(['order.created']);
    expect(bodies.find((b) => b.type === 'order.rescheduled').data).toMatchObject({
      ref: 'WH-A',
      dateFrom: '2026-06-04',
      name: 'Alice Martin-Roux',
    });
    // … each signed with the subscription's secret.
    for (const r of receiver.received) {
      expect(verifySignature(r.headers['tournee-signature'] as string, r.raw, SECRET)).toBe(true);
      expect(verifySignature(r.headers['tournee-signature'] as string, r.raw, 'another-secret')).toBe(false);
      expect(Object.keys(JSON.parse(r.raw))).toEqual(['id', 'type', 'occurredAt', 'data']);
    }
    const delivered = await readJson(await api(`/webhooks/${sub.id}/deliveries`));
    expect(delivered.items[0]).toMatchObject({ status: 'delivered', lastStatusCode: 204 });
  });

  it('replays the events since a time with their ids', async () => {
    const before = receiver.received.length;
    const from = new Date(Date.now() - 3600_000).toISOString();
    const res = await api(`/webhooks/${sub.id}/replay?from=${encodeURIComponent(from)}`, { method: 'POST' });
    expect(res.status).toBe(200);
    const { queued } = await readJson(res);
    expect(queued).toBe(before);
    await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(2 * before);
    const again = receiver.received.slice(before).map((r) => JSON.parse(r.raw).id);
    expect(again.sort()).toEqual(
      receiver.received
        .slice(0, before)
        .map((r) => JSON.parse(r.raw).id)
        .sort(),
    );
    expect(
      (await db.query(`SELECT 1 FROM events WHERE action = 'webhook.replay' AND entity_id = $1`, [sub.id])).rows,
    ).toHaveLength(1);
  });

  it('sends route events from the domain events', async () => {
    const routes = await startReceiver();
    const s = await subscribe(routes.url, ['route.published', 'route.started', 'route.completed']);
    const routeId = '00000000-0000-4000-8000-000000000001';
    app.bus.publish('routePublished', {
      orgId: org.id,
      localDate: '2026-06-03',
      routes: [{ routeId, version: 1, driverId: null }],
    });
    const stop = {
      orgId: org.id,
      eventId: 'e',
      stopId: '00000000-0000-4000-8000-000000000002',
      routeId,
      orderId: null,
      driverId: '00000000-0000-4000-8000-000000000003',
      localDate: '2026-06-03',
      status: 'delivered' as const,
      reason: null,
      deviceAt: new Date().toISOString(),
      actualArrivalAt: null,
      actualDepartureAt: null,
    };
    app.bus.publish('stopStatus', { ...stop, type: 'started', routeStatus: 'in_progress' });
    app.bus.publish('stopStatus', { ...stop, type: 'delivered', routeStatus: 'in_progress' });
    await app.bus.drain();
    app.bus.publish('stopStatus', { ...stop, type: 'delivered', routeStatus: 'done' });
    await expect.poll(() => routes.received.length, { timeout: 10_000 }).toBe(3);
    expect(routes.received.map((r) => JSON.parse(r.raw).type)).toEqual([
      'route.published',
      'route.started',
      'route.completed',
    ]);
    expect(
      verifySignature(routes.received[0]!.headers['tournee-signature'] as string, routes.received[0]!.raw, s.secret),
    ).toBe(true);
    await routes.close();
  });

  it('turns a subscription off after days of failures, and sends its backlog once turned back on', async () => {
    const dead = await startReceiver();
    const s = await subscribe(dead.url, ['order.created']);
    await dead.down();
    expect(
      (await api('/orders', { method: 'POST', body: JSON.stringify({ orders: [order('WH-D', 'Dora')] }) })).status,
    ).toBe(200);
    await expect.poll(() => minAttempts(s.id)).toBeGreaterThanOrEqual(1);
    const enabled = async () => (await readJson(await api(`/webhooks/${s.id}`))).enabled as boolean;
    for (let day = 0; day < 4; day++) {
      const before = await minAttempts(s.id);
      aheadMs += 86_400_000;
      // Tried once more each day, until it has failed for 3 days and is turned off.
      await expect.poll(async () => (await minAttempts(s.id)) > before || !(await enabled())).toBe(true);
    }
    const off = await readJson(await api(`/webhooks/${s.id}`));
    expect(off).toMatchObject({ enabled: false, disabledReason: 'failing', pending: 1 });
    await dead.up();
    const on = await api(`/webhooks/${s.id}`, { method: 'PATCH', body: JSON.stringify({ enabled: true }) });
    expect(await readJson(on)).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
    await expect.poll(() => dead.received.length, { timeout: 10_000 }).toBe(1);
    await dead.close();
  });

  it('sends stop.eta_changed when an ETA moved enough, at most once a minute per stop', async () => {
    const etas = await startReceiver();
    const sub = await subscribe(etas.url, ['stop.eta_changed']);
    const stopId = '00000000-0000-4000-8000-0000000000e1';
    const orderId = '00000000-0000-4000-8000-0000000000e2';
    const base = Date.now() + 3600_000;
    const publish = (at: number) =>
      app.bus.publish('etasChanged', {
        orgId: org.id,
        route: { id: '00000000-0000-4000-8000-0000000000e3' },
        stale: false,
        etas: [{ stopId, orderId, at, lateS: 0 }],
      } as unknown as Parameters<typeof app.bus.publish<'etasChanged'>>[1]);
    publish(base);
    await app.bus.drain();
    // Sent before the clock moves on (a lease outlived by a jump of the test's clock is taken over).
    await expect.poll(() => pending(sub.id)).toBe(0);
    publish(base + 30_000); // 30 s later: not worth telling
    await app.bus.drain();
    aheadMs += 30_000;
    publish(base + 10 * 60_000); // moved 10 minutes, but the last one was sent 30 s ago
    await app.bus.drain();
    aheadMs += 60_000;
    publish(base + 10 * 60_000); // a minute on: sent
    await app.bus.drain();
    await expect.poll(() => etas.received.length, { timeout: 10_000 }).toBe(2);
    const [first, second] = etas.received.map((r) => JSON.parse(r.raw));
    expect(first).toMatchObject({ type: 'stop.eta_changed', data: { stopId, orderId, previousEtaAt: null } });
    expect(second.data).toMatchObject({
      etaAt: new Date(base + 10 * 60_000).toISOString(),
      previousEtaAt: new Date(base).toISOString(),
    });
    await etas.close();
  });

  it('does not hold up other subscriptions while one receiver takes its time', async () => {
    const held: ServerResponse[] = [];
    const slow = createServer((_req, res) => held.push(res)); // answers nothing until closed
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    const fast = await startReceiver();
    await subscribe(`http://127.0.0.1:${(slow.address() as AddressInfo).port}/slow`, ['order.created']);
    await subscribe(fast.url, ['order.created']);
    try {
      for (const [i, ref] of ['WH-S1', 'WH-S2'].entries()) {
        expect(
          (await api('/orders', { method: 'POST', body: JSON.stringify({ orders: [order(ref, 'Sam')] }) })).status,
        ).toBe(200);
        // Delivered to the fast receiver while the slow one still holds the first POST open.
        await expect.poll(() => fast.received.length, { timeout: 3000 }).toBe(i + 1);
      }
      // One POST per order held open: each order is its own queue.
      expect(held).toHaveLength(2);
    } finally {
      slow.closeAllConnections();
      slow.close();
      await fast.close();
    }
  });

  it('refuses URLs on private addresses unless allowed, when saved and when sent (DNS rebinding)', async () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '192.168.1.1', '169.254.169.254', '::1', '::ffff:127.0.0.1', 'fd00::1'])
      expect(isPrivateAddress(a)).toBe(true);
    for (const a of ['8.8.8.8', '2606:4700:4700::1111']) expect(isPrivateAddress(a)).toBe(false);
    // The app of this file allows private addresses (its receiver is local); a guarded one does not.
    const guarded = createApp({
      db,
      config: loadConfig({ DATABASE_URL: DATABASE_URL, LOG_LEVEL: 'silent' }),
      log: createLogger('silent'),
    });
    const port = await guarded.listen(0, '127.0.0.1');
    try {
      for (const url of ['http://127.0.0.1:9/x', 'http://localhost:9/x', 'http://[::1]:9/x']) {
        const res = await fetch(`http://127.0.0.1:${port}/api/webhooks`, {
          method: 'POST',
          headers: { authorization: `Bearer ${org.users.admin.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ url, events: ['order.created'] }),
        });
        expect(res.status).toBe(400);
        expect((await readJson(res)).error.message).toMatch(/^url: .*private or loopback/);
      }
    } finally {
      await guarded.close();
    }
    // At delivery the address connected to is checked: a name that now resolves to loopback is refused.
    const r = await startReceiver();
    const port2 = new URL(r.url).port;
    const out = await postWebhook(`http://localhost:${port2}/hook`, '{}', {}, { timeoutMs: 2000, allowPrivate: false });
    expect(out).toMatchObject({ status: null, error: expect.stringMatching(/private or loopback/) });
    expect(r.received).toHaveLength(0);
    await r.close();
  });
});
