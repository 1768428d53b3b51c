import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { io } from 'socket.io-client';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, readJson, type TestOrg } from '../../test/harness.ts';
import { createLink } from '../links/links.ts';
import { seedDriverDay } from '../../test/support/seeded-driver-day.ts';
import {
  ownTestDatabase,
  simulatedDriver,
  startCommsApp,
  startSmtp,
  startTwilioStandIn,
} from '../../test/support/comms-stand-ins.ts';

const TOKEN = 'twilio-test-auth-token';
const PUBLIC_URL = 'http://tournee.test';

/** Polls `fn` (expect.poll) until it gives a value, and returns that value. */
async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  let value: T | null | undefined | false = null;
  await expect
    .poll(
      async () => {
        value = await fn();
        return Boolean(value);
      },
      { timeout: ms, message: `waiting for ${what}` },
    )
    .toBe(true);
  return value as T;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

type Env = Awaited<ReturnType<typeof setup>>;

let dbUrl: Promise<string> | null = null;

async function setup(smtpPort: number) {
  const twilioStandIn = await startTwilioStandIn();
  dbUrl ??= ownTestDatabase('notify');
  const comms = await startCommsApp(await dbUrl, {
    NOTIFY_PROVIDER: 'live',
    TWILIO_ACCOUNT_SID: 'ACtest0000000000000000000000000000',
    TWILIO_AUTH_TOKEN: TOKEN,
    TWILIO_FROM: '+33700000000',
    TWILIO_API_BASE_URL: twilioStandIn.url,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    PUBLIC_URL,
    // The tests play customers behind a proxy on loopback: each X-Forwarded-For is its own address.
    TRUST_PROXY: 'loopback',
    NOTIFY_POLL_MS: '100',
    NOTIFY_BACKOFF_MS: '150',
    ETA_THROTTLE_MS: '0',
    // The driver starts and reaches the first stop within seconds: every "next" is sent here (the
    // throttle after "started" is covered by times-agree.test.ts).
    NOTIFY_NEXT_AFTER_STARTED_MIN: '0',
  });
  const org: TestOrg = await createTestOrg(comms.db);
  // Quiet hours off (the test may run at night); "next" only for the very next stop.
  await comms.db.query(
    `UPDATE organisations SET settings = '{"notify":{"quietHours":null,"nextWithinMin":1}}' WHERE id = $1`,
    [org.id],
  );
  const day = await seedDriverDay(comms.db, org.id, { stops: 3, status: 'planned' });
  await comms.db.query(
    `UPDATE orders SET email = 'c' || left(md5(ref), 10) || '@example.test', phone = '06 12 34 56 7' || (random() * 9)::int WHERE id = ANY($1)`,
    [day.orderIds],
  );
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${comms.baseUrl}/api${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${org.users.dispatcher.token}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    });
  const publish = () => api('/dispatch/publish', { method: 'POST', body: JSON.stringify({ date: day.localDate }) });
  const list = async (q = '') =>
    (await readJson(await api(`/notifications?limit=500${q}`))).items as {
      status: string;
      trigger: string;
      channel: string;
      orderId: string;
      attempts: number;
      providerId: string;
      id: string;
    }[];
  return { ...comms, twilioStandIn, org, day, api, publish, list };
}

