/**
 * Operations: `GET /api/metrics` on a real server process. With METRICS_TOKEN, a bearer scrape
 * answers Prometheus text with the HTTP latency histogram by route pattern, positions stored and
 * rejected by reason, plans by status, the outbox's depth and failures and the Socket.IO
 * connections per namespace; without the token 401; a server without METRICS_TOKEN has no such route.
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDb } from '../../server/src/db/pg-adapter.ts';
import { type SeededDay, seedDriverDay } from '../../server/test/support/seeded-driver-day.ts';
import { adminToken, issueDriverAccess } from '../lib/driver-day.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import { type ServerProcess, startServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'ops-metrics@test.local', password: 'metrics password 1' };
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

// biome-ignore lint/suspicious/noExplicitAny: acks are read as loosely typed JSON
type Ack = { ok: true; data: any } | { ok: false; error: { code: string; message: string } };

/** The value of one sample line (`name{labels} value`), or null when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.split(' ').pop());
  }
  return null;
}

describe('GET /api/metrics', () => {
  let server: ServerProcess;
  let databaseUrl: string;
  let db: ReturnType<typeof createPgDb>;
  let staff: string;
  let day: SeededDay;
  const sockets: Socket[] = [];

  const scrape = (token: string | null, base = server.baseUrl) =>
    fetch(`${base}/api/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const connect = async (namespace: string, token: string): Promise<Socket> => {
    const socket = io(`${server.baseUrl}${namespace}`, { auth: { token }, transports: ['websocket'], forceNew: true });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', () => resolve());
      socket.on('connect_error', reject);
    });
    return socket;
  };

  beforeAll(async () => {
    ({ server, databaseUrl } = await startOnFreshDatabase('tournee_fault_ops_metrics', ADMIN, {
      METRICS_TOKEN,
      LOG_LEVEL: 'warn',
      // The outbox sender would send the due message before the scrape: it polls once an hour here.
      NOTIFY_POLL_MS: '3600000',
    }));
    db = createPgDb(databaseUrl, { max: 1 });
    const { rows } = await db.query<{ org_id: string }>('SELECT org_id FROM users WHERE email = $1', [ADMIN.email]);
    const orgId = rows[0]!.org_id;
    day = await seedDriverDay(db, orgId, { name: 'Metrics' });
    // A failed plan and an outbox with one message due, one waiting for later and one given up.
    await db.query(`INSERT INTO plans (org_id, status, from_date, to_date, error) VALUES ($1, 'failed', $2, $2, 'x')`, [
      orgId,
      day.localDate,
    ]);
    for (const [key, status, inS] of [
      ['due', 'pending', -60],
      ['later', 'pending', 3600],
      ['gave-up', 'failed', -60],
    ] as const) {
      await db.query(
        `INSERT INTO notifications (org_id, order_id, channel, trigger, idempotency_key, recipient, body, status, next_attempt_at)
         VALUES ($1, $2, 'sms', 'planned', $3, '+33600000000', 'hello', $4, now() + make_interval(secs => $5))`,
        [orgId, day.orderIds[0], `metrics-${key}`, status, inS],
      );
    }
    staff = await adminToken(server.baseUrl, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await db?.close();
    await server?.stop();
  });

  it('answers 401 without the bearer token, or with another one', async () => {
    expect((await scrape(null)).status).toBe(401);
    expect((await scrape('metrics-token-0123456789abcdeX')).status).toBe(401);
    expect((await scrape(staff)).status).toBe(401);
  });

  it('reports latency by route pattern, positions, plans, the outbox and sockets', async () => {
    // Traffic: a list, a 404 on an order id (the pattern, not the id, is the label), an unknown route.
    const auth = { authorization: `Bearer ${staff}` };
    expect((await fetch(`${server.baseUrl}/api/orders`, { headers: auth })).status).toBe(200);
    expect((await fetch(`${server.baseUrl}/api/orders/${randomUUID()}`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/api/no-such-thing`, { headers: auth })).status).toBe(404);
    // A dispatcher and a driver connected; the driver sends 2 good positions and one from year 9999.
    await connect('/dispatch', staff);
    const { token } = await issueDriverAccess(server.baseUrl, staff, day.driverId);
    const phone = await connect('/driver', token);
    const fix = (s: number, deviceAt = new Date(Date.now() - 60_000 + s * 1000).toISOString()) => ({
      id: randomUUID(),
      deviceAt,
      coordinates: [4.83 + s * 0.0001, 45.76],
      accuracyM: 8,
    });
    const ack = (await phone.emitWithAck('positions', {
      points: [fix(1), fix(2), fix(3, '9999-01-01T00:00:00.000Z')],
    })) as Ack;
    expect(ack.ok && ack.data.accepted).toHaveLength(2);
    expect(ack.ok && ack.data.rejected).toHaveLength(1);
    const reason: string = ack.ok ? ack.data.rejected[0].reason : '';

    const res = await scrape(METRICS_TOKEN);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    const count = 'tournee_http_request_duration_seconds_count';
    expect(sample(text, count, { method: 'GET', route: '/api/orders', status: '2xx' })).toBe(1);
    expect(sample(text, count, { method: 'GET', route: '/api/orders/:id', status: '4xx' })).toBe(1);
    expect(sample(text, count, { route: '/api/(unmatched)', status: '4xx' })).toBe(1);
    expect(text).not.toMatch(/route="\/api\/orders\/[0-9a-f]{8}-/);
    expect(sample(text, 'tournee_http_request_duration_seconds_bucket', { route: '/api/orders', le: '+Inf' })).toBe(1);
    expect(sample(text, 'tournee_positions_stored_total')).toBe(2);
    expect(sample(text, 'tournee_positions_rejected_total', { reason })).toBe(1);
    expect(sample(text, 'tournee_plans', { status: 'failed' })).toBe(1);
    expect(sample(text, 'tournee_plans', { status: 'running' })).toBe(0);
    expect(sample(text, 'tournee_outbox_messages', { state: 'pending' })).toBe(2);
    expect(sample(text, 'tournee_outbox_messages', { state: 'due' })).toBe(1);
    expect(sample(text, 'tournee_outbox_messages', { state: 'failed' })).toBe(1);
    expect(sample(text, 'tournee_outbox_oldest_due_seconds')).toBeGreaterThanOrEqual(59);
    expect(sample(text, 'tournee_socket_connections', { namespace: '/dispatch' })).toBe(1);
    expect(sample(text, 'tournee_socket_connections', { namespace: '/driver' })).toBe(1);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('has no metrics route on a server without METRICS_TOKEN', async () => {
    const plain = await startServerProcess({ DATABASE_URL: databaseUrl, SEED_DEMO: 'false', LOG_LEVEL: 'warn' });
    try {
      expect((await scrape(METRICS_TOKEN, plain.baseUrl)).status).toBe(404);
    } finally {
      await plain.stop();
    }
  });
});
