/**
 * The scheduler: every `intervalMs`, each server process reads the enabled schedules and, for
 * each, the latest tick of its cron (and of its publish cut-off) at the Clock's time. A tick is
 * acted on by the one process whose insert of (schedule, kind, tick) succeeds (repo.claimRun):
 * with Redis or without, however many processes share the database. Only the latest tick is
 * considered: a server down over several ticks runs the last one once, not each one missed.
 * The plans themselves go through the planner, so the job queue (BullMQ or in-process) runs them.
 */
import type { Logger } from '../logger.ts';
import type { Clock } from './clock.ts';
import { dailyAt, latestTick, nextTick } from './cron.ts';
import * as repo from './repo.ts';
import { type RunDeps, runPlanTick, runPublishTick, summariseFinishedRuns } from './runs.ts';

export interface SchedulerDeps extends RunDeps {
  log: Logger;
  clock: Clock;
  /** Other daily work on the same loop (recurring orders' generation), given the Clock's time. */
  onTick?: (now: Date) => Promise<void>;
}

export interface Scheduler {
  /** One pass at the Clock's time (the loop calls it; tests may too). Passes never overlap. */
  tick(): Promise<void>;
  /** Stops the loop and waits for the pass under way. */
  stop(): Promise<void>;
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  // Ticks this process has already tried to claim: the database is asked once per tick.
  const tried = new Set<string>();
  let current: Promise<void> | null = null;
  // The latest tick of each (cron, zone) until its next one: parsing 1,000 crons costs ~0.6 s, and
  // a pass runs every SCHEDULER_TICK_MS whether a tick is due or not.
  const ticks = new Map<string, { latest: Date; next: Date }>();
  const latestOf = (cron: string, zone: string, now: Date): Date => {
    const key = `${cron}|${zone}`;
    const known = ticks.get(key);
    if (known && known.latest <= now && now < known.next) return known.latest;
    if (ticks.size > 10_000) ticks.clear();
    const entry = { latest: latestTick(cron, zone, now), next: nextTick(cron, zone, now) };
    ticks.set(key, entry);
    return entry.latest;
  };

  const claimAndRun = async (s: repo.ScheduleRecord, kind: 'plan' | 'publish', cron: string, now: Date) => {
    const tick = latestOf(cron, s.timeZone, now);
    if (tick <= s.armedAt) return;
    const key = `${s.id}|${kind}|${tick.toISOString()}`;
    if (tried.has(key)) return;
    if (tried.size > 10_000) tried.clear();
    tried.add(key);
    const run = await repo.claimRun(deps.db, s, kind, tick, now);
    if (!run) return; // another process has it
    deps.log.info({ scheduleId: s.id, kind, tick: run.tick }, 'plan schedule tick');
    if (kind === 'plan') await runPlanTick(deps, s, run, now);
    else await runPublishTick(deps, s, run, now);
  };

  const pass = async () => {
    const now = deps.clock.now();
    const schedules = await repo.enabledSchedules(deps.db);
    for (const s of schedules) {
      try {
        await claimAndRun(s, 'plan', s.cron, now);
        if (s.publish) await claimAndRun(s, 'publish', dailyAt(s.publish.at), now);
      } catch (err) {
        deps.log.error({ err, scheduleId: s.id }, 'plan schedule tick failed');
      }
    }
    // Each part on its own: one failing must not stop the others on every pass.
    await summariseFinishedRuns(deps, new Map(schedules.map((s) => [s.id, s])), now).catch((err) =>
      deps.log.error({ err }, 'plan schedule runs: summary failed'),
    );
    await deps.onTick?.(now).catch((err) => deps.log.error({ err }, 'scheduler: daily work failed'));
  };

  return {
    tick() {
      // A pass asked for while one runs waits for it, then runs its own (at the new time).
      const next = (current ?? Promise.resolve()).then(() =>
        pass().catch((err) => deps.log.error({ err }, 'scheduler pass failed')),
      );
      current = next;
      void next.finally(() => {
        if (current === next) current = null;
      });
      return next;
    },
    async stop() {
      await current;
    },
  };
}

/** Runs `scheduler.tick()` every `intervalMs` (the interval only paces it; the Clock says the time). */
export function startSchedulerLoop(scheduler: Scheduler, intervalMs: number): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const loop = () => {
    timer = setTimeout(() => {
      void scheduler.tick().finally(() => {
        if (!stopped) loop();
      });
    }, intervalMs);
    timer.unref?.();
  };
  loop();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await scheduler.stop();
    },
  };
}
