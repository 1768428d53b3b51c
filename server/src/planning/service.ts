/**
 * Planning: accept plan requests (queued on the job runner), answer their status, cancel them.
 * `createPlanner` owns the runner; the app creates one and closes it on shutdown.
 */
import { availableParallelism } from 'node:os';
import type { Plan, PlanRequest, UnassignedOrderWithFigures } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { AppError, found } from '../errors.ts';
import { expandShiftPatterns } from '../fleet/service.ts';
import { createQueueRunner, failOrphanedPlans, startQueueWorker } from '../jobs/queue.ts';
import { createJobRunner, defaultConcurrency, type JobFn, type JobRunner } from '../jobs/runner.ts';
import type { Logger } from '../logger.ts';
import type { DomainPublisher } from '../events/bus.ts';
import { figuresOf } from './figures-repo.ts';
import { loadDepots, unknownOrderIds } from './inputs-repo.ts';
import { planZone } from './load.ts';
import { startPlanHeartbeat } from './plan-heartbeat.ts';
import { thisProcess } from './plan-owner.ts';
import { findPlan, finishPlan, insertPlan, listPlans, listUnassigned, type PlanRecord } from './plan-repo.ts';
import { runPlanJob } from './run-plan.ts';
import { ruleMessages } from './rule-figures.ts';
import { travelModel } from '../travel/travel.ts';

export interface Planner {
  request(actor: Actor, req: PlanRequest): Promise<{ planId: string }>;
  get(actor: Actor, id: string): Promise<Plan>;
  list(actor: Actor, limit: number): Promise<Plan[]>;
  cancel(actor: Actor, id: string): Promise<Plan>;
  /** The orders the plan left out, each with its reason and the figures behind it. */
  unassigned(actor: Actor, id: string): Promise<UnassignedOrderWithFigures[]>;
  runner: JobRunner;
  close(): Promise<void>;
}

const publicPlan = ({ orgId: _o, createdBy: _c, timeLimitS: _t, ...plan }: PlanRecord): Plan => plan;

export function createPlanner(deps: { db: Db; config: Config; log: Logger; bus: DomainPublisher }): Planner {
  const { db, config, log, bus } = deps;
  const concurrency = config.PLAN_CONCURRENCY ?? defaultConcurrency();
  const solverWorkers =
    config.PLAN_SOLVER_WORKERS ?? Math.max(1, Math.floor((availableParallelism() - 1) / concurrency));
  const run: JobFn = (id, signal) => runPlanJob({ ...deps, solverWorkers }, id, signal);
  let runner: JobRunner;
  let worker: { close(): Promise<void> } | null = null;
  if (config.REDIS_URL) {
    const q = { redisUrl: config.REDIS_URL, name: config.PLAN_QUEUE_NAME, db, log };
    const queueRunner = createQueueRunner(q);
    runner = queueRunner;
    if (config.PLAN_WORKER_IN_SERVER) worker = startQueueWorker({ ...q, run, concurrency });
    void failOrphanedPlans(db, queueRunner.queue)
      .then((ids) => ids.length && log.warn({ plans: ids }, 'plans whose job was lost marked failed'))
      .catch((err) => log.error({ err }, 'could not check for lost plan jobs'));
  } else {
    runner = createJobRunner(run, {
      concurrency,
      onError: (id, err) => log.error({ err, planId: id }, 'plan job crashed'),
    });
  }

  // This process's plans stay alive for other processes sharing the database; plans of dead
  // processes are failed (plan-owner.ts).
  const heartbeat = startPlanHeartbeat({
    db,
    log,
    onFailed: (p) =>
      bus.publish('planStatus', { orgId: p.orgId, planId: p.id, status: 'failed', summary: null, error: p.error }),
  });

  const mustFind = async (actor: Actor, id: string) => {
    return found(await findPlan(db, actor.orgId, id), 'Plan');
  };

  return {
    runner,
    async request(actor, req) {
      const depots = await loadDepots(db, actor.orgId, req.depotIds ?? null);
      req.depotIds?.forEach((id, i) => {
        if (!depots.some((d) => d.id === id)) throw new AppError('bad_request', `depotIds[${i}]: no depot ${id}`);
      });
      planZone(depots);
      // A named order the plan could not even list as unassigned is a mistake in the request.
      if (req.orderIds) {
        const unknown = new Set(await unknownOrderIds(db, actor.orgId, req.orderIds));
        const i = req.orderIds.findIndex((id) => unknown.has(id));
        if (i >= 0) throw new AppError('bad_request', `orderIds[${i}]: no order ${req.orderIds[i]}`);
      }
      // Weekly patterns may not be expanded that far yet: make the range's shifts exist first.
      await expandShiftPatterns(db, actor, { through: req.to });
      const plan = await db.transaction(async (tx) => {
        const p = await insertPlan(tx, actor.orgId, {
          from: req.from,
          to: req.to,
          depotIds: req.depotIds ?? null,
          orderIds: req.orderIds ?? null,
          options: req.options,
          timeLimitS: req.timeLimitS ?? null,
          createdBy: actor.userId,
          // In-process runner: this process holds it from now on; with a queue, the queue does.
          ...(config.REDIS_URL ? { queueName: config.PLAN_QUEUE_NAME } : { owner: thisProcess() }),
        });
        await recordEvent(tx, actor, 'create', 'plan', p.id, { ...req });
        return p;
      });
      runner.enqueue(plan.id);
      bus.publish('planStatus', { orgId: actor.orgId, planId: plan.id, status: 'queued', summary: null, error: null });
      return { planId: plan.id };
    },
    get: async (actor, id) => publicPlan(await mustFind(actor, id)),
    list: async (actor, limit) => (await listPlans(db, actor.orgId, limit)).map(publicPlan),
    async cancel(actor, id) {
      await mustFind(actor, id);
      const cancelled = await db.transaction(async (tx) => {
        // Waits for a plan being written to commit: then it is done and cannot be cancelled.
        const ok = await finishPlan(tx, id, 'cancelled', { error: 'cancelled by a user; nothing was written' });
        if (ok) await recordEvent(tx, actor, 'cancel', 'plan', id);
        return ok;
      });
      const plan = await mustFind(actor, id);
      if (!cancelled)
        throw new AppError(
          'conflict',
          `The plan is already ${plan.status}; only a queued or running plan can be cancelled`,
        );
      runner.cancel(id, 'cancelled by a user');
      bus.publish('planStatus', {
        orgId: actor.orgId,
        planId: id,
        status: 'cancelled',
        summary: null,
        error: plan.error,
      });
      return publicPlan(plan);
    },
    async unassigned(actor, id) {
      await mustFind(actor, id);
      const items = await listUnassigned(db, id);
      const figures = await figuresOf(
        db,
        actor.orgId,
        items.map((u) => u.orderId),
      );
      // The working-time reasons say whose hours or which drive stood in the way.
      const messages = await ruleMessages(db, actor.orgId, items, travelModel(config));
      return items.map((u) => ({
        ...u,
        message: messages.get(u.orderId) ?? u.message,
        figures: figures.get(u.orderId)!,
      }));
    },
    async close() {
      heartbeat.stop();
      await worker?.close();
      await runner.close('the server stopped while this plan was running');
    },
  };
}
