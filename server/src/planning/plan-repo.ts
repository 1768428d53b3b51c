/** SQL of plan rows: create, read, status transitions, unassigned orders. */
import type {
  Plan,
  PlanOptions,
  PlanProgress,
  PlanStatus,
  PlanSummary,
  UnassignedOrder,
  UnassignedReason,
} from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { PlansRow } from '../db/rows/plans.ts';
import { ownerGoneHere, PLAN_OWNER_TIMEOUT_MS, type PlanOwner } from './plan-owner.ts';
import { reasonText } from './result-mapper.ts';

type PlanRow = Pick<
  PlansRow,
  | 'id'
  | 'org_id'
  | 'from_date'
  | 'to_date'
  | 'depot_ids'
  | 'order_ids'
  | 'error'
  | 'created_by'
  | 'created_at'
  | 'started_at'
  | 'finished_at'
> & {
  status: PlanStatus;
  options: PlanOptions & { timeLimitS?: number };
  progress: Partial<PlanProgress>;
  summary: PlanSummary | null;
};

/** A plan row with what the runner needs beyond the API's view. */
export interface PlanRecord extends Plan {
  orgId: string;
  createdBy: string | null;
  timeLimitS: number | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const toPlan = (r: PlanRow): PlanRecord => {
  const { timeLimitS, ...options } = r.options;
  return {
    id: r.id,
    orgId: r.org_id,
    createdBy: r.created_by,
    timeLimitS: timeLimitS ?? null,
    status: r.status,
    from: r.from_date,
    to: r.to_date,
    depotIds: r.depot_ids,
    orderIds: r.order_ids,
    options,
    progress: { bestCost: null, assigned: 0, unassigned: 0, elapsedMs: 0, ...r.progress },
    summary: r.summary,
    error: r.error,
    createdAt: r.created_at.toISOString(),
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
  };
};

export interface NewPlan {
  from: string;
  to: string;
  depotIds: string[] | null;
  orderIds: string[] | null;
  options: PlanOptions;
  timeLimitS: number | null;
  createdBy: string | null;
  /** The process holding the plan in its in-memory queue (see plan-owner.ts). */
  owner?: PlanOwner | null;
  /** Or the BullMQ queue it waits on (then no process holds it until a worker starts it). */
  queueName?: string | null;
}

export async function insertPlan(db: Db, orgId: string, p: NewPlan): Promise<PlanRecord> {
  const { rows } = await db.query<PlanRow>(
    `INSERT INTO plans (org_id, status, from_date, to_date, depot_ids, order_ids, options, created_by,
                        owner_host, owner_pid, owner_started_at, heartbeat_at, queue_name)
     VALUES ($1, 'queued', $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $8::text IS NULL THEN NULL ELSE now() END, $11)
     RETURNING *`,
    [
      orgId,
      p.from,
      p.to,
      p.depotIds,
      p.orderIds,
      JSON.stringify({ ...p.options, timeLimitS: p.timeLimitS ?? undefined }),
      p.createdBy,
      p.owner?.host ?? null,
      p.owner?.pid ?? null,
      p.owner?.startedAt ?? null,
      p.queueName ?? null,
    ],
  );
  return toPlan(rows[0]!);
}

/** A plan of the organisation (any organisation when orgId is null: the runner). */
export async function findPlan(
  db: Db,
  orgId: string | null,
  id: string,
  forUpdate = false,
): Promise<PlanRecord | null> {
  const { rows } = await db.query<PlanRow>(
    `SELECT * FROM plans WHERE id = $1 AND ($2::uuid IS NULL OR org_id = $2)${forUpdate ? ' FOR UPDATE' : ''}`,
    [id, orgId],
  );
  return rows[0] ? toPlan(rows[0]) : null;
}

/** The organisation's latest plans, newest first. */
export async function listPlans(db: Db, orgId: string, limit: number): Promise<PlanRecord[]> {
  const { rows } = await db.query<PlanRow>('SELECT * FROM plans WHERE org_id = $1 ORDER BY created_at DESC LIMIT $2', [
    orgId,
    limit,
  ]);
  return rows.map(toPlan);
}

/**
 * queued → running, held by `owner` from now on (the process that runs it); false when the plan
 * is no longer queued (cancelled meanwhile).
 */
export async function markRunning(db: Db, id: string, owner: PlanOwner | null = null): Promise<boolean> {
  const res = await db.query(
    `UPDATE plans SET status = 'running', started_at = now(),
       owner_host = coalesce($2, owner_host), owner_pid = coalesce($3, owner_pid),
       owner_started_at = coalesce($4, owner_started_at), heartbeat_at = CASE WHEN $2::text IS NULL THEN heartbeat_at ELSE now() END
     WHERE id = $1 AND status = 'queued'`,
    [id, owner?.host ?? null, owner?.pid ?? null, owner?.startedAt ?? null],
  );
  return res.rowCount === 1;
}

/** The owner's heartbeat on every plan it holds (queued in its memory or running); how many. */
export async function heartbeatPlans(db: Db, owner: PlanOwner): Promise<number> {
  const res = await db.query(
    `UPDATE plans SET heartbeat_at = now()
      WHERE status IN ('queued', 'running') AND owner_host = $1 AND owner_pid = $2 AND owner_started_at = $3`,
    [owner.host, owner.pid, owner.startedAt],
  );
  return res.rowCount;
}

export async function saveProgress(db: Db, id: string, progress: PlanProgress): Promise<void> {
  await db.query(`UPDATE plans SET progress = $2 WHERE id = $1 AND status = 'running'`, [id, JSON.stringify(progress)]);
}

/** Ends a plan that is still queued or running; false when it had already ended. */
export async function finishPlan(
  db: Db,
  id: string,
  status: Exclude<PlanStatus, 'queued' | 'running'>,
  fields: { summary?: PlanSummary; error?: string; progress?: PlanProgress } = {},
): Promise<boolean> {
  const res = await db.query(
    `UPDATE plans SET status = $2, summary = coalesce($3, summary), error = $4, progress = coalesce($5, progress),
       finished_at = now() WHERE id = $1 AND status IN ('queued', 'running')`,
    [
      id,
      status,
      fields.summary ? JSON.stringify(fields.summary) : null,
      fields.error ?? null,
      fields.progress ? JSON.stringify(fields.progress) : null,
    ],
  );
  return res.rowCount === 1;
}

type HeldRow = Pick<PlansRow, 'id' | 'org_id' | 'owner_host' | 'owner_pid' | 'owner_started_at' | 'queue_name'> & {
  status: 'queued' | 'running';
  stale: boolean;
};

/**
 * Plans whose holder is gone (see plan-owner.ts) can never finish: they are failed with the
 * reason; nothing of them was written. Run at start-up and every few seconds by every process,
 * it never touches a plan a live process holds, nor one waiting on a BullMQ queue (the queue's
 * side checks those: failOrphanedPlans). Plans without an owner (from before owners were
 * recorded) count as gone. `orgId` limits it to one organisation (tests share one database),
 * `planId` to one plan.
 */
export async function failInterruptedPlans(
  db: Db,
  orgId: string | null = null,
  opts: { timeoutMs?: number; planId?: string } = {},
): Promise<{ id: string; orgId: string; error: string }[]> {
  const timeoutMs = opts.timeoutMs ?? PLAN_OWNER_TIMEOUT_MS;
  const { rows } = await db.query<HeldRow>(
    `SELECT id, org_id, status, owner_host, owner_pid, owner_started_at, queue_name,
            (heartbeat_at IS NULL OR heartbeat_at < now() - make_interval(secs => $2::double precision / 1000)) AS stale
       FROM plans WHERE status IN ('queued', 'running') AND ($1::uuid IS NULL OR org_id = $1)
        AND ($3::uuid IS NULL OR id = $3)`,
    [orgId, timeoutMs, opts.planId ?? null],
  );
  const failed: { id: string; orgId: string; error: string }[] = [];
  for (const r of rows) {
    if (r.status === 'queued' && r.queue_name !== null) continue;
    const deadHere =
      r.owner_host !== null &&
      r.owner_pid !== null &&
      r.owner_started_at !== null &&
      ownerGoneHere({ host: r.owner_host, pid: r.owner_pid, startedAt: r.owner_started_at });
    if (!deadHere && !r.stale && r.owner_host !== null) continue;
    // Only if nobody took it over or beat meanwhile (another process may sweep at the same time).
    const res = await db.query<{ error: string }>(
      `UPDATE plans SET status = 'failed', finished_at = now(),
         error = 'the server restarted while this plan was ' || status || ' (its process is gone); nothing was written, plan again'
       WHERE id = $1 AND status IN ('queued', 'running') AND owner_host IS NOT DISTINCT FROM $2
         AND owner_pid IS NOT DISTINCT FROM $3 AND owner_started_at IS NOT DISTINCT FROM $4
         AND ($5 OR heartbeat_at IS NULL OR heartbeat_at < now() - make_interval(secs => $6::double precision / 1000))
       RETURNING error`,
      [r.id, r.owner_host, r.owner_pid, r.owner_started_at, deadHere, timeoutMs],
    );
    if (res.rows[0]) failed.push({ id: r.id, orgId: r.org_id, error: res.rows[0].error });
  }
  return failed;
}

export async function insertUnassigned(
  db: Db,
  planId: string,
  items: { orderId: string; reason: UnassignedReason }[],
): Promise<void> {
  if (items.length === 0) return;
  await db.query(
    `INSERT INTO unassigned_orders (plan_id, order_id, reason)
     SELECT $1, u.order_id, u.reason FROM jsonb_to_recordset($2::jsonb) AS u(order_id uuid, reason text)`,
    [planId, JSON.stringify(items.map((u) => ({ order_id: u.orderId, reason: u.reason })))],
  );
}

export async function listUnassigned(db: Db, planId: string): Promise<UnassignedOrder[]> {
  const { rows } = await db.query<{ order_id: string; ref: string; reason: UnassignedReason }>(
    `SELECT u.order_id, o.ref, u.reason FROM unassigned_orders u JOIN orders o ON o.id = u.order_id
      WHERE u.plan_id = $1 ORDER BY o.ref`,
    [planId],
  );
  return rows.map((r) => ({ orderId: r.order_id, ref: r.ref, reason: r.reason, message: reasonText(r.reason) }));
}
