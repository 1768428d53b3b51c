import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeededDay } from '../../server/src/tracking/test-support.ts';
import { signIn } from '../lib/api-client.ts';
import { seedDriverInto, trackingLinkInto } from '../lib/driver-day.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import { type ServerProcess, startServerProcess } from '../lib/server-process.ts';
import { startThrowawayRedis, type ThrowawayRedis } from '../lib/throwaway-redis.ts';

const ADMIN = { email: 'redis-down@example.com', password: 'fault-password-1' };
// The bound for a tracking page with Redis down ("tracking page < 500 ms"); a healthy
// answer takes a few milliseconds, the old limiter stalled 5–11 s on its offline queue.
const BOUND_MS = 500;
// Well-formed (32 base64url characters) but issued to nobody.
const UNKNOWN = 'A'.repeat(32);

async function timed(url: string): Promise<{ status: number; body: string; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(url);
  const body = await res.text();
  return { status: res.status, body, ms: performance.now() - t0 };
}

// Item 4 of issue 11: two server processes whose Redis (REDIS_URL) dies keep answering customers'
// tracking links at once — the unknown-link limiter fails open fast instead of queueing for Redis.
describe('tracking links with Redis killed', () => {
  let redis: ThrowawayRedis;
  let server: ServerProcess;
  let other: ServerProcess;
  let day: SeededDay;
  let token: string;

  beforeAll(async () => {
    redis = await startThrowawayRedis();
    let databaseUrl: string;
    ({ server, databaseUrl } = await startOnFreshDatabase('tournee_fault_redis_down', ADMIN, {
      REDIS_URL: redis.url,
      LOG_LEVEL: 'error',
    }));
    other = await startServerProcess({
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      SEED_DEMO: 'false',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'error',
    });
    day = await seedDriverInto(databaseUrl, ADMIN.email, 2);
    token = await trackingLinkInto(databaseUrl, day.orderIds[0]!);
    // With Redis up, the link works (and the limiter has connected).
    expect((await timed(`${server.baseUrl}/api/track/${token}`)).status).toBe(200);
    expect((await timed(`${other.baseUrl}/api/track/${token}`)).status).toBe(200);
    await redis.kill();
  });
  afterAll(async () => {
    await Promise.all([server?.stop(), other?.stop()]);
    await redis?.kill();
  });

  it('answers GET /api/track/:token with the order, fast, every time, on both processes', async () => {
    for (let i = 0; i < 6; i++) {
      const r = await timed(`${(i % 2 ? other : server).baseUrl}/api/track/${token}`);
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body)).toMatchObject({ status: 'scheduled' });
      expect(r.ms).toBeLessThan(BOUND_MS);
    }
  });

  it('answers an unknown token with a 404, fast', async () => {
    for (let i = 0; i < 3; i++) {
      const api = await timed(`${server.baseUrl}/api/track/${UNKNOWN}`);
      expect(api.status).toBe(404);
      expect(api.ms).toBeLessThan(BOUND_MS);
      const page = await timed(`${server.baseUrl}/t/${UNKNOWN}`);
      expect(page.status).toBe(404);
      expect(page.body).toContain('Link not found');
      expect(page.ms).toBeLessThan(BOUND_MS);
    }
  });

  it('serves the tracking page and its live socket', async () => {
    const page = await timed(`${server.baseUrl}/t/${token}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<!doctype html>/i);
    expect(page.ms).toBeLessThan(BOUND_MS);

    const t0 = performance.now();
    const socket = io(`${server.baseUrl}/track`, { auth: { token }, transports: ['websocket'], forceNew: true });
    try {
      const view = await new Promise<{ status: string }>((resolve, reject) => {
        socket.once('track:update', resolve);
        socket.once('connect_error', reject);
      });
      expect(view.status).toBe('scheduled');
      expect(performance.now() - t0).toBeLessThan(BOUND_MS);
    } finally {
      socket.disconnect();
    }
  });

  it('keeps both servers alive and their HTTP API answering', async () => {
    for (const s of [server, other]) {
      const api = await signIn(s.baseUrl, ADMIN.email, ADMIN.password);
      const orders = await api.call('GET', '/orders?limit=10');
      expect(orders.status).toBe(200);
      expect(orders.body.items.map((o: { id: string }) => o.id)).toContain(day.orderIds[0]);
    }
  });
});
