/**
 * What one tick of a schedule does. A plan tick asks the planner (the same path as
 * `POST /api/plans`, so the job queue runs it) to plan the schedule's days, leaving out any day
 * where a route has already started: the planner would otherwise re-plan the rest of a started
 * route. Locked routes the planner keeps as they are. A publish tick publishes the day's planned
 * routes except the locked ones (publishing by date would publish those too). Each run is
 * summarised once — audited, and told to the dispatchers as a `plan_schedule` alert.
 */
import { addDays, datesInRange, PublishRequest, type ScheduleRunSummary, utcToLocal } from '@tournee/shared';
import { alertPublisher } from '../alerts/index.ts';
import { openAlert, publicAlert } from '../alerts/repo.ts';
import { type Actor, recordEvent, systemActor } from '../audit/audit.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { publish } from '../dispatch/publish-service.ts';
import type { DomainPublisher } from '../events/bus.ts';
import { listRoutesOfDay } from '../lifecycle/route-repo.ts';
import type { Planner } from '../planning/service.ts';
import * as repo from './repo.ts';

export interface RunDeps {
  db: Db;
  config: Config;
  bus: DomainPublisher;
  planner: Planner;
}

const FINISHED = new Set(['done', 'failed', 'cancelled']);

/** Splits the days into runs of consecutive days, leaving out `skip`. */
export function rangesWithout(days: string[], skip: Set<string>): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  for (const d of days) {
    if (skip.has(d)) continue;
    const last = out.at(-1);
    if (last && addDays(last.to, 1) === d) last.to = d;
    else out.push({ from: d, to: d });
  }
  return out;
}

/** True when a driver has begun the route: the planner would re-plan what is left of it. */
const started = (r: { status: string; stops: { status: string }[] }) =>
  r.status === 'in_progress' || r.status === 'done' || r.stops.some((s) => s.status !== 'pending');

/** What a tick of either kind is given: the scheduler picks the plan or the publish one by the run's kind. */
type TickRunner = (deps: RunDeps, s: repo.ScheduleRecord, run: repo.RunRecord, now: Date) => Promise<void>;

/** The day the tick fell on, in the schedule's time zone. */
const tickDay = (s: repo.ScheduleRecord, run: repo.RunRecord) => utcToLocal(new Date(run.tick), s.timeZone).localDate;

/** The plan tick: queues the plans of the schedule's days; summarised by `summariseFinishedRuns`. */
export const runPlanTick: TickRunner = async (deps, s, run, now) => {
  const actor = systemActor(s.orgId);
  const today = tickDay(s, run);
  const from = addDays(today, s.startOffsetDays);
  const to = addDays(from, s.horizonDays - 1);
  try {
    const days = datesInRange(from, to);
    const skip = new Set<string>();
    for (const d of days) {
      const routes = await listRoutesOfDay(deps.db, s.orgId, d, { depotId: s.depotId });
      if (routes.some(started)) skip.add(d);
    }
    const planIds: string[] = [];
    for (const range of rangesWithout(days, skip)) {
      const { planId } = await deps.planner.request(actor, {
        ...range,
        depotIds: [s.depotId],
        options: s.options,
        ...(s.timeLimitS !== null ? { timeLimitS: s.timeLimitS } : {}),
      });
      planIds.push(planId);
    }
    const summary: ScheduleRunSummary = { skippedDays: [...skip] };
    if (planIds.length === 0) {
      await finish(deps, s, run, { status: 'done', summary, error: null, from, to }, now);
      return;
    }
    await repo.markPlanning(deps.db, run.id, { planIds, from, to, summary });
  } catch (err) {
    await finish(deps, s, run, { status: 'failed', summary: null, error: messageOf(err), from, to }, now);
  }
};

/** The publish tick: the day `leadDays` after the tick's day, locked routes left alone. */
export const runPublishTick: TickRunner = async (deps, s, run, now) => {
  const actor = systemActor(s.orgId);
  const day = addDays(tickDay(s, run), s.publish?.leadDays ?? 0);
  try {
    const routes = await listRoutesOfDay(deps.db, s.orgId, day, { depotId: s.depotId });
    const planned = routes.filter((r) => r.status === 'planned' && r.stops.length > 0);
    const routeIds = planned.filter((r) => !r.locked).map((r) => r.id);
    const summary: ScheduleRunSummary = {
      publishedRoutes: 0,
      publishedOrders: 0,
      lockedRoutes: planned.length - routeIds.length,
    };
    if (routeIds.length > 0) {
      const result = await publish(
        { db: deps.db, config: deps.config, bus: deps.bus },
        actor,
        PublishRequest.parse({ routeIds }),
      );
      summary.publishedRoutes = result.routes.length;
      summary.publishedOrders = result.orders;
    }
    await finish(deps, s, run, { status: 'done', summary, error: null, from: day, to: day }, now);
  } catch (err) {
    await finish(deps, s, run, { status: 'failed', summary: null, error: messageOf(err), from: day, to: day }, now);
  }
};

