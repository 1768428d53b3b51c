import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { hashToken, looksLikeToken } from './links.ts';
import { createLogger } from '../logger.ts';
import { failureLimiter, limiterRedis, redisFailureLimiter } from './rate-limit.ts';

const REDIS = process.env.REDIS_URL_TEST ?? 'redis://127.0.0.1:6379';

describe('tracking link guards', () => {
  it('blocks an address after N misses within a minute, then forgets', async () => {
    const l = failureLimiter(3);
    for (let i = 0; i < 3; i++) await l.fail('1.2.3.4', 1000);
    expect(await l.blocked('1.2.3.4', 2000)).toBe(true);
    expect(await l.blocked('5.6.7.8', 2000)).toBe(false);
    expect(await l.blocked('1.2.3.4', 62_000)).toBe(false);
  });

  it('hashes tokens and refuses malformed ones before any lookup', () => {
    expect(hashToken('a')).toHaveLength(64);
    expect(looksLikeToken('x'.repeat(32))).toBe(true);
    expect(looksLikeToken("' OR 1=1 --")).toBe(false);
  });
});

describe('tracking link guards shared through Redis', () => {
  const clients = [new Redis(REDIS), new Redis(REDIS)];
  // Two server processes, each with its own connection, counting in the same keys.
  const prefix = `test:track-miss:${randomUUID()}`;
  const [a, b] = clients.map((c) => redisFailureLimiter(c, 3, prefix)) as [
    ReturnType<typeof redisFailureLimiter>,
    ReturnType<typeof redisFailureLimiter>,
  ];
  afterAll(async () => {
    const keys = await clients[0]!.keys(`${prefix}:*`);
    if (keys.length) await clients[0]!.del(...keys);
    await Promise.all(clients.map((c) => c.quit()));
  });

  it('counts misses on every process against one limit', async () => {
    const t = 600_000 + 10_000; // 10 s into a minute
    await a.fail('1.2.3.4', t);
    await b.fail('1.2.3.4', t);
    expect(await a.blocked('1.2.3.4', t)).toBe(false);
    await a.fail('1.2.3.4', t + 1000);
    expect(await b.blocked('1.2.3.4', t + 1000)).toBe(true);
    expect(await b.blocked('5.6.7.8', t + 1000)).toBe(false);
  });

  it('forgets an address once its misses are a minute old', async () => {
    const t = 1_200_000 + 30_000;
    for (let i = 0; i < 3; i++) await a.fail('9.9.9.9', t);
    expect(await b.blocked('9.9.9.9', t + 1000)).toBe(true);
    expect(await b.blocked('9.9.9.9', t + 70_000)).toBe(false);
  });
});

describe('tracking link guards with Redis not answering', () => {
  // A "Redis" that accepts connections and never answers: the worst case for a client.
  let hung: Server;
  afterAll(() => new Promise<void>((r) => hung.close(() => r())));

  it('fails open within the command timeout and counts in memory meanwhile', async () => {
    hung = createServer(() => {});
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', r));
    const port = (hung.address() as { port: number }).port;
    const redis = limiterRedis(`redis://127.0.0.1:${port}`, createLogger('silent'));
    try {
      const l = redisFailureLimiter(redis, 2, `test:track-miss:${randomUUID()}`);
      // Each command gives up after the client's command timeout (a hang would end the test at
      // vitest's timeout): the answers are the in-memory count's.
      expect(await l.blocked('1.2.3.4')).toBe(false);
      await l.fail('1.2.3.4');
      await l.fail('1.2.3.4');
      expect(await l.blocked('1.2.3.4')).toBe(true);
    } finally {
      redis.disconnect();
    }
  });
});