describe('customer notifications over real SMTP and a Twilio stand-in', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let env: Env;
  beforeAll(async () => {
    smtp = await startSmtp();
    env = await setup(smtp.port);
  });
  afterAll(async () => {
    await env?.close();
    await env?.twilioStandIn.close();
    await smtp?.close();
  });

  it('publishing a day sends one SMS and one email per order with the window and a working link', async () => {
    expect((await env.publish()).status).toBe(200);
    await env.app.comms.drain();
    const sent = await until('6 messages sent', async () => {
      const l = await env.list();
      return l.length === 6 && l.every((n) => n.status === 'sent') && l;
    });
    expect(sent.filter((n) => n.channel === 'sms')).toHaveLength(3);
    expect(env.twilioStandIn.sms).toHaveLength(3);
    expect(smtp.mails).toHaveLength(3);
    const first = env.twilioStandIn.sms[0]!;
    expect(first.to).toMatch(/^\+336\d{8}$/);
    expect(first.body).toMatch(/entre \d\d:\d\d et \d\d:\d\d/);
    expect(first.statusCallback).toBe(`${PUBLIC_URL}/api/notify/twilio/status`);
    expect(smtp.mails[0]!.raw).toMatch(/multipart\/alternative/);
    expect(smtp.mails[0]!.raw).toMatch(/text\/html/);
    const token = /\/t\/([A-Za-z0-9_-]{32})/.exec(first.body)![1]!;
    // The link opens the page in the message's language (the organisation's, French here).
    expect(first.body).toContain(`${PUBLIC_URL}/t/${token}?lang=fr`);
    const emails = await env.db.query<{ body: string; html: string }>(
      `SELECT body, html FROM notifications WHERE channel = 'email' AND org_id = $1`,
      [env.org.id],
    );
    for (const e of emails.rows) {
      expect(e.body).toMatch(/\/t\/[A-Za-z0-9_-]{32}\?lang=fr\n/);
      expect(e.html).toMatch(/href="[^"]*\/t\/[A-Za-z0-9_-]{32}\?lang=fr"/);
    }
    expect((await fetch(`${env.baseUrl}/t/${token}?lang=fr`)).status).toBe(200);
    const view = await readJson(await fetch(`${env.baseUrl}/api/track/${token}`));
    expect(view.status).toBe('scheduled');
    expect(view.window.to).toBeDefined();
    // The /track namespace: the link's token opens its order's updates; a wrong one is refused.
    const sock = io(`${env.baseUrl}/track`, { auth: { token }, transports: ['websocket'], forceNew: true });
    const hello = await new Promise<{ status: string; destination: unknown }>((resolve, reject) => {
      sock.once('track:update', resolve);
      sock.once('connect_error', reject);
    });
    sock.disconnect();
    expect(hello.status).toBe('scheduled');
    const bad = io(`${env.baseUrl}/track`, {
      auth: { token: 'x'.repeat(32) },
      transports: ['websocket'],
      forceNew: true,
    });
    const refused = await new Promise<Error>((resolve) => bad.once('connect_error', resolve));
    bad.disconnect();
    expect(refused.message).toBe('not_found');
    // Publication events again (or a retried publication) send nothing more.
    env.bus.publish('routePublished', {
      orgId: env.org.id,
      localDate: env.day.localDate,
      routes: [{ routeId: env.day.routeId, version: 2, driverId: env.day.driverId }],
    });
    await env.app.comms.drain();
    await env.app.comms.sender.tick();
    expect(env.twilioStandIn.sms).toHaveLength(3);
  });

  it('a driver run sends "next" and "delivered" once each per order', async () => {
    const driver = simulatedDriver(env.db, env.bus, env.org.id, env.day);
    await driver.event(0, 'started');
    const stops = await env.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(o.location::geometry) AS lon, ST_Y(o.location::geometry) AS lat FROM stops s JOIN orders o ON o.id = s.order_id
        WHERE s.route_id = $1 ORDER BY s.seq`,
      [env.day.routeId],
    );
    // The second customer's tracking page: it shows the driver only while one or two stops away.
    const page = io(`${env.baseUrl}/track`, {
      auth: { token: await createLink(env.db, env.org.id, env.day.orderIds[1]!) },
      transports: ['websocket'],
      forceNew: true,
    });
    const pageSaw: string[] = [];
    page.on('track:driver', (d: { location: { coordinates: number[] } }) =>
      pageSaw.push(JSON.stringify(d.location.coordinates)),
    );
    await new Promise((resolve) => page.once('track:update', resolve));
    const sentOnLeg: string[][] = [[], [], []];
    let [lon, lat] = [4.835, 45.76];
    for (let i = 0; i < 3; i++) {
      const to = stops.rows[i]!;
      for (let k = 1; k <= 4; k++) {
        const at: [number, number] = [lon + ((to.lon - lon) * k) / 4, lat + ((to.lat - lat) * k) / 4];
        sentOnLeg[i]!.push(JSON.stringify(at));
        await driver.position(...at);
        await env.app.comms.drain();
      }
      [lon, lat] = [to.lon, to.lat];
      await driver.event(i, 'arrived');
      await driver.event(i, 'delivered');
      await env.app.comms.drain();
    }
    page.disconnect();
    // Positions went straight to the page on the way to stops 1 and 2, none after its delivery.
    expect(pageSaw.length).toBeGreaterThanOrEqual(5);
    expect(pageSaw.every((p) => sentOnLeg[0]!.includes(p) || sentOnLeg[1]!.includes(p))).toBe(true);
    expect(pageSaw).toEqual(expect.arrayContaining(sentOnLeg[1]!));
    await until('all sent', async () => (await env.list()).every((n) => n.status === 'sent'));
    const all = await env.list();
    for (const orderId of env.day.orderIds) {
      const mine = all.filter((n) => n.orderId === orderId);
      for (const trigger of ['next', 'delivered'])
        expect(
          mine
            .filter((n) => n.trigger === trigger)
            .map((n) => n.channel)
            .sort(),
        ).toEqual(['email', 'sms']);
    }
    const smsBodies = env.twilioStandIn.sms.map((s) => s.body);
    expect(smsBodies.filter((b) => b.includes('vous êtes le prochain'))).toHaveLength(3);
    expect(smsBodies.filter((b) => b.includes('a été livrée'))).toHaveLength(3);
    // Every link of a delivered order now expires a day after the delivery.
    const open = await env.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM tracking_links WHERE order_id = ANY($1) AND (expires_at IS NULL OR expires_at > now() + interval '25 hours')",
      [env.day.orderIds],
    );
    expect(open.rows[0]!.n).toBe(0);
    const token = /\/t\/([A-Za-z0-9_-]{32})/.exec(env.twilioStandIn.sms[0]!.body)![1]!;
    await env.db.query(`UPDATE tracking_links SET expires_at = now() - interval '1 second' WHERE order_id = ANY($1)`, [
      env.day.orderIds,
    ]);
    const expired = await fetch(`${env.baseUrl}/t/${token}`, { headers: { 'x-forwarded-for': '198.51.100.7' } });
    const unknown = await fetch(`${env.baseUrl}/t/${'b'.repeat(32)}`, {
      headers: { 'x-forwarded-for': '198.51.100.7' },
    });
    expect([expired.status, unknown.status]).toEqual([404, 404]);
    expect(await expired.text()).toBe(await unknown.text());
    // The ETA engine wrote ETAs while the route ran.
    const eta = await env.db.query('SELECT count(*)::int AS n FROM stops WHERE route_id = $1 AND eta_at IS NOT NULL', [
      env.day.routeId,
    ]);
    expect(eta.rows[0]!.n).toBe(3);
  });

  it('switches triggers per organisation and lists messages per order', async () => {
    const put = await env.api('/notifications/settings', {
      method: 'PUT',
      headers: { authorization: `Bearer ${env.org.users.admin.token}` },
      body: JSON.stringify({ quietHours: null, nextWithinMin: 1, triggers: { eta_moved: false } }),
    });
    expect(put.status).toBe(200);
    expect((await readJson(put)).triggers).toMatchObject({ eta_moved: false, published: true });
    const bad = await env.api('/notifications/settings', {
      method: 'PUT',
      headers: { authorization: `Bearer ${env.org.users.admin.token}` },
      body: JSON.stringify({ quietHours: { start: '25:00', end: '08:00' } }),
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await readJson(bad))).toContain('quietHours.start');
    const mine = await env.list(`&orderId=${env.day.orderIds[0]}`);
    expect(new Set(mine.map((n) => n.orderId))).toEqual(new Set([env.day.orderIds[0]]));
  });

  it('Twilio status callbacks update the row, signature checked', async () => {
    const sms = (await env.list('&status=sent')).find((n) => n.channel === 'sms')!;
    const params = { MessageSid: sms.providerId, MessageStatus: 'delivered' };
    const url = `${PUBLIC_URL}/api/notify/twilio/status`;
    const post = (sig: string) =>
      fetch(`${env.baseUrl}/api/notify/twilio/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sig },
        body: new URLSearchParams(params).toString(),
      });
    expect((await post('forged')).status).toBe(403);
    expect((await post(twilio.getExpectedTwilioSignature(TOKEN, url, params))).status).toBe(204);
    const after = (await env.list()).find((n) => n.id === sms.id)!;
    expect(after.status).toBe('delivered');
  });

  it('1,000 random tokens get the same 404, then 429', async () => {
    const statuses: number[] = [];
    const bodies = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const token = Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('base64url');
      const res = await fetch(`${env.baseUrl}/t/${token}`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
      statuses.push(res.status);
      bodies.add(await res.text());
    }
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
    expect(bodies.size).toBe(1);
    // An expired link answers exactly like an unknown one.
    const res = await fetch(`${env.baseUrl}/api/track/${'a'.repeat(32)}`, {
      headers: { 'x-forwarded-for': '203.0.113.10' },
    });
    expect(res.status).toBe(404);
  });
});

describe('SMTP down for a while', () => {
  it('keeps the emails and sends each once when the server is back', async () => {
    const port = await freePort();
    const env = await setup(port);
    let smtp: Awaited<ReturnType<typeof startSmtp>> | null = null;
    try {
      await env.publish();
      await env.app.comms.drain();
      const failing = await until('a failed attempt', async () => {
        const l = (await env.list()).filter((n) => n.channel === 'email');
        return l.length === 3 && l.every((n) => n.attempts >= 2 && n.status === 'pending') && l;
      });
      expect(failing).toHaveLength(3);
      expect(env.twilioStandIn.sms).toHaveLength(3);
      smtp = await startSmtp(port);
      await until('emails sent', async () => (await env.list()).every((n) => n.status === 'sent'), 20_000);
      expect(smtp.mails).toHaveLength(3);
      expect(new Set(smtp.mails.map((m) => m.to[0])).size).toBe(3);
    } finally {
      await env.close();
      await env.twilioStandIn.close();
      await smtp?.close();
    }
  });
});
