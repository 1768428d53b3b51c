/**
 * Attempts: one row per visit of an order (migration 011), written by the stop outcome in the
 * stop event's transaction. A visit is its stop: a later event of the same stop (the driver
 * corrects "failed" to "delivered") updates that attempt instead of adding one. Attempts outlive
 * their stop (its id becomes null when routes are rewritten), so an order's history stays whole.
 */
import type { Attempt } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { AttemptsRow } from '../db/rows/attempts.ts';

export interface VisitOutcome {
  orgId: string;
  orderId: string;
  stopId: string;
  routeId: string;
  outcome: Attempt['outcome'];
  reason: string | null;
  note: string | null;
  /** The device's time of the event. */
  at: Date;
  eventId: string | null;
}

/** Records (or corrects) the attempt of a visit; answers its number, its day and whether it is new. */
export async function recordAttempt(
  tx: Db,
  v: VisitOutcome,
): Promise<{ n: number; created: boolean; localDate: string }> {
  const upd = await tx.query<{ n: number; local_date: string }>(
    `UPDATE attempts SET outcome = $2, reason = $3, note = $4, at = $5, event_id = $6, updated_at = now()
      WHERE stop_id = $1 RETURNING n, to_char(local_date, 'YYYY-MM-DD') AS local_date`,
    [v.stopId, v.outcome, v.reason, v.note, v.at, v.eventId],
  );
  if (upd.rows[0]) return { n: upd.rows[0].n, created: false, localDate: upd.rows[0].local_date };
  // The stop event holds the stop's row lock and the order's: numbering cannot race for one order.
  const ins = await tx.query<{ n: number; local_date: string }>(
    `INSERT INTO attempts (org_id, order_id, stop_id, route_id, local_date, n, outcome, reason, note, at, event_id)
     SELECT $1, $2, $3, r.id, r.local_date,
            coalesce((SELECT max(n) FROM attempts WHERE order_id = $2), 0) + 1, $5, $6, $7, $8, $9
       FROM routes r WHERE r.id = $4
     RETURNING n, to_char(local_date, 'YYYY-MM-DD') AS local_date`,
    [v.orgId, v.orderId, v.stopId, v.routeId, v.outcome, v.reason, v.note, v.at, v.eventId],
  );
  return { n: ins.rows[0]!.n, created: true, localDate: ins.rows[0]!.local_date };
}

/** An order's attempts, first visit first, each with the proof files of its stop's events. */
export async function listAttempts(db: Db, orgId: string, orderId: string): Promise<Attempt[]> {
  const { rows } = await db.query<
    Pick<AttemptsRow, 'n' | 'stop_id' | 'route_id' | 'reason' | 'note' | 'at'> & {
      local_date: string;
      outcome: Attempt['outcome'];
      proof_ids: string[] | null;
    }
  >(
    `SELECT a.n, a.stop_id, a.route_id, to_char(a.local_date, 'YYYY-MM-DD') AS local_date, a.outcome, a.reason,
            a.note, a.at,
            (SELECT array_agg(p.id ORDER BY p.created_at, p.id) FROM proof_files p
              WHERE p.stop_event_id = a.event_id
                 OR p.stop_event_id IN (SELECT e.id FROM stop_events e WHERE e.stop_id = a.stop_id)) AS proof_ids
       FROM attempts a WHERE a.org_id = $1 AND a.order_id = $2 ORDER BY a.n`,
    [orgId, orderId],
  );
  return rows.map((r) => ({
    n: r.n,
    stopId: r.stop_id,
    routeId: r.route_id,
    localDate: r.local_date,
    outcome: r.outcome,
    reason: r.reason,
    note: r.note,
    at: r.at.toISOString(),
    proofIds: r.proof_ids ?? [],
  }));
}
