/**
 * One plan job: load, build, solve on worker threads, write in one transaction. Progress is
 * pushed to the organisation's room at least every second while the solver runs (and on every
 * improvement, at most every 250 ms). Cancelled or failed plans write nothing but their status.
 */
import type { PlanProgress } from '@tournee/shared';
import { type Solution, solve } from '@tournee/solver';
import type { Actor } from '../audit/audit.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';
import type { DomainPublisher } from '../events/bus.ts';
import { loadPlan } from './load.ts';
import { PlanNotRunning, writePlanResult } from './persist.ts';
import { thisProcess } from './plan-owner.ts';
import { findPlan, finishPlan, markRunning, saveProgress } from './plan-repo.ts';
import { type BuiltProblem, buildProblem } from './problem-builder.ts';
import { mapSolution } from './result-mapper.ts';
import { roadLines } from '../travel/road.ts';
import { solverProblem } from './solver-problem.ts';

export interface PlanJobDeps {
  db: Db;
  config: Config;
  log: Logger;
  /** Plan progress, status and route changes, published after each commit. */
  bus: DomainPublisher;
  /** Solver threads per plan. */
  solverWorkers: number;
}

/** A solution with no route, for a problem without vehicles or without jobs. */
function emptySolution(built: BuiltProblem): Solution {
  return {
    summary: {
      cost: 0,
      routes: 0,
      unassigned: 0,
      distance: 0,
      travelS: 0,
      waitingS: 0,
      serviceS: 0,
      iterations: 0,
      computingTimeMs: 0,
    },
    routes: [],
    unassigned: [
      ...(built.problem.jobs ?? []).map((j) => ({ id: j.id, type: 'job' as const, reason: 'no_room' as const })),
      ...(built.problem.shipments ?? []).map((s) => ({
        id: s.delivery.id,
        type: 'shipment' as const,
        reason: 'no_room' as const,
      })),
    ],
  };
}

export async function runPlanJob(deps: PlanJobDeps, planId: string, signal: AbortSignal): Promise<void> {
  const { db, bus, log } = deps;
  const plan = await findPlan(db, null, planId);
  // From here this process holds the plan (its heartbeat keeps it alive for other processes).
  if (!plan || !(await markRunning(db, planId, thisProcess()))) return; // cancelled before it started
  const orgId = plan.orgId;
  const actor: Actor = { userId: plan.createdBy, orgId, role: 'system' };
  bus.publish('planStatus', { orgId, planId, status: 'running', summary: null, error: null });
  const t0 = performance.now();
  let progress: PlanProgress = { bestCost: null, assigned: 0, unassigned: 0, elapsedMs: 0 };
  const push = () => {
    progress = { ...progress, elapsedMs: Math.round(performance.now() - t0) };
    bus.publish('planProgress', { orgId, planId, ...progress });
  };
  let lastPush = 0;
  let ticks = 0;
  const ticker = setInterval(() => {
    push();
    if (++ticks % 3 === 0) void saveProgress(db, planId, progress).catch(() => {});
  }, 1000);
  try {
    const loaded = await loadPlan(db, deps.config, plan);
    const built = buildProblem(loaded.input);
    const total = built.orders.length;
    const leftOut = built.noShift.length + loaded.unloaded.length;
    progress = { ...progress, unassigned: total + leftOut };
    push();
    const { problem, road } =
      total > 0 ? await solverProblem(deps.config, built) : { problem: built.problem, road: false };
    const solution =
      built.problem.vehicles.length > 0 && total > 0
        ? await solve(problem, {
            timeLimitMs: (plan.timeLimitS ?? deps.config.PLAN_TIME_LIMIT_S) * 1000,
            seed: 1,
            workers: deps.solverWorkers,
            signal,
            onProgress: (p) => {
              if (progress.bestCost !== null && p.cost >= progress.bestCost) return;
              progress = {
                ...progress,
                bestCost: p.cost,
                assigned: total - p.unassigned,
                unassigned: p.unassigned + leftOut,
              };
              const now = performance.now();
              if (now - lastPush >= 250) {
                lastPush = now;
                push();
              }
            },
          })
        : emptySolution(built);
    clearInterval(ticker);
    signal.throwIfAborted();
    const result = mapSolution(built, solution);
    result.unassigned.push(...loaded.unloaded);
    if (road) {
      const lines = await roadLines(
        deps.config,
        result.routes.map((r) => r.line),
      );
      result.routes.forEach((r, i) => {
        r.line = lines[i] ?? r.line;
      });
    }
    signal.throwIfAborted();
    const written = await writePlanResult(
      db,
      actor,
      planId,
      loaded.replaceable,
      result,
      loaded.kept.length,
      loaded.continued,
    );
    bus.publish('planStatus', { orgId, planId, status: 'done', summary: written.summary, error: null });
    for (const r of written.routes) bus.publish('routeChanged', { orgId, ...r, reason: 'replan' });
  } catch (err) {
    clearInterval(ticker);
    if (err instanceof PlanNotRunning) return; // cancelled while it ran: DELETE already set the status
    const reason = signal.aborted ? String((signal.reason as Error)?.message ?? 'aborted') : (err as Error).message;
    const error = signal.aborted ? `${reason}; nothing was written` : reason;
    if (!signal.aborted) log.warn({ err, planId }, 'plan failed');
    if (await finishPlan(db, planId, 'failed', { error, progress })) {
      bus.publish('planStatus', { orgId, planId, status: 'failed', summary: null, error });
    }
  }
}
