/**
 * Fault: Redis killed (SIGKILL) under two server processes sharing it (Socket.IO adapter, plan
 * queue, tracking-link limiter) and one database. Acceptance of issue 11: HTTP is unaffected on
 * both processes — sign-in, the orders list, a plan request — and a customer's tracking page
 * answers. The Redis is a throwaway redis-server of this test's own, never the shared one on
 * 6379. How fast the tracking page answers meanwhile (the bound: 500 ms) is printed by
 * `pnpm bench` (test/bench/redis-outage-bench.ts); here an answer only has to come, right, before
 * the 5 s that mark a stall.
 */
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../lib/api-client.ts';
import { freshDatabase } from '../lib/e2e-db.ts';
import { type RedisScene, startRedisScene, stopOrKill, timed, trackingAfterKill } from '../lib/redis-outage.ts';

const ADMIN = { email: 'redis-outage@example.com', password: 'fault-password-1' };

describe('Redis killed under two server processes', () => {
  let scene: RedisScene;

  beforeAll(async () => {
    scene = await startRedisScene(await freshDatabase('tournee_fault_redis_outage'), ADMIN);
  });

  afterAll(async () => {
    // SIGKILL whatever did not stop, so a failure above cannot hang the run.
    await Promise.all((scene?.servers ?? []).map((s) => stopOrKill(s)));
    await scene?.redis.kill();
  });

  it('keeps HTTP answering on both processes, tracking pages included, without a stall', async () => {
    const { servers, token, day } = scene;
    // Before: both answer the tracking page (the limiter reaches Redis).
    for (const s of servers) expect((await timed(`${s.baseUrl}/api/track/${token}`)).status).toBe(200);

    await scene.redis.kill();

    // Right after the kill, while every Redis client reconnects: each tracking request answers
    // as it should on both processes — the known link's page and data, an unknown link's 404.
    // A request stalled past 5 s shows as status 0.
    const answers = await trackingAfterKill(scene);
    expect(answers.filter((a) => a.status !== a.want)).toEqual([]);
    expect(answers.length).toBeGreaterThanOrEqual(2 * servers.length * 3);

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

  it("pushes the tracking page's live view over its socket", async () => {
    for (const s of scene.servers) {
      const socket = io(`${s.baseUrl}/track`, {
        auth: { token: scene.token },
        transports: ['websocket'],
        forceNew: true,
      });
      try {
        const view = await new Promise<{ status: string }>((resolve, reject) => {
          socket.once('track:update', resolve);
          socket.once('connect_error', reject);
        });
        expect(view.status).toBe('scheduled');
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
      scene.servers.map((s) =>
        Promise.race([s.stop().then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 10_000))]),
      ),
    );
    expect(stopped).toEqual([true, true]);
  });
});
