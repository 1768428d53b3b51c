/**
 * Failed token lookups per client address over the last minute: guessing tokens gets 429s
 * after `maxPerMinute` misses (a 192-bit token is not guessable; this keeps the database out of
 * a brute force). In memory for one process; in Redis when several server processes share the
 * traffic (REDIS_URL), so the limit holds whichever process a request lands on.
 */
import type { Redis } from 'ioredis';

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

/**
 * The same limit kept in Redis: a counter per address and minute (expiring after two), and the
 * last minute counted in proportion to how much of it is still within the window — the usual
 * sliding-window estimate, two keys per address whatever the traffic.
 */
export function redisFailureLimiter(redis: Redis, maxPerMinute: number, prefix = 'tournee:track-miss'): FailureLimiter {
  const key = (ip: string, minute: number) => `${prefix}:${ip}:${minute}`;
  // Fails open: with Redis unreachable, customers still see their tracking pages.
  return {
    async blocked(ip, now = Date.now()) {
      const minute = Math.floor(now / 60_000);
      const counts = await redis.mget(key(ip, minute), key(ip, minute - 1)).catch(() => [null, null]);
      const stillIn = 1 - (now % 60_000) / 60_000;
      return Number(counts[0] ?? 0) + Number(counts[1] ?? 0) * stillIn >= maxPerMinute;
    },
    async fail(ip, now = Date.now()) {
      const k = key(ip, Math.floor(now / 60_000));
      await redis
        .multi()
        .incr(k)
        .expire(k, 120)
        .exec()
        .catch(() => {});
    },
  };
}
