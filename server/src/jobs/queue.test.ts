import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { runPlanJob } from '../planning/run-plan.ts';
import { oneVanDay, type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';
import { createDomainEvents } from '../events/bus.ts';
import { redisFanOut } from '../realtime/emitter.ts';
import { startQueueWorker } from './queue.ts';

const REDIS = process.env.REDIS_URL_TEST ?? 'redis://127.0.0.1:6379';

/** Fails (never skips) when Redis is not there, naming the URL: CI must provide it. */
async function requireRedis(): Promise<void> {
  const c = new Redis(REDIS, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await c.connect();
    if ((await c.ping()) !== 'PONG') throw new Error('no PONG');
  } catch (err) {
    throw new Error(`Redis is required by this test and not reachable at ${REDIS} (REDIS_URL_TEST): ${err}`);
  } finally {
    c.disconnect();
  }
}

describe('plans on the BullMQ queue (REDIS_URL)', () => {
  let t: PlanningTestApp;
  let worker: { close(): Promise<void> };
  let fanOut: ReturnType<typeof redisFanOut>;
  const queue = `test-plans-${Math.random().toString(36).slice(2)}`;

  beforeAll(async () => {
    await requireRedis();
    // The server only enqueues; a separate worker (as `pnpm worker` would) solves.
    t = await startPlanningApp({ REDIS_URL: REDIS, PLAN_QUEUE_NAME: queue, PLAN_WORKER_IN_SERVER: 'false' });
    // The worker's bus, with its one subscriber: the fan-out through Redis (as in worker-main.ts).
    const log = createLogger('silent');
    const bus = createDomainEvents({ log });
    fanOut = redisFanOut(REDIS);
    bus.subscribe('realtime', fanOut.handlers);
    worker = startQueueWorker({
      redisUrl: REDIS,
      name: queue,
      db: t.db,
      log,
      concurrency: 1,
      run: (id, signal) => runPlanJob({ db: t.db, config: t.config, log, bus, solverWorkers: 1 }, id, signal),
    });
    await oneVanDay(t, '2027-06-01');
    await t.importOrders(
      Array.from({ length: 15 }, (_, i) => ({
        ref: `Q-${i}`,
        name: `C${i}`,
        address: `${i} rue Q`,
        lon: (4.82 + (i % 5) * 0.01).toFixed(4),
        lat: (45.74 + Math.floor(i / 5) * 0.01).toFixed(4),
        date_from: '2027-06-01',
        date_to: '2027-06-01',
        service_min: '5',
        demand_kg: '1',
        demand_m3: '0.01',
        demand_parcels: '1',
      })),
    );
  });
  afterAll(async () => {
    await worker.close();
    await fanOut.close();
    await t.close();
    // The run's queue leaves no keys behind in Redis.
    const conn = new Redis(REDIS, { maxRetriesPerRequest: null });
    const q = new Queue(queue, { connection: conn });
    await q.obliterate({ force: true });
    await q.close();
    conn.disconnect();
  });

  it('a worker process solves the plan and its progress reaches the server’s sockets through Redis', async () => {
    const socket = t.socket();
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    const statuses: string[] = [];
    const progress: unknown[] = [];
    socket.on('plan:status', (e) => statuses.push(e.status));
    socket.on('plan:progress', (e) => progress.push(e));
    const r = await t.call('POST', '/plans', { from: '2027-06-01', to: '2027-06-01', timeLimitS: 1.5 });
    expect(r.status).toBe(202);
    const plan = await t.waitForPlan(r.body.planId);
    expect(plan.status, plan.error).toBe('done');
    expect(plan.summary.assigned).toBe(15);
    // The socket events travel through Redis after the plan's row: wait for them, not for a time.
    await expect.poll(() => statuses).toContain('done');
    expect(statuses).toContain('running');
    expect(progress.length).toBeGreaterThanOrEqual(1);
  });

  it('cancelling from the server stops the worker’s solver and writes nothing', async () => {
    const r = await t.call('POST', '/plans', { from: '2027-06-01', to: '2027-06-01', timeLimitS: 30 });
    const { planId } = r.body;
    await t.waitForPlan(planId, (p) => p.status === 'running');
    expect((await t.call('DELETE', `/plans/${planId}`)).status).toBe(200);
    // The worker stops long before its 30 s budget: the plan reads cancelled with no route written.
    // (How soon is `pnpm bench:responsiveness`'s figure.)
    await t.app.planner.runner.idle();
    const written = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM routes WHERE plan_id = $1', [
      planId,
    ]);
    expect(written.rows[0]!.n).toBe(0);
    expect((await t.waitForPlan(planId)).status).toBe('cancelled');
  });
});
