/**
 * The scene of the Redis outage (issue 11): two server processes sharing a throwaway Redis
 * (Socket.IO adapter, plan queue, tracking-link limiter) and one database with a driver's day and
 * a customer's tracking link; and the tracking requests made while every Redis client reconnects
 * after the kill. Shared by the fault test (every answer right, none stalled) and `pnpm bench`
 * (how fast: the bound is 500 ms).
 */
import { signIn } from './api-client.ts';
import { seedDriverInto, trackingLinkInto } from './driver-day.ts';
import { startPairOn } from './e2e-db.ts';
import type { ServerProcess } from './server-process.ts';
import { startThrowawayRedis, type ThrowawayRedis } from './throwaway-redis.ts';

/** The bound the issue states for a tracking page with Redis down ("tracking page < 500 ms"). */
export const TRACK_PAGE_MS = 500;
/** A request unanswered after this long counts as status 0: the stall the outage must not cause. */
export const STALL_MS = 5000;

export interface RedisScene {
  redis: ThrowawayRedis;
  servers: ServerProcess[];
  databaseUrl: string;
  /** A customer's tracking-link token. */
  token: string;
  /** The first day with orders. */
  day: string;
}

/** Starts the scene on `databaseUrl` (migrated or empty: the first process migrates it, and seeds the demo). */
export async function startRedisScene(
  databaseUrl: string,
  admin: { email: string; password: string },
): Promise<RedisScene> {
  const redis = await startThrowawayRedis();
  const { a, b } = await startPairOn(databaseUrl, admin, { REDIS_URL: redis.url, SEED_DEMO: 'true' });
  const seeded = await seedDriverInto(databaseUrl, admin.email, 1);
  const token = await trackingLinkInto(databaseUrl, seeded.orderIds[0]!);
  const api = await signIn(a.baseUrl, admin.email, admin.password);
  const orders = (await api.call('GET', '/orders?limit=1000')).body.items as { dateFrom: string }[];
  return { redis, servers: [a, b], databaseUrl, token, day: orders.map((o) => o.dateFrom).sort()[0]! };
}

/** One GET, timed; unanswered after STALL_MS it counts as status 0. */
export async function timed(url: string): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  const status = await fetch(url, { signal: AbortSignal.timeout(STALL_MS) }).then(
    async (res) => {
      await res.arrayBuffer();
      return res.status;
    },
    () => 0,
  );
  return { status, ms: Math.round(performance.now() - t0) };
}

export interface TrackingAnswer {
  path: string;
  want: number;
  status: number;
  ms: number;
}

/**
 * Right after the kill: rounds of the tracking requests on every process (the known link's page
 * and data, an unknown link's 404) for `watchMs`, at most `rounds` rounds.
 */
export async function trackingAfterKill(scene: RedisScene, watchMs = 3000, rounds = 10): Promise<TrackingAnswer[]> {
  const out: TrackingAnswer[] = [];
  const t0 = Date.now();
  for (let round = 0; round < rounds && Date.now() - t0 < watchMs; round++) {
    for (const s of scene.servers) {
      for (const [path, want] of [
        [`/api/track/${scene.token}`, 200],
        [`/t/${scene.token}`, 200],
        ['/api/track/0000unknown0000token0000', 404],
      ] as const) {
        out.push({ path, want, ...(await timed(`${s.baseUrl}${path}`)) });
      }
    }
  }
  return out;
}

/** SIGTERM, then SIGKILL if the process has not exited within `graceMs`. */
export async function stopOrKill(s: ServerProcess, graceMs = 5000): Promise<void> {
  const stopped = await Promise.race([
    s.stop().then(() => true),
    new Promise<false>((r) => setTimeout(() => r(false), graceMs)),
  ]);
  if (!stopped) await s.kill('SIGKILL');
}
