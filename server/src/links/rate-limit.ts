/**
 * Failed token lookups per client address over the last minute: guessing tokens gets 429s
 * after `maxPerMinute` misses (a 192-bit token is not guessable; this keeps the database out of
 * a brute force). In memory for one process; in Redis when several server processes share the
 * traffic (REDIS_URL), so the limit holds whichever process a request lands on.
 *
 * Redis is an optimisation here, never a dependency: with Redis slow or down the limiter fails
 * open *fast* (each command gives up after 200 ms, none waits in an offline queue) and counts in
 * this process's memory meanwhile, so customers' tracking pages answer as if Redis were there.
 */
import { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';

export interface FailureLimiter {
  /** True when this address is over the limit (checked before any lookup). */
  blocked(ip: string, now?: number): Promise<boolean>;
  fail(ip: string, now?: number): Promise<void>;
}

export function failureLimiter(maxPerMinute: number): FailureLimiter {
  const hits = new Map<string, number[]>();
  const recent = (ip: string, now: number) => {
    const list = (hits.get(ip) ?? []).filter((t) => now - t < 60_000);
    if (list.length === 0) hits.delete(ip);
    else hits.set(ip, list);
    return list;
  };
  return {
    blocked: async (ip, now = Date.now()) => recent(ip, now).length >= maxPerMinute,
    async fail(ip, now = Date.now()) {
      const list = recent(ip, now);
      list.push(now);
      hits.set(ip, list);
      // Bounded memory under a spray of addresses: forget the oldest.
      if (hits.size > 50_000) hits.delete(hits.keys().next().value!);
    },
  };
}

/** How long one limiter command may take before the request goes on without it. */
export const LIMITER_COMMAND_TIMEOUT_MS = 200;

/**
 * The limiter's own Redis connection (not shared with Socket.IO or BullMQ, whose connections
 * must queue and retry): no offline queue, so a command while disconnected fails at once; a
 * command timeout, so a hung server costs 200 ms at most; no retry per request; and reconnects
 * in the background with a capped backoff (never blocking a request).
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
    log.warn({ err }, 'tracking-link limiter: redis unreachable; counting in memory until it is back');
  });
  redis.on('ready', () => {
    if (down) log.info('tracking-link limiter: redis reachable again');
    down = false;
  });
  return redis;
}

/**
 * The same limit kept in Redis: a counter per address and minute (expiring after two), and the
 * last minute counted in proportion to how much of it is still within the window — the usual
 * sliding-window estimate, two keys per address whatever the traffic. While Redis does not
 * answer, `fallback` (this process's memory) counts instead. How long "does not answer" takes
 * is the client's: give it one from `limiterRedis`.
 */
export function redisFailureLimiter(
  redis: Redis,
  maxPerMinute: number,
  prefix = 'tournee:track-miss',
  fallback: FailureLimiter = failureLimiter(maxPerMinute),
): FailureLimiter {
  const key = (ip: string, minute: number) => `${prefix}:${ip}:${minute}`;
  return {
    async blocked(ip, now = Date.now()) {
      const minute = Math.floor(now / 60_000);
      const counts = await redis.mget(key(ip, minute), key(ip, minute - 1)).catch(() => null);
      if (!counts) return fallback.blocked(ip, now);
      const stillIn = 1 - (now % 60_000) / 60_000;
      return Number(counts[0] ?? 0) + Number(counts[1] ?? 0) * stillIn >= maxPerMinute;
    },
    async fail(ip, now = Date.now()) {
      const k = key(ip, Math.floor(now / 60_000));
      const ok = await redis
        .multi()
        .incr(k)
        .expire(k, 120)
        .exec()
        .then(
          () => true,
          () => false,
        );
      if (!ok) await fallback.fail(ip, now);
    },
  };
}
