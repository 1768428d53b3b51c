import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg } from '../../test/harness.ts';
import { TEST_DATABASE_URL } from '../../test/test-db.ts';
import type { Db } from '../db/db.ts';
import { createPgDb } from '../db/pg-adapter.ts';
import { thisProcess } from '../planning/plan-owner.ts';
import { findPlan, insertPlan } from '../planning/plan-repo.ts';
import { failOrphanedPlans } from './queue.ts';

const REDIS = process.env.REDIS_URL_TEST ?? 'redis://127.0.0.1:6379';

// A server starting in queue mode fails the plans of its queue whose job Redis lost; never the
// plans another process runs in memory, nor those of another queue (a test run or a second
// deployment sharing the database): CI saw a plan of a side-by-side test file failed that way.
describe('plans whose queue job is lost', () => {
  let db: Db;
  let queue: Queue;
  let connection: Redis;
  const name = `test-orphans-${Math.random().toString(36).slice(2)}`;

  beforeAll(async () => {
    db = createPgDb(TEST_DATABASE_URL, { max: 2 });
    connection = new Redis(REDIS, { maxRetriesPerRequest: null });
    queue = new Queue(name, { connection });
  });
  afterAll(async () => {
    await queue?.obliterate({ force: true });
    await queue?.close();
    connection?.disconnect();
    await db?.close();
  });

  it('fails only the plans of this queue, and leaves in-memory plans and other queues alone', async () => {
    const org = await createTestOrg(db);
    const plan = (extra: { owner?: ReturnType<typeof thisProcess>; queueName?: string }) =>
      insertPlan(db, org.id, {
        from: '2027-06-01',
        to: '2027-06-01',
        depotIds: null,
        orderIds: null,
        options: { balance: false, preferEarliest: false, minimiseVehicles: false },
        timeLimitS: null,
        createdBy: null,
        ...extra,
      });
    const lost = await plan({ queueName: name });
    const inMemory = await plan({ owner: thisProcess() });
    const otherQueue = await plan({ queueName: `${name}-other` });

    const failed = await failOrphanedPlans(db, queue);

    expect(failed).toEqual([lost.id]);
    expect((await findPlan(db, org.id, lost.id))?.status).toBe('failed');
    expect((await findPlan(db, org.id, inMemory.id))?.status).toBe('queued');
    expect((await findPlan(db, org.id, otherQueue.id))?.status).toBe('queued');
  });
});
