/**
 * Plan schedules: create, change, list, delete (admin and dispatcher, audited). A schedule is
 * armed at the scheduler's clock when it is created or its timing changes: ticks before that
 * are never run, so a new schedule does not plan the day it missed yesterday.
 */
import type { CreatePlanSchedule, PlanSchedule, UpdatePlanSchedule } from '@tournee/shared';
import { type Actor, insertRecorded, recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { AppError, found, notFound } from '../errors.ts';
import { findDepot } from '../fleet/depot-repo.ts';
import type { Clock } from './clock.ts';
import { cronProblem, dailyAt, nextTick } from './cron.ts';
import * as repo from './repo.ts';

export interface ScheduleDeps {
  db: Db;
  clock: Clock;
}

const LAST_RUNS = 5;

function toPublic(s: repo.ScheduleRecord, runs: repo.RunRecord[], now: Date): PlanSchedule {
  return {
    id: s.id,
    name: s.name,
    enabled: s.enabled,
    depotId: s.depotId,
    cron: s.cron,
    startOffsetDays: s.startOffsetDays,
    horizonDays: s.horizonDays,
    options: s.options,
    timeLimitS: s.timeLimitS,
    publish: s.publish,
    nextRunAt: s.enabled ? nextTick(s.cron, s.timeZone, now).toISOString() : null,
    nextPublishAt: s.enabled && s.publish ? nextTick(dailyAt(s.publish.at), s.timeZone, now).toISOString() : null,
    lastRuns: runs.map(({ scheduleId: _s, orgId: _o, ...r }) => r),
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

async function checkValues(db: Db, actor: Actor, v: repo.ScheduleValues) {
  const problem = cronProblem(v.cron);
  if (problem)
    throw new AppError('bad_request', `cron: ${problem}`, { details: [{ field: 'cron', message: problem }] });
  if (!(await findDepot(db, actor.orgId, v.depotId))) {
    throw new AppError('bad_request', `depotId: no depot ${v.depotId}`, {
      details: [{ field: 'depotId', message: `no depot ${v.depotId}` }],
    });
  }
}

export async function listSchedules(deps: ScheduleDeps, actor: Actor): Promise<PlanSchedule[]> {
  const list = await repo.listSchedules(deps.db, actor.orgId);
  const runs = await repo.lastRuns(
    deps.db,
    list.map((s) => s.id),
    LAST_RUNS,
  );
  const now = deps.clock.now();
  return list.map((s) => toPublic(s, runs.get(s.id) ?? [], now));
}

export async function getSchedule(deps: ScheduleDeps, actor: Actor, id: string): Promise<PlanSchedule> {
  const s = found(await repo.findSchedule(deps.db, actor.orgId, id), 'Plan schedule');
  const runs = await repo.lastRuns(deps.db, [id], LAST_RUNS);
  return toPublic(s, runs.get(id) ?? [], deps.clock.now());
}

export async function createSchedule(deps: ScheduleDeps, actor: Actor, req: CreatePlanSchedule): Promise<PlanSchedule> {
  const v: repo.ScheduleValues = { ...req, timeLimitS: req.timeLimitS ?? null };
  await checkValues(deps.db, actor, v);
  const id = await insertRecorded(deps.db, actor, 'plan_schedule', { ...req }, (tx) =>
    repo.insertSchedule(tx, actor.orgId, v, deps.clock.now(), actor.userId),
  );
  return getSchedule(deps, actor, id);
}

export async function updateSchedule(
  deps: ScheduleDeps,
  actor: Actor,
  id: string,
  patch: UpdatePlanSchedule,
): Promise<PlanSchedule> {
  await deps.db.transaction(async (tx) => {
    const before = found(await repo.findSchedule(tx, actor.orgId, id, true), 'Plan schedule');
    const v: repo.ScheduleValues = {
      name: patch.name ?? before.name,
      enabled: patch.enabled ?? before.enabled,
      depotId: patch.depotId ?? before.depotId,
      cron: patch.cron ?? before.cron,
      startOffsetDays: patch.startOffsetDays ?? before.startOffsetDays,
      horizonDays: patch.horizonDays ?? before.horizonDays,
      options: patch.options ?? before.options,
      timeLimitS: patch.timeLimitS === undefined ? before.timeLimitS : patch.timeLimitS,
      publish: patch.publish === undefined ? before.publish : patch.publish,
    };
    await checkValues(tx, actor, v);
    // New timing (or a schedule switched back on): ticks already past are not caught up.
    const retimed =
      v.cron !== before.cron ||
      v.depotId !== before.depotId ||
      JSON.stringify(v.publish) !== JSON.stringify(before.publish) ||
      (v.enabled && !before.enabled);
    await repo.updateSchedule(tx, id, v, retimed ? deps.clock.now() : null);
    await recordEvent(tx, actor, 'update', 'plan_schedule', id, { changed: patch });
  });
  return getSchedule(deps, actor, id);
}

export async function deleteSchedule(deps: ScheduleDeps, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    if (!(await repo.deleteSchedule(tx, actor.orgId, id))) throw notFound('Plan schedule');
    await recordEvent(tx, actor, 'delete', 'plan_schedule', id);
  });
}
