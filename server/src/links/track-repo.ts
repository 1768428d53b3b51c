/** SQL of the customer's tracking page: its proof of delivery, rating and opt-out. */
import type { Db } from '../db/db.ts';

/** The newest proof file of `kind` on the order's delivered stop event, or null. */
export async function deliveredProofFile(
  db: Db,
  orderId: string,
  kind: string,
): Promise<{ contentType: string; data: Buffer } | null> {
  const { rows } = await db.query<{ content_type: string; data: Buffer }>(
    `SELECT pf.content_type, pf.data FROM proof_files pf JOIN stop_events se ON se.id = pf.stop_event_id
       JOIN stops s ON s.id = se.stop_id
      WHERE s.order_id = $1 AND pf.kind = $2 AND se.type = 'delivered' ORDER BY pf.created_at DESC LIMIT 1`,
    [orderId, kind],
  );
  return rows[0] ? { contentType: rows[0].content_type, data: rows[0].data } : null;
}

/** Stores the order's one rating; false when it already has one. */
export async function insertRating(db: Db, orderId: string, rating: number, comment: string): Promise<boolean> {
  const r = await db.query(
    'INSERT INTO ratings (order_id, rating, comment) VALUES ($1, $2, $3) ON CONFLICT (order_id) DO NOTHING',
    [orderId, rating, comment],
  );
  return r.rowCount !== 0;
}

/** The order's phone and email as written on it. */
export async function orderContact(db: Db, orderId: string): Promise<{ phone: string | null; email: string | null }> {
  const { rows } = await db.query<{ phone: string | null; email: string | null }>(
    'SELECT phone, email FROM orders WHERE id = $1',
    [orderId],
  );
  return rows[0] ?? { phone: null, email: null };
}

export async function insertOptOuts(db: Db, orgId: string, recipients: string[]): Promise<void> {
  await db.query(
    'INSERT INTO notify_opt_outs (org_id, recipient) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING',
    [orgId, recipients],
  );
}
