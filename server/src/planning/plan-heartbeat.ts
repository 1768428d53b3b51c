/**
 * The loop every process that holds plans runs (a server, a `pnpm worker`): every
 * PLAN_HEARTBEAT_MS it refreshes the heartbeat of its own plans, and every third beat it fails
 * the plans whose holder is gone (plan-owner.ts), so a plan of a crashed process does not stay
 * `running` until some process restarts. (At start-up, main.ts sweeps before serving.)
 */
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';
import { PLAN_HEARTBEAT_MS, thisProcess } from './plan-owner.ts';
import { failInterruptedPlans, heartbeatPlans } from './plan-repo.ts';

export interface PlanHeartbeatOptions {
  db: Db;
  log: Logger;
  /** Told of each plan the sweep failed (to tell dispatchers). */
  onFailed?: (plan: { id: string; orgId: string; error: string }) => void;
  /** @default PLAN_HEARTBEAT_MS */
  intervalMs?: number;
}

export function startPlanHeartbeat(opts: PlanHeartbeatOptions): { stop(): void } {
  const owner = thisProcess();
  let beats = 0;
  let busy = false;
  const sweep = async () => {
    const failed = await failInterruptedPlans(opts.db);
    if (failed.length) opts.log.warn({ plans: failed.map((p) => p.id) }, 'plans whose process is gone marked failed');
    for (const p of failed) opts.onFailed?.(p);
  };
  const beat = async () => {
    await heartbeatPlans(opts.db, owner);
    if (++beats % 3 === 0) await sweep();
  };
  // One at a time: a slow database must not pile up beats.
  const run = (step: () => Promise<void>) => {
    if (busy) return;
    busy = true;
    step()
      .catch((err) => opts.log.warn({ err }, 'plan heartbeat failed'))
      .finally(() => {
        busy = false;
      });
  };
  const timer = setInterval(() => run(beat), opts.intervalMs ?? PLAN_HEARTBEAT_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
