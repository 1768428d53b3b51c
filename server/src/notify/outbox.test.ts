import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, readJson, type TestApp } from '../../test/harness.ts';
import { createLogger } from '../logger.ts';
import { seedDriverDay } from '../../test/support/seeded-driver-day.ts';
import { loadOrderContexts } from './context-repo.ts';
import { type Claimed, claimDue } from './outbox-repo.ts';
import type { Provider } from './providers.ts';
import { startSender } from './sender.ts';
import { ownTestDatabase, startCommsApp } from '../../test/support/comms-stand-ins.ts';
import { fireTrigger } from './triggers.ts';

const log = createLogger('silent');

/** A provider that records what it sends and fails while `down` is set. */
function fakeProvider() {
  const sent: Claimed[] = [];
  const p = {
    down: false,
    sent,
    name: 'fake',
    async send(m: Claimed) {
      if (p.down) throw new Error('connect ECONNREFUSED 127.0.0.1:1');
      // Yields once, as a network send would, so that two senders' batches interleave.
      await new Promise((r) => setImmediate(r));
      sent.push(m);
      return `fake-${sent.length}`;
    },
  };
  return p satisfies Provider;
}

describe('outbox', () => {
  let t: Pick<TestApp, 'db' | 'org' | 'api' | 'close'>;
  let orderIds: string[];
  beforeAll(async () => {
    const app = await startCommsApp(await ownTestDatabase('outbox'), { NOTIFY_POLL_MS: '3600000' });
    const org = await createTestOrg(app.db);
    t = {
      db: app.db,
      org,
      close: app.close,
      api: (path, init = {}) => {
        const { as = 'admin', ...rest } = init;
        const headers = new Headers(rest.headers);
        if (as) headers.set('authorization', `Bearer ${org.users[as].token}`);
        return fetch(`${app.baseUrl}/api${path}`, { ...rest, headers });
      },
    };
    const day = await seedDriverDay(t.db, t.org.id, { stops: 4 });
    orderIds = day.orderIds;
    await t.db.query(`UPDATE orders SET email = 'x' || left(md5(ref), 8) || '@example.test' WHERE id = ANY($1)`, [
      orderIds,
    ]);
    await t.db.query(`UPDATE organisations SET settings = '{"notify":{"quietHours":null}}' WHERE id = $1`, [t.org.id]);
  });
  afterAll(() => t.close());

  const deps = () => ({ db: t.db, publicUrl: 'https://tournee.test' });

  it('writes a trigger once however often it fires; opted-out customers get nothing', async () => {
    const [ctx] = await loadOrderContexts(t.db, [orderIds[0]!]);
    expect(await fireTrigger(deps(), ctx!, { trigger: 'started', version: 'r1' })).toBe(2);
    expect(await fireTrigger(deps(), ctx!, { trigger: 'started', version: 'r1' })).toBe(0);
    await t.db.query('INSERT INTO notify_opt_outs (org_id, recipient) VALUES ($1, $2)', [t.org.id, '+33478000000']);
    const [ctx2] = await loadOrderContexts(t.db, [orderIds[1]!]);
    await fireTrigger(deps(), ctx2!, { trigger: 'started', version: 'r1' });
    const rows = await readJson(await t.api(`/notifications?orderId=${orderIds[1]}`, { as: 'dispatcher' }));
    const sms = rows.items.find((n: { channel: string }) => n.channel === 'sms');
    expect(sms).toMatchObject({ status: 'suppressed', lastError: 'opted out' });
    expect(rows.items.find((n: { channel: string }) => n.channel === 'email').status).toBe('pending');
    await t.db.query('DELETE FROM notify_opt_outs WHERE org_id = $1', [t.org.id]);
  });

  it('holds the day announcement until quiet hours end and drops live messages in them', async () => {
    await t.db.query(
      `UPDATE organisations SET settings = '{"notify":{"quietHours":{"start":"00:00","end":"23:59"}}}' WHERE id = $1`,
      [t.org.id],
    );
    const [ctx] = await loadOrderContexts(t.db, [orderIds[2]!]);
    await fireTrigger(deps(), ctx!, { trigger: 'published', version: 'd1' });
    await fireTrigger(deps(), ctx!, { trigger: 'next', version: 's1' });
    const { rows } = await t.db.query<{ trigger: string; status: string; later: boolean }>(
      `SELECT trigger, status, next_attempt_at > now() AS later FROM notifications WHERE order_id = $1`,
      [orderIds[2]],
    );
    await t.db.query(`UPDATE organisations SET settings = '{"notify":{"quietHours":null}}' WHERE id = $1`, [t.org.id]);
    expect(rows.map((r) => [r.trigger, r.status, r.later]).sort()).toEqual([
      ['next', 'suppressed', false],
      ['next', 'suppressed', false],
      ['published', 'pending', true],
      ['published', 'pending', true],
    ]);
  });

  it('retries with backoff, fails after N attempts, lists failures and resends once', async () => {
    const p = fakeProvider();
    p.down = true;
    const s1 = startSender(t.db, { sms: p, email: p }, { pollMs: 3600_000, maxAttempts: 3, backoffMs: 1 }, log);
    // Tick until the 1 ms backoffs have let every message use its 3 attempts.
    const listFailed = async () => readJson(await t.api('/notifications?status=failed', { as: 'dispatcher' }));
    await expect
      .poll(async () => {
        await s1.tick();
        return (await listFailed()).items.length;
      })
      .toBeGreaterThanOrEqual(3);
    const failed = await listFailed();
    expect(failed.items[0]).toMatchObject({ attempts: 3, lastError: expect.stringContaining('ECONNREFUSED') });
    p.down = false;
    const id = failed.items[0].id;
    const resend = await t.api(`/notifications/${id}/resend`, { method: 'POST', as: 'dispatcher' });
    expect(resend.status).toBe(200);
    // The app's own sender (log provider) takes the resent message at once.
    await expect
      .poll(
        async () =>
          (
            await readJson(await t.api(`/notifications?orderId=${failed.items[0].orderId}`, { as: 'dispatcher' }))
          ).items.find((n: { id: string }) => n.id === id)?.status,
      )
      .toBe('sent');
    expect((await t.api(`/notifications/${id}/resend`, { method: 'POST', as: 'driver' })).status).toBe(403);
    await s1.stop();
  });

  it('two senders at once send every message exactly once (SKIP LOCKED)', async () => {
    const [ctx] = await loadOrderContexts(t.db, [orderIds[3]!]);
    for (let v = 0; v < 40; v++) await fireTrigger(deps(), ctx!, { trigger: 'eta_moved', version: String(v) });
    const a = fakeProvider();
    const b = fakeProvider();
    const opts = { pollMs: 3600_000, maxAttempts: 3, backoffMs: 1, batch: 7 };
    const sa = startSender(t.db, { sms: a, email: a }, opts, log);
    const sb = startSender(t.db, { sms: b, email: b }, opts, log);
    await Promise.all([sa.tick(), sb.tick(), sa.tick(), sb.tick()]);
    const ids = [...a.sent, ...b.sent].map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications WHERE order_id = $1 AND trigger = 'eta_moved' AND status = 'sent'`,
      [orderIds[3]],
    );
    expect(rows[0]!.n).toBe(80);
    expect(a.sent.length).toBeGreaterThan(0);
    expect(b.sent.length).toBeGreaterThan(0);
    await Promise.all([sa.stop(), sb.stop()]);
  });
  it("renews a slow send's lease so no other sender takes it, and resends a dead sender's rows after the lease", async () => {
    const [ctx] = await loadOrderContexts(t.db, [orderIds[0]!]);
    await fireTrigger(deps(), ctx!, { trigger: 'eta_moved', version: 'lease-1' });
    const leaseMs = 300;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = {
      name: 'slow',
      started: [] as string[],
      async send(m: Claimed) {
        slow.started.push(m.id);
        await gate;
        return `slow-${m.id}`;
      },
    };
    const other = fakeProvider();
    const opts = { pollMs: 3600_000, maxAttempts: 3, backoffMs: 1, leaseMs };
    const sa = startSender(t.db, { sms: slow, email: slow }, opts, log);
    const sb = startSender(t.db, { sms: other, email: other }, opts, log);
    const t0 = Date.now();
    const aTick = sa.tick();
    await expect.poll(() => slow.started.length).toBe(2);
    const leaseEnd = async () => {
      const { rows } = await t.db.query<{ at: Date }>(
        'SELECT min(next_attempt_at) AS at FROM notifications WHERE id = ANY($1::uuid[])',
        [slow.started],
      );
      return rows[0]!.at.getTime();
    };
    // B keeps looking while A's send lasts several leases: A's heartbeat keeps the rows A's.
    await expect
      .poll(
        async () => {
          await sb.tick();
          return leaseEnd();
        },
        { interval: 50 },
      )
      .toBeGreaterThan(t0 + 4 * leaseMs);
    expect(other.sent.map((m) => m.id).filter((id) => slow.started.includes(id))).toEqual([]);
    release();
    expect(await aTick).toBe(2);

    // A sender that claims and dies (no heartbeat): its rows go out again once the lease ends.
    await fireTrigger(deps(), ctx!, { trigger: 'eta_moved', version: 'lease-2' });
    const dead = (await claimDue(t.db, 10, leaseMs)).map((m) => m.id);
    expect(dead).toHaveLength(2);
    await expect
      .poll(async () => {
        await sb.tick();
        return other.sent.filter((m) => dead.includes(m.id)).length;
      })
      .toBe(2);
    await Promise.all([sa.stop(), sb.stop()]);
  });
});
