import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

/**
 * The Redis database a test file may use alone: REDIS_URL_TEST's database index plus `slot`
 * (mod 16), so that test files running side by side never share queues, rooms or rate limits.
 * Slot 0 (REDIS_URL_TEST itself) is the server suite's, which runs beside this one.
 */
export function testRedisUrl(slot: number): string {
  const url = new URL(process.env.REDIS_URL_TEST ?? 'redis://127.0.0.1:6379');
  const base = Number(url.pathname.slice(1) || '0');
  url.pathname = `/${(base + slot) % 16}`;
  return url.toString();
}

/**
 * A plan queue name (PLAN_QUEUE_NAME) of this run's own: two runs sharing a Redis database (two
 * checkouts, or a run and a leftover one) then never take each other's jobs.
 */
export function testQueueName(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

/**
 * Removes every key of the BullMQ queue `name` (jobs, events, meta) from Redis at `redisUrl`, as
 * the server's queue tests do; to call once the servers using it have stopped.
 */
export async function obliterateQueue(redisUrl: string, name: string): Promise<void> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(name, { connection });
  try {
    await queue.obliterate({ force: true });
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
