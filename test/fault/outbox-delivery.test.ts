import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/src/db/db.ts';
import { createPgDb } from '../../server/src/db/pg-adapter.ts';
import { enqueue } from '../../server/src/notify/outbox-repo.ts';
import { type Mail, startSmtp } from '../../server/test/support/comms-stand-ins.ts';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { seedDriverInto } from '../lib/driver-day.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import { type ServerProcess, startServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'outbox@example.com', password: 'fault-password-1' };
// Short, so that without a heartbeat a send slower than the lease would be taken over.
const LEASE_MS = 1500;
const SLOW_SMS_MS = 4 * LEASE_MS;

/** Twilio's Messages API, answering each message after `delayMs` (a slow provider), counting requests. */
async function slowTwilio(delayMs: number): Promise<{ url: string; bodies: string[]; close(): Promise<void> }> {
  const bodies: string[] = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const p = new URLSearchParams(raw);
      bodies.push(p.get('Body') ?? '');
      const sid = `SM${String(++n).padStart(32, '0')}`;
      setTimeout(() => {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ sid, to: p.get('To'), from: p.get('From'), body: p.get('Body'), status: 'queued' }));
      }, delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    bodies,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const messageId = (mail: Mail) => /^message-id:\s*(\S+)/im.exec(mail.raw)?.[1];

// Item 13 of issue 11: the outbox delivers at least once. Two server processes share it; a send
// in flight keeps its lease alive (no second sender takes the row however slow the provider),
// and an email carries a Message-ID derived from the row, the same on every resend, so
// receivers can drop duplicates.
describe('outbox delivery across two server processes', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let db: Db;
  let api: ApiClient;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let twilio: Awaited<ReturnType<typeof slowTwilio>>;
  let orgId: string;
  let orderId: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    twilio = await slowTwilio(SLOW_SMS_MS);
    const env = {
      NOTIFY_PROVIDER: 'live',
      TWILIO_ACCOUNT_SID: 'ACfault000000000000000000000000000',
      TWILIO_AUTH_TOKEN: 'fault-token',
      TWILIO_FROM: '+33700000000',
      TWILIO_API_BASE_URL: twilio.url,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: 'Tournée <no-reply@fault.test>',
      NOTIFY_POLL_MS: '100',
      NOTIFY_LEASE_MS: String(LEASE_MS),
      LOG_LEVEL: 'warn',
    };
    let databaseUrl: string;
    ({ server: a, databaseUrl } = await startOnFreshDatabase('tournee_fault_outbox', ADMIN, env));
    b = await startServerProcess({
      ...env,
      DATABASE_URL: databaseUrl,
      SEED_DEMO: 'false',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    });
    const day = await seedDriverInto(databaseUrl, ADMIN.email, 1);
    orderId = day.orderIds[0]!;
    db = createPgDb(databaseUrl, { max: 2 });
    orgId = (await db.query<{ org_id: string }>('SELECT org_id FROM orders WHERE id = $1', [orderId])).rows[0]!.org_id;
    api = await signIn(a.baseUrl, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.close();
    await Promise.all([smtp?.close(), twilio?.close()]);
  });

  /** Writes one message into the outbox, as a trigger would; answers its id. */
  async function message(channel: 'sms' | 'email', key: string, recipient: string, body: string): Promise<string> {
    await enqueue(db, {
      orgId,
      orderId,
      routeId: null,
      channel,
      trigger: 'started',
      key,
      recipient,
      locale: 'en',
      subject: channel === 'email' ? 'Your delivery' : null,
      body,
      html: null,
    });
    const { rows } = await db.query<{ id: string }>('SELECT id FROM notifications WHERE idempotency_key = $1', [key]);
    return rows[0]!.id;
  }
  const statusOf = async (id: string) =>
    (await db.query<{ status: string }>('SELECT status FROM notifications WHERE id = $1', [id])).rows[0]?.status;

  it('sends a slow SMS once: the sender in flight keeps its lease', async () => {
    const id = await message('sms', 'fault-outbox-sms-1', '+33612345678', 'slow one');
    await expect.poll(() => statusOf(id), { timeout: 30_000, interval: 200 }).toBe('sent');
    // Several leases passed while the provider was answering; nobody else took the row.
    expect(twilio.bodies.filter((x) => x === 'slow one')).toHaveLength(1);
  });

  it('gives an email a Message-ID of its own that a resend keeps', async () => {
    const to = 'customer@fault.test';
    const first = await message('email', 'fault-outbox-email-1', to, 'first mail');
    const other = await message('email', 'fault-outbox-email-2', 'other@fault.test', 'second mail');
    const mailsTo = (addr: string) => smtp.mails.filter((m) => m.to.includes(addr));
    await expect.poll(() => mailsTo(to).length, { timeout: 20_000 }).toBe(1);
    await expect.poll(() => mailsTo('other@fault.test').length, { timeout: 20_000 }).toBe(1);
    const id1 = messageId(mailsTo(to)[0]!);
    expect(id1).toMatch(/^<[^<>@\s]+@fault\.test>$/);
    expect(messageId(mailsTo('other@fault.test')[0]!)).not.toBe(id1);
    await expect.poll(() => statusOf(first), { timeout: 10_000 }).toBe('sent');
    expect(await statusOf(other)).toBe('sent');

    // Sent again (a dispatcher's resend here; a crashed sender's lease running out alike).
    expect((await api.call('POST', `/notifications/${first}/resend`)).status).toBe(200);
    await expect.poll(() => mailsTo(to).length, { timeout: 20_000 }).toBe(2);
    expect(messageId(mailsTo(to)[1]!)).toBe(id1);
  });
});
