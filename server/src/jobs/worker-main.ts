/**
 * `pnpm worker`: a solver process taking plan jobs from the BullMQ queue (REDIS_URL) and writing
 * results to the shared PostgreSQL (DATABASE_URL); run as many as the machines allow. Progress
 * and status are published on this process's domain-event bus, whose one subscriber is the
 * realtime fan-out through Redis to the servers' Socket.IO rooms.
 */
import { availableParallelism } from 'node:os';
import { shutdownWorkers } from '@tournee/solver';
import { loadConfig } from '../config.ts';
import { createPgDb } from '../db/pg-adapter.ts';
import { createLogger } from '../logger.ts';
import { startPlanHeartbeat } from '../planning/plan-heartbeat.ts';
import { runPlanJob } from '../planning/run-plan.ts';
import { createDomainEvents } from '../events/bus.ts';
import { redisFanOut } from '../realtime/emitter.ts';
import { startQueueWorker } from './queue.ts';
import { defaultConcurrency } from './runner.ts';

async function main() {
  const config = loadConfig();
  if (!config.REDIS_URL || !config.DATABASE_URL) {
    throw new Error('pnpm worker needs REDIS_URL (the plan queue) and DATABASE_URL (the shared PostgreSQL)');
  }
  const log = createLogger(config.LOG_LEVEL);
  const db = createPgDb(config.DATABASE_URL);
  const bus = createDomainEvents({ log });
  const realtime = redisFanOut(config.REDIS_URL);
  bus.subscribe('realtime', realtime.handlers);
  // A worker machine does nothing else: every core but one for the solver.
  const concurrency = config.PLAN_CONCURRENCY ?? defaultConcurrency();
  const solverWorkers = config.PLAN_SOLVER_WORKERS ?? Math.max(1, Math.floor(availableParallelism() / concurrency));
  const worker = startQueueWorker({
    redisUrl: config.REDIS_URL,
    name: config.PLAN_QUEUE_NAME,
    db,
    log,
    concurrency,
    run: (id, signal) => runPlanJob({ db, config, log, bus, solverWorkers }, id, signal),
  });
  // Keeps this worker's running plans alive for the servers sharing the database (and fails
  // those of workers that died).
  const heartbeat = startPlanHeartbeat({
    db,
    log,
    onFailed: (p) =>
      bus.publish('planStatus', { orgId: p.orgId, planId: p.id, status: 'failed', summary: null, error: p.error }),
  });
  log.info({ queue: config.PLAN_QUEUE_NAME, concurrency, solverWorkers }, 'plan worker ready');
  const stop = async () => {
    log.info('plan worker stopping');
    heartbeat.stop();
    await worker.close();
    await shutdownWorkers();
    await bus.drain();
    await realtime.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  process.stderr.write(`Tournée worker failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
