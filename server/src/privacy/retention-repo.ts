/**
 * The SQL of the retention purge, one organisation and one kind at a time. `now` is a parameter
 * (never the database's clock) so a test can move time; the cut-off is `now - days`.
 */
import type { Db } from '../db/db.ts';

type Cut = { orgId: string; now: Date; days: number };

/** ~100 m: coordinates kept for analytics are snapped to a grid of 0.001° (111 m north–south). */
export const ANONYMOUS_GRID_DEG = 0.001;

/** What an anonymised order keeps: where (roughly), when, how much; never who. */
export const ANONYMISE_ORDER_SET = `
  name = '', phone = NULL, email = NULL, address = '', notes = '',
  location = ST_SnapToGrid(location::geometry, ${ANONYMOUS_GRID_DEG})::geography,
  anonymised_at = $2`;

/** Delivered orders last changed before the cut-off: customer details anonymised. */
export async function anonymiseDeliveredOrders(db: Db, c: Cut): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE orders SET ${ANONYMISE_ORDER_SET}
     WHERE org_id = $1 AND status = 'delivered' AND anonymised_at IS NULL
       AND updated_at < $2::timestamptz - make_interval(days => $3)
     RETURNING id`,
    [c.orgId, c.now, c.days],
  );
  return rows.map((r) => r.id);
}

/** The stop events of these orders lose the recipient's name and the driver's free-text note. */
export async function scrubStopEvents(db: Db, orderIds: string[]): Promise<void> {
  if (orderIds.length === 0) return;
  await db.query(
    `UPDATE stop_events e SET recipient_name = NULL, note = NULL
     FROM stops s WHERE s.id = e.stop_id AND s.order_id = ANY($1::uuid[])
       AND (e.recipient_name IS NOT NULL OR e.note IS NOT NULL)`,
    [orderIds],
  );
}

/** Photos and signatures taken before the cut-off. */
export async function deleteProofs(db: Db, c: Cut): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM proof_files p USING stop_events e, stops s, routes r
     WHERE e.id = p.stop_event_id AND s.id = e.stop_id AND r.id = s.route_id AND r.org_id = $1
       AND p.created_at < $2::timestamptz - make_interval(days => $3)`,
    [c.orgId, c.now, c.days],
  );
  return rowCount ?? 0;
}

/** Customer messages created before the cut-off keep their status and timing, not their text or recipient. */
export async function redactNotifications(db: Db, c: Cut): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE notifications SET recipient = '', body = '', html = NULL, subject = NULL, last_error = NULL, redacted_at = $2
     WHERE org_id = $1 AND redacted_at IS NULL AND status NOT IN ('pending', 'sending')
       AND created_at < $2::timestamptz - make_interval(days => $3)`,
    [c.orgId, c.now, c.days],
  );
  return rowCount ?? 0;
}

export async function deletePositions(db: Db, c: Cut): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM positions WHERE org_id = $1 AND received_at < $2::timestamptz - make_interval(days => $3)`,
    [c.orgId, c.now, c.days],
  );
  return rowCount ?? 0;
}

export async function deleteImportRejections(db: Db, c: Cut): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM import_rejections j USING imports i
     WHERE i.id = j.import_id AND i.org_id = $1 AND i.at < $2::timestamptz - make_interval(days => $3)`,
    [c.orgId, c.now, c.days],
  );
  return rowCount ?? 0;
}

/** Audit events older than the cut-off (in years); the purges' own records are younger by construction. */
export async function deleteAuditEvents(db: Db, c: { orgId: string; now: Date; years: number }): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM events WHERE org_id = $1 AND at < $2::timestamptz - make_interval(years => $3)`,
    [c.orgId, c.now, c.years],
  );
  return rowCount ?? 0;
}

/** Every organisation with its settings as stored, oldest first. */
export { allOrgSettings as organisations } from '../org/settings-repo.ts';
