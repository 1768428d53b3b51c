/**
 * Plans on a BullMQ queue, when REDIS_URL is set: server processes enqueue, and workers — the
 * server itself unless PLAN_WORKER_IN_SERVER=false, and any `pnpm worker` process, on this
 * machine or another — take jobs. The database stays the truth about a plan: a worker polls its
 * plan's status every second and aborts the solver when a user cancelled it (from any server).
 *
 * Restart rule: BullMQ's stalled-job check hands a job whose worker died to another worker; a
 * plan already `running` then is never run twice: it is failed with the reason when its owner
 * is gone (planning/plan-owner.ts), else left to the owner, which still beats.
 */
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';
import { failInterruptedPlans, findPlan, finishPlan } from '../planning/plan-repo.ts';
import type { JobFn, JobRunner } from './runner.ts';

export interface QueueOptions {
  redisUrl: string;
  /** @default 'tournee-plans' */
  name?: string;
  db: Db;
  log: Logger;
}

const connection = (url: string) => new Redis(url, { maxRetriesPerRequest: null });

/** Aborts `ctl` once the plan is cancelled in the database (checked every second). */
function watchCancellation(db: Db, planId: string, ctl: AbortController): () => void {
  const timer = setInterval(() => {
    void findPlan(db, null, planId)
      .then((p) => {
        if (p?.status === 'cancelled') ctl.abort(new Error('cancelled by a user'));
      })
      .catch(() => {});
  }, 1000);
  return () => clearInterval(timer);
}

/**
 * A worker taking plan jobs from the queue. `run` is the same job function the in-process
 * runner uses.
 */
export function startQueueWorker(opts: QueueOptions & { run: JobFn; concurrency: number }): { close(): Promise<void> } {
  const local = new Map<string, AbortController>();
  const conn = connection(opts.redisUrl);
  const worker = new Worker<{ planId: string }>(
    opts.name ?? 'tournee-plans',
    async (job) => {
      const { planId } = job.data;
      const plan = await findPlan(opts.db, null, planId);
      if (plan?.status === 'running') {
        // Handed over as stalled: failed if its worker is gone; a worker that only lost its
        // Redis lock for a while still beats in the database and finishes it.
        await failInterruptedPlans(opts.db, null, { planId });
        return;
      }
      const ctl = new AbortController();
      local.set(planId, ctl);
      const stop = watchCancellation(opts.db, planId, ctl);
      try {
        await opts.run(planId, ctl.signal);
      } finally {
        stop();
        local.delete(planId);
      }
    },
    { connection: conn, concurrency: opts.concurrency, maxStalledCount: 1 },
  );
  worker.on('error', (err) => opts.log.error({ err }, 'plan queue worker error'));
  return {
    async close() {
      for (const ctl of local.values()) ctl.abort(new Error('the worker stopped while this plan was running'));
      // A graceful close talks to Redis and waits for it forever when Redis is down: then the
      // jobs (already aborted) are left to BullMQ's stalled-job check, and the process may stop.
      await worker.close(conn.status !== 'ready');
      conn.disconnect();
    },
  };
}

/** The JobRunner of the server side: enqueue and cancel go through Redis and the database. */
export function createQueueRunner(opts: QueueOptions): JobRunner & { queue: Queue } {
  const conn = connection(opts.redisUrl);
  const queue = new Queue<{ planId: string }>(opts.name ?? 'tournee-plans', { connection: conn });
  const pending = async () => {
    const c = await queue.getJobCounts('wait', 'active', 'delayed', 'prioritized');
    return Object.values(c).reduce((a, b) => a + b, 0);
  };
  return {
    queue,
    enqueue(id) {
      void queue
        .add('plan', { planId: id }, { jobId: id, removeOnComplete: 1000, removeOnFail: 1000 })
        .catch((err) => opts.log.error({ err, planId: id }, 'could not enqueue plan'));
    },
    // The database already says cancelled: the worker holding the job sees it within a second.
    cancel: () => true,
    size: () => 0,
    async idle() {
      while ((await pending()) > 0) await new Promise((r) => setTimeout(r, 100));
    },
    async close() {
      await queue.close();
      // BullMQ leaves a connection it was given open (reconnecting for ever while Redis is down).
      conn.disconnect();
    },
  };
}

/**
 * At a server start in queue mode: plans of this queue still queued or running whose job it no longer
 * holds (Redis flushed, job lost) can never finish; they are failed with the reason. Plans whose
 * job is alive are left to the worker holding it.
 */
export async function failOrphanedPlans(db: Db, queue: Queue): Promise<string[]> {
  // Only this queue's: plans held in a process's memory (no queue) are failInterruptedPlans'.
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM plans WHERE status IN ('queued', 'running') AND queue_name = $1`,
    [queue.name],
  );
  const failed: string[] = [];
  for (const { id } of rows) {
    const job = await queue.getJob(id);
    const state = job ? await job.getState() : 'unknown';
    if (state === 'unknown' || state === 'completed' || state === 'failed') {
      const ok = await finishPlan(db, id, 'failed', {
        error: 'the job of this plan was lost (queue restarted); nothing was written, plan again',
      });
      if (ok) failed.push(id);
    }
  }
  return failed;
}
