/** SQL of plan schedules and their runs (tables plan_schedules, plan_schedule_runs: migration 020). */
import type { PlanOptions, PlanSchedule, ScheduleRun, ScheduleRunKind, ScheduleRunSummary } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { PlanScheduleRunsRow } from '../db/rows/plan_schedule_runs.ts';
import type { PlanSchedulesRow } from '../db/rows/plan_schedules.ts';

/** What a schedule is set to (saved by insert and update): the public schedule's own fields. */
export type ScheduleValues = Pick<
  PlanSchedule,
  'name' | 'enabled' | 'depotId' | 'cron' | 'startOffsetDays' | 'horizonDays' | 'options' | 'timeLimitS' | 'publish'
>;

export interface ScheduleRecord extends ScheduleValues {
  id: string;
  orgId: string;
  /** The depot's zone, in which the cron and the days are read. */
  timeZone: string;
  armedAt: Date;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

type ScheduleRow = Omit<PlanSchedulesRow, 'options'> & { options: PlanOptions; time_zone: string };

// The depot's zone comes with each schedule: the scheduler reads every schedule each tick.
const SELECT = `SELECT s.*, d.time_zone FROM plan_schedules s JOIN depots d ON d.id = s.depot_id`;

const toRecord = (r: ScheduleRow): ScheduleRecord => ({
  id: r.id,
  orgId: r.org_id,
  name: r.name,
  enabled: r.enabled,
  depotId: r.depot_id,
  timeZone: r.time_zone,
  cron: r.cron,
  startOffsetDays: r.start_offset_days,
  horizonDays: r.horizon_days,
  options: r.options,
  timeLimitS: r.time_limit_s,
  publish: r.publish_at === null ? null : { at: r.publish_at, leadDays: r.publish_lead_days ?? 0 },
  armedAt: r.armed_at,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** The values of `ScheduleValues`, in the order insert and update both number them ($2 to $11). */
const valueParams = (v: ScheduleValues) => [
  v.name,
  v.enabled,
  v.depotId,
  v.cron,
  v.startOffsetDays,
  v.horizonDays,
  JSON.stringify(v.options),
  v.timeLimitS,
  v.publish?.at ?? null,
  v.publish?.leadDays ?? null,
];

export async function insertSchedule(
  db: Db,
  orgId: string,
  v: ScheduleValues,
  armedAt: Date,
  createdBy: string | null,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO plan_schedules (org_id, name, enabled, depot_id, cron, start_offset_days, horizon_days, options,
       time_limit_s, publish_at, publish_lead_days, armed_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [orgId, ...valueParams(v), armedAt, createdBy],
  );
  return rows[0]!.id;
}

export async function updateSchedule(db: Db, id: string, v: ScheduleValues, armedAt: Date | null): Promise<void> {
  await db.query(
    `UPDATE plan_schedules SET name = $2, enabled = $3, depot_id = $4, cron = $5, start_offset_days = $6,
       horizon_days = $7, options = $8, time_limit_s = $9, publish_at = $10, publish_lead_days = $11,
       armed_at = coalesce($12, armed_at), updated_at = now()
     WHERE id = $1`,
    [id, ...valueParams(v), armedAt],
  );
}

export async function deleteSchedule(db: Db, orgId: string, id: string): Promise<boolean> {
  const res = await db.query('DELETE FROM plan_schedules WHERE org_id = $1 AND id = $2', [orgId, id]);
  return (res.rowCount ?? 0) > 0;
}

export async function findSchedule(
  db: Db,
  orgId: string,
  id: string,
  forUpdate = false,
): Promise<ScheduleRecord | null> {
  const { rows } = await db.query<ScheduleRow>(
    `${SELECT} WHERE s.org_id = $1 AND s.id = $2${forUpdate ? ' FOR UPDATE OF s' : ''}`,
    [orgId, id],
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function listSchedules(db: Db, orgId: string): Promise<ScheduleRecord[]> {
  const { rows } = await db.query<ScheduleRow>(`${SELECT} WHERE s.org_id = $1 ORDER BY s.name, s.id`, [orgId]);
  return rows.map(toRecord);
}

/** Every enabled schedule of every organisation (what the scheduler checks each tick). */
export async function enabledSchedules(db: Db): Promise<ScheduleRecord[]> {
  const { rows } = await db.query<ScheduleRow>(`${SELECT} WHERE s.enabled AND d.deleted_at IS NULL`);
  return rows.map(toRecord);
}

type RunRow = Pick<
  PlanScheduleRunsRow,
  'id' | 'schedule_id' | 'org_id' | 'tick' | 'plan_ids' | 'error' | 'started_at' | 'finished_at'
> & {
  kind: ScheduleRunKind;
  status: ScheduleRun['status'];
  /** `to_char(…, 'YYYY-MM-DD')` of the date columns. */
  from_date: string | null;
  to_date: string | null;
  summary: ScheduleRunSummary | null;
};

const RUN_COLUMNS = `id, schedule_id, org_id, kind, tick, status, plan_ids, to_char(from_date, 'YYYY-MM-DD') AS from_date,
  to_char(to_date, 'YYYY-MM-DD') AS to_date, summary, error, started_at, finished_at`;

export type RunRecord = ScheduleRun & { scheduleId: string; orgId: string };

const toRun = (r: RunRow): RunRecord => ({
  id: r.id,
  scheduleId: r.schedule_id,
  orgId: r.org_id,
  kind: r.kind,
  tick: r.tick.toISOString(),
  status: r.status,
  from: r.from_date,
  to: r.to_date,
  planIds: r.plan_ids,
  summary: r.summary,
  error: r.error,
  startedAt: r.started_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
});

/**
 * Claims the run of one tick: the row is inserted by exactly one caller, whatever the number of
 * processes calling at once (unique schedule, kind, tick); the others get null and do nothing.
 */
export async function claimRun(
  db: Db,
  s: { id: string; orgId: string },
  kind: ScheduleRunKind,
  tick: Date,
  at: Date,
): Promise<RunRecord | null> {
  const { rows } = await db.query<RunRow>(
    `INSERT INTO plan_schedule_runs (schedule_id, org_id, kind, tick, started_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (schedule_id, kind, tick) DO NOTHING RETURNING ${RUN_COLUMNS}`,
    [s.id, s.orgId, kind, tick, at],
  );
  return rows[0] ? toRun(rows[0]) : null;
}

/** The run's plans are queued: it is summarised once they are all finished. */
export async function markPlanning(
  db: Db,
  runId: string,
  v: { planIds: string[]; from: string; to: string; summary: ScheduleRunSummary },
) {
  await db.query(
    `UPDATE plan_schedule_runs SET status = 'planning', plan_ids = $2, from_date = $3, to_date = $4, summary = $5 WHERE id = $1`,
    [runId, v.planIds, v.from, v.to, JSON.stringify(v.summary)],
  );
}

/**
 * Finishes a run once (`running`/`planning` → done or failed); false when another process did
 * it first.
 */
export async function finishRun(
  db: Db,
  runId: string,
  v: {
    status: 'done' | 'failed';
    summary: ScheduleRunSummary | null;
    error: string | null;
    at: Date;
    from?: string;
    to?: string;
  },
): Promise<boolean> {
  const res = await db.query(
    `UPDATE plan_schedule_runs SET status = $2, summary = $3, error = $4, finished_at = $5,
       from_date = coalesce($6::date, from_date), to_date = coalesce($7::date, to_date)
      WHERE id = $1 AND status IN ('running', 'planning')`,
    [runId, v.status, v.summary ? JSON.stringify(v.summary) : null, v.error, v.at, v.from ?? null, v.to ?? null],
  );
  return (res.rowCount ?? 0) > 0;
}

/**
 * Runs claimed before `before` and still `running`: the process holding them stopped between
 * the claim and the queueing of its plans (a tick takes well under a second otherwise).
 */
export async function staleRuns(db: Db, before: Date): Promise<RunRecord[]> {
  const { rows } = await db.query<RunRow>(
    `SELECT ${RUN_COLUMNS} FROM plan_schedule_runs WHERE status = 'running' AND started_at < $1`,
    [before],
  );
  return rows.map(toRun);
}

/** Runs whose plans were queued and are not summarised yet (every organisation). */
export async function planningRuns(db: Db): Promise<RunRecord[]> {
  const { rows } = await db.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM plan_schedule_runs WHERE status = 'planning'`);
  return rows.map(toRun);
}

export async function lastRuns(db: Db, scheduleIds: string[], perSchedule: number): Promise<Map<string, RunRecord[]>> {
  const { rows } = await db.query<RunRow>(
    `SELECT ${RUN_COLUMNS} FROM (
       SELECT *, row_number() OVER (PARTITION BY schedule_id ORDER BY tick DESC, kind) AS n
         FROM plan_schedule_runs WHERE schedule_id = ANY($1::uuid[])) r
      WHERE n <= $2 ORDER BY tick DESC, kind`,
    [scheduleIds, perSchedule],
  );
  const out = new Map<string, RunRecord[]>();
  for (const r of rows.map(toRun)) out.set(r.scheduleId, [...(out.get(r.scheduleId) ?? []), r]);
  return out;
}
