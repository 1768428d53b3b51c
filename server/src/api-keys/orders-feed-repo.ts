/**
 * The orders feed for polling clients: orders changed since a time, in the order of their change
 * (updated_at, then id), paged by a cursor that names the last order seen. Read-only SQL over
 * `orders` (owned by the orders module), for this one query.
 *
 * Changes younger than SETTLE_S are held back: a transaction still running when a client polls
 * may commit rows with an updated_at earlier than the last one the client saw; waiting a little
 * keeps such rows from being skipped.
 */
import type { Order } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import { ORDER_COLUMNS, type OrderRow, orderFromRow } from '../orders/repo.ts';

export const SETTLE_S = 2;

interface FeedRow extends OrderRow {
  cursor_at: string;
}

/** Where a page ended: the last order's updated_at (to the microsecond) and id. */
export interface FeedCursor {
  at: string;
  id: string;
}

export async function ordersChangedSince(
  db: Db,
  orgId: string,
  since: string,
  after: FeedCursor | null,
  limit: number,
): Promise<{ items: Order[]; last: FeedCursor | null }> {
  const params: unknown[] = [orgId, since, limit + 0];
  let cond = 'updated_at >= $2::timestamptz';
  if (after) {
    params.push(after.at, after.id);
    cond += ' AND (updated_at, id) > ($4::timestamptz, $5::uuid)';
  }
  const { rows } = await db.query<FeedRow>(
    `SELECT ${ORDER_COLUMNS},
            to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
       FROM orders
      WHERE org_id = $1 AND ${cond} AND updated_at < now() - interval '${SETTLE_S} seconds'
      ORDER BY updated_at, id LIMIT $3`,
    params,
  );
  const lastRow = rows[rows.length - 1];
  return { items: rows.map(orderFromRow), last: lastRow ? { at: lastRow.cursor_at, id: lastRow.id } : null };
}