/** A run still `running` this long after its claim was left by a process that stopped. */
export const STALE_RUN_MS = 10 * 60_000;

/** Plan runs whose plans have all finished: their figures, audit event and alert (once). */
export async function summariseFinishedRuns(deps: RunDeps, schedules: Map<string, repo.ScheduleRecord>, now: Date) {
  for (const run of await repo.staleRuns(deps.db, new Date(now.getTime() - STALE_RUN_MS))) {
    const s = schedules.get(run.scheduleId) ?? (await repo.findSchedule(deps.db, run.orgId, run.scheduleId));
    if (!s) continue;
    const error = 'the server running this tick stopped before it was done; it is not run again';
    await finish(deps, s, run, { status: 'failed', summary: null, error }, now);
  }
  for (const run of await repo.planningRuns(deps.db)) {
    const s = schedules.get(run.scheduleId) ?? (await repo.findSchedule(deps.db, run.orgId, run.scheduleId));
    if (!s) continue;
    let outcome: Outcome | null;
    try {
      outcome = await planOutcome(deps, run);
    } catch (err) {
      // A plan that cannot be read (gone) must not hold the run, nor the passes after it, for ever.
      outcome = { status: 'failed', summary: run.summary, error: messageOf(err) };
    }
    if (outcome) await finish(deps, s, run, outcome, now);
  }
}

/** The figures of a run whose plans have all finished (null while one is still queued or running). */
async function planOutcome(deps: RunDeps, run: repo.RunRecord): Promise<Outcome | null> {
  const actor = systemActor(run.orgId);
  const plans = await Promise.all(run.planIds.map((id) => deps.planner.get(actor, id)));
  if (!plans.every((p) => FINISHED.has(p.status))) return null;
  const summary: ScheduleRunSummary = { ...run.summary, assigned: 0, unassigned: 0, reasons: {} };
  const errors: string[] = [];
  for (const p of plans) {
    if (p.status !== 'done') {
      errors.push(`plan ${p.from}–${p.to}: ${p.error ?? p.status}`);
      continue;
    }
    summary.assigned! += p.summary?.assigned ?? 0;
    for (const u of await deps.planner.unassigned(actor, p.id)) {
      summary.unassigned! += 1;
      summary.reasons![u.reason] = (summary.reasons![u.reason] ?? 0) + 1;
    }
  }
  return { status: errors.length === plans.length ? 'failed' : 'done', summary, error: errors.join('; ') || null };
}

interface Outcome {
  status: 'done' | 'failed';
  summary: ScheduleRunSummary | null;
  error: string | null;
  from?: string;
  to?: string;
}

/** Closes the run (once across processes), audits it and opens the dispatchers' alert. */
async function finish(deps: RunDeps, s: repo.ScheduleRecord, run: repo.RunRecord, o: Outcome, now: Date) {
  const actor: Actor = systemActor(s.orgId);
  const from = o.from ?? run.from;
  const to = o.to ?? run.to;
  const details = {
    scheduleId: s.id,
    scheduleName: s.name,
    kind: run.kind,
    tick: run.tick,
    from,
    to,
    status: o.status,
    planIds: run.planIds,
    ...o.summary,
    error: o.error,
  };
  const won = await deps.db.transaction(async (tx) => {
    const ok = await repo.finishRun(tx, run.id, { ...o, at: now });
    if (ok)
      await recordEvent(
        tx,
        actor,
        run.kind === 'plan' ? 'scheduled_plan' : 'scheduled_publish',
        'plan_schedule',
        s.id,
        details,
      );
    return ok;
  });
  if (!won) return;
  const alert = await openAlert(deps.db, {
    orgId: s.orgId,
    type: 'plan_schedule',
    subject: `schedule-run:${run.id}`,
    // The day the run happened in the depot's zone: the inbox dispatchers have open then (the
    // days planned or published are in the details and the alert's text).
    localDate: tickDay(s, run),
    details,
    at: now,
  });
  if (alert) alertPublisher(deps.bus)(s.orgId, 'alert:new', publicAlert(alert));
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));
