/**
 * The one rate-limit mechanism (rate-limiter-flexible): budgets of points per key and window for
 * sign-in, driver codes, tracking links and API keys. With REDIS_URL the counts live in Redis, so
 * every server process draws on the same budget; without it, in this process's memory (a server
 * without Redis is one process: Socket.IO needs Redis to run several).
 *
 * Redis is an optimisation here, never a dependency: the limiters' own connection never queues a
 * command and gives up on one after 200 ms, and while Redis does not answer each limit counts in
 * this process's memory (rate-limiter-flexible's insurance limiter), so requests answer as if
 * Redis were there.
 */
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '../logger.ts';

/** One budget: `points` per `durationS` seconds and key (fixed windows from a key's first point). */
export interface RateLimit {
  /** Takes `points` from `key`'s budget: null when it had them, else the seconds to wait (Retry-After). */
  take(key: string, points?: number): Promise<number | null>;
  /** Null while `key` has points left (nothing is taken), else the seconds to wait. */
  check(key: string): Promise<number | null>;
  /** Takes points from `key` without refusing: a miss found after the check. */
  charge(key: string, points?: number): Promise<void>;
  /** Gives back points taken: an attempt that turned out right does not count. */
  refund(key: string, points?: number): Promise<void>;
  /** Points `key` used in its current window. */
  used(key: string): Promise<number>;
}

export interface RateLimits {
  /** Where the counts live. */
  readonly store: 'redis' | 'memory';
  /** The budget named `name` (unique per purpose: it prefixes the keys in Redis). */
  limit(name: string, points: number, durationS?: number): RateLimit;
  /** Resolves once the counts reach their store (Redis connected; at once in memory). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** How long one limiter command may take before the request goes on without Redis. */
export const LIMITER_COMMAND_TIMEOUT_MS = 200;

/**
 * The limiters' own Redis connection (not shared with Socket.IO or BullMQ, whose connections must
 * queue and retry): no offline queue, so a command while disconnected fails at once; a command
 * timeout, so a hung server costs 200 ms at most; no retry per request; and reconnects in the
 * background with a capped backoff (never blocking a request).
 */
export function limiterRedis(url: string, log: Logger): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    commandTimeout: LIMITER_COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(200 * times, 5000),
  });
  // One warning per outage, not one per reconnect attempt.
  let down = false;
  redis.on('error', (err) => {
    if (down) return;
    down = true;
    log.warn({ err }, 'rate limits: redis unreachable; counting in memory until it is back');
  });
  redis.on('ready', () => {
    if (down) log.info('rate limits: redis reachable again');
    down = false;
  });
  return redis;
}

const secondsOf = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

type Limiter = RateLimiterMemory | RateLimiterRedis;

function rateLimit(limiter: Limiter, points: number): RateLimit {
  return {
    async take(key, n = 1) {
      try {
        await limiter.consume(key, n);
        return null;
      } catch (err) {
        if (err instanceof RateLimiterRes) return secondsOf(err);
        throw err;
      }
    },
    async check(key) {
      const res = await limiter.get(key);
      return res && res.consumedPoints >= points ? secondsOf(res) : null;
    },
    async charge(key, n = 1) {
      await limiter.penalty(key, n);
    },
    async refund(key, n = 1) {
      await limiter.reward(key, n);
    },
    async used(key) {
      return (await limiter.get(key))?.consumedPoints ?? 0;
    },
  };
}

/**
 * The server's budgets: in Redis at `redisUrl` (prefix `tournee:rl:<name>`), else in memory.
 * `redis` may be given instead of a URL (a test's connection); it is then not closed here.
 */
export function createRateLimits(opts: { redisUrl?: string | null; redis?: Redis; log: Logger }): RateLimits {
  const own = !opts.redis && opts.redisUrl ? limiterRedis(opts.redisUrl, opts.log) : null;
  const redis = opts.redis ?? own;
  return {
    store: redis ? 'redis' : 'memory',
    limit(name, points, durationS = 60) {
      const keyPrefix = `tournee:rl:${name}`;
      const memory = new RateLimiterMemory({ keyPrefix, points, duration: durationS });
      if (!redis) return rateLimit(memory, points);
      const inRedis = new RateLimiterRedis({
        storeClient: redis,
        keyPrefix,
        points,
        duration: durationS,
        rejectIfRedisNotReady: true,
        insuranceLimiter: memory,
      });
      return rateLimit(inRedis, points);
    },
    async ready() {
      if (!redis || redis.status === 'ready') return;
      await new Promise<void>((resolve) => redis.once('ready', () => resolve()));
    },
    async close() {
      own?.disconnect();
    },
  };
}
