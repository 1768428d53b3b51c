import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeededDay } from '../../server/src/tracking/test-support.ts';
import { seedDriverInto, trackingLinkInto } from '../lib/driver-day.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';
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

// Item 4 of issue 11: a server whose Redis (REDIS_URL) dies keeps answering customers' tracking
// links at once — the unknown-link limiter fails open fast instead of queueing for Redis.
describe('tracking links with Redis killed', () => {
  let redis: ThrowawayRedis;
  let server: ServerProcess;
  let day: SeededDay;
  let token: string;

  beforeAll(async () => {
    redis = await startThrowawayRedis();
    let databaseUrl: string;
    ({ server, databaseUrl } = await startOnFreshDatabase('tournee_fault_redis_down', ADMIN, {
      REDIS_URL: redis.url,
      LOG_LEVEL: 'error',
    }));
    day = await seedDriverInto(databaseUrl, ADMIN.email, 2);
    token = await trackingLinkInto(databaseUrl, day.orderIds[0]!);
    // With Redis up, the link works (and the limiter has connected).
    expect((await timed(`${server.baseUrl}/api/track/${token}`)).status).toBe(200);
    await redis.kill();
  });
  afterAll(async () => {
    // Redis back first: the server's graceful stop waits for its Socket.IO adapter's connection
    // (realtime/io.ts), which takes over a minute with Redis down.
    if (redis) redis = await startThrowawayRedis(redis.port);
    await server?.stop();
    await redis?.kill();
  });

  it('answers GET /api/track/:token with the order, fast, every time', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await timed(`${server.baseUrl}/api/track/${token}`);
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

  it('keeps the server alive and its HTTP API answering', async () => {
    const r = await timed(`${server.baseUrl}/api/health`);
    expect(r.status).toBe(200);
  });
});
