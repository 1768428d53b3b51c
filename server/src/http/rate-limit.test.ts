import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { createRateLimits, limiterRedis } from './rate-limit.ts';

const REDIS = process.env.REDIS_URL_TEST ?? 'redis://127.0.0.1:6379';
const log = createLogger('silent');

describe('a rate limit in memory', () => {
  const limits = createRateLimits({ log });

  it('takes points until the budget is used, then answers the seconds to wait', async () => {
    const l = limits.limit(`test:${randomUUID()}`, 2);
    expect(await l.take('a')).toBeNull();
    expect(await l.take('a')).toBeNull();
    const wait = await l.take('a');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await l.take('b')).toBeNull();
  });

  it('checks without taking, charges without refusing, and gives points back', async () => {
    const l = limits.limit(`test:${randomUUID()}`, 2);
    expect(await l.check('a')).toBeNull();
    await l.charge('a');
    await l.charge('a');
    expect(await l.check('a')).not.toBeNull();
    await l.refund('a');
    expect(await l.check('a')).toBeNull();
    expect(await l.used('a')).toBe(1);
  });

  it('forgets a key once its window is over', async () => {
    const l = limits.limit(`test:${randomUUID()}`, 1, 1);
    await l.charge('a');
    expect(await l.check('a')).not.toBeNull();
    await expect.poll(() => l.check('a'), { timeout: 15_000, interval: 100 }).toBeNull();
  });
});

describe('a rate limit in Redis', () => {
  // Two server processes, each with its own connection, counting in the same keys.
  const clients = [limiterRedis(REDIS, log), limiterRedis(REDIS, log)];
  const [a, b] = clients.map((redis) => createRateLimits({ redis, log }));
  const name = `test:${randomUUID()}`;
  afterAll(async () => {
    const raw = new Redis(REDIS);
    const keys = await raw.keys(`tournee:rl:${name}:*`);
    if (keys.length) await raw.del(...keys);
    await raw.quit();
    for (const c of clients) c.disconnect();
  });

  it('counts every process against one budget', async () => {
    await Promise.all(clients.map((c) => expect.poll(() => c.status).toBe('ready')));
    expect(a!.store).toBe('redis');
    const [la, lb] = [a!.limit(name, 3), b!.limit(name, 3)];
    expect(await la.take('1.2.3.4')).toBeNull();
    expect(await lb.take('1.2.3.4')).toBeNull();
    expect(await la.check('1.2.3.4')).toBeNull();
    await lb.charge('1.2.3.4');
    expect(await la.check('1.2.3.4')).not.toBeNull();
    expect(await lb.take('1.2.3.4')).not.toBeNull();
    expect(await la.take('5.6.7.8')).toBeNull();
  });
});

describe('a rate limit with Redis not answering', () => {
  // A "Redis" that accepts connections and never answers: the worst case for a client.
  let hung: Server;
  afterAll(() => new Promise<void>((r) => hung.close(() => r())));

  it('fails open within the command timeout and counts in memory meanwhile', async () => {
    hung = createServer(() => {});
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', r));
    const port = (hung.address() as { port: number }).port;
    const limits = createRateLimits({ redisUrl: `redis://127.0.0.1:${port}`, log });
    try {
      const l = limits.limit(`test:${randomUUID()}`, 2);
      // Each command gives up at once or after the client's command timeout (a hang would end
      // the test at vitest's timeout): the answers are the in-memory count's.
      expect(await l.check('1.2.3.4')).toBeNull();
      await l.charge('1.2.3.4');
      await l.charge('1.2.3.4');
      expect(await l.check('1.2.3.4')).not.toBeNull();
    } finally {
      await limits.close();
    }
  });
});
