/**
 * Fault: Redis killed (SIGKILL) under two server processes sharing it (Socket.IO adapter, plan
 * queue, tracking-link limiter) and one database. Acceptance of issue 11: HTTP is unaffected on
 * both processes — sign-in, the orders list, a plan request — and a customer's tracking page
 * answers in < 500 ms. The Redis is a throwaway redis-server of this test's own, never the
 * shared one on 6379.
 */
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../lib/api-client.ts';
import { seedDriverInto, trackingLinkInto } from '../lib/driver-day.ts';
import { startServerPair } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';
import { startThrowawayRedis, type ThrowawayRedis } from '../lib/throwaway-redis.ts';

const ADMIN = { email: 'redis-outage@example.com', password: 'fault-password-1' };
// The bound the issue states for a tracking page with Redis down ("tracking page < 500 ms").
const TRACK_PAGE_MS = 500;
// Requests are made for this long after the kill: the window where clients reconnect.
const WATCH_MS = 3000;

/** One GET, timed; a request unanswered after 5 s counts as status 0 (the stall this test is about). */
async function timed(url: string): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  const status = await fetch(url, { signal: AbortSignal.timeout(5000) }).then(
    async (res) => {
      await res.arrayBuffer();
      return res.status;
    },
    () => 0,
  );
  return { status, ms: Math.round(performance.now() - t0) };
}

/** SIGTERM, then SIGKILL if the process has not exited within `graceMs`. */
async function stopOrKill(s: ServerProcess, graceMs = 5000): Promise<void> {
  const stopped = await Promise.race([
    s.stop().then(() => true),
    new Promise<false>((r) => setTimeout(() => r(false), graceMs)),
  ]);
  if (!stopped) await s.kill('SIGKILL');
}

describe('Redis killed under two server processes', () => {
  let redis: ThrowawayRedis;
  let servers: ServerProcess[] = [];
  let token: string;
  let day: string;

  beforeAll(async () => {
    redis = await startThrowawayRedis();
    const pair = await startServerPair('tournee_fault_redis_outage', ADMIN, {
      REDIS_URL: redis.url,
      SEED_DEMO: 'true',
    });
    const dbUrl = pair.databaseUrl;
    servers = [pair.a, pair.b];
    const seeded = await seedDriverInto(dbUrl, ADMIN.email, 1);
    token = await trackingLinkInto(dbUrl, seeded.orderIds[0]!);
    const api = await signIn(servers[0]!.baseUrl, ADMIN.email, ADMIN.password);
    const orders = (await api.call('GET', '/orders?limit=1000')).body.items as { dateFrom: string }[];
    day = orders.map((o) => o.dateFrom).sort()[0]!;
  });

  afterAll(async () => {
    // SIGKILL whatever did not stop, so a failure above cannot hang the run.
    await Promise.all(servers.map((s) => stopOrKill(s)));
    await redis?.kill();
  });

  it('keeps HTTP answering on both processes and tracking pages under 500 ms', async () => {
    // Before: both answer the tracking page (the limiter reaches Redis).
    for (const s of servers) expect((await timed(`${s.baseUrl}/api/track/${token}`)).status).toBe(200);

    await redis.kill();

    // Right after the kill, while every Redis client reconnects: each tracking request answers
    // normally and fast, on both processes — the known link's page and data, an unknown link's 404.
    const slow: { url: string; status: number; ms: number }[] = [];
    let requests = 0;
    const t0 = Date.now();
    for (let round = 0; round < 10 && slow.length === 0 && Date.now() - t0 < WATCH_MS; round++) {
      for (const s of servers) {
        for (const [path, want] of [
          [`/api/track/${token}`, 200],
          [`/t/${token}`, 200],
          ['/api/track/0000unknown0000token0000', 404],
        ] as const) {
          const r = await timed(`${s.baseUrl}${path}`);
          requests++;
          if (r.status !== want || r.ms >= TRACK_PAGE_MS) slow.push({ url: path, ...r });
        }
      }
    }
    expect(slow).toEqual([]);
    expect(requests).toBeGreaterThanOrEqual(2 * servers.length * 3);

    // The signed-in API too: sign-in, the orders list and a plan request, on each process.
    for (const s of servers) {
      const api = await signIn(s.baseUrl, ADMIN.email, ADMIN.password);
      const orders = await api.call('GET', '/orders?limit=50');
      expect(orders.status).toBe(200);
      expect(orders.body.items.length).toBeGreaterThan(0);
      const planned = await api.call('POST', '/plans', { from: day, to: day, timeLimitS: 1 });
      expect(planned.status).toBe(202);
      const plan = await api.call('GET', `/plans/${planned.body.planId}`);
      expect(plan.status).toBe(200);
    }
    // Both processes lived through it.
    for (const s of servers) expect((await fetch(`${s.baseUrl}/api/health`)).status).toBe(200);
  });

  it("pushes the tracking page's live view over its socket, fast", async () => {
    for (const s of servers) {
      const t0 = performance.now();
      const socket = io(`${s.baseUrl}/track`, { auth: { token }, transports: ['websocket'], forceNew: true });
      try {
        const view = await new Promise<{ status: string }>((resolve, reject) => {
          socket.once('track:update', resolve);
          socket.once('connect_error', reject);
        });
        expect(view.status).toBe('scheduled');
        expect(performance.now() - t0).toBeLessThan(TRACK_PAGE_MS);
      } finally {
        socket.disconnect();
      }
    }
  });

  // An operator's restart (SIGTERM) must still end a server whose Redis is gone: the realtime
  // close drops the Socket.IO adapter's connections instead of waiting on `quit()` (which Redis
  // would have to answer).
  it('still stops on SIGTERM', async () => {
    const stopped = await Promise.all(
      servers.map((s) =>
        Promise.race([s.stop().then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 10_000))]),
      ),
    );
    expect(stopped).toEqual([true, true]);
  });
});
