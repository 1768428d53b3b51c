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

export const SETTLE_S = 2;

interface FeedRow {
  id: string;
  ref: string;
  name: string;
  phone: string | null;
  email: string | null;
  address: string;
  lon: number;
  lat: number;
  geocoded: boolean;
  date_from: string;
  date_to: string;
  time_windows: Order['timeWindows'];
  service_s: number;
  demand: number[];
  skills: string[];
  priority: number;
  notes: string;
  require_proof: Order['requireProof'];
  depot_id: string | null;
  tags: string[];
  status: Order['status'];
  created_at: Date;
  updated_at: Date;
  cancelled_at: Date | null;
  cursor_at: string;
}

const toOrder = (r: FeedRow): Order => ({
  id: r.id,
  ref: r.ref,
  name: r.name,
  phone: r.phone,
  email: r.email,
  address: r.address,
  location: { type: 'Point', coordinates: [r.lon, r.lat] },
  geocoded: r.geocoded,
  dateFrom: r.date_from,
  dateTo: r.date_to,
  timeWindows: r.time_windows,
  serviceS: r.service_s,
  demand: r.demand.map(Number),
  skills: r.skills,
  priority: r.priority,
  notes: r.notes,
  requireProof: r.require_proof,
  depotId: r.depot_id,
  tags: r.tags,
  status: r.status,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  cancelledAt: r.cancelled_at ? r.cancelled_at.toISOString() : null,
});

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
    `SELECT id, ref, name, phone, email, address, ST_X(location::geometry) AS lon, ST_Y(location::geometry) AS lat,
            geocoded, date_from, date_to, time_windows, service_s, demand, skills, priority, notes, require_proof,
            depot_id, tags, status, created_at, updated_at, cancelled_at,
            to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
       FROM orders
      WHERE org_id = $1 AND ${cond} AND updated_at < now() - interval '${SETTLE_S} seconds'
      ORDER BY updated_at, id LIMIT $3`,
    params,
  );
  const lastRow = rows[rows.length - 1];
  return { items: rows.map(toOrder), last: lastRow ? { at: lastRow.cursor_at, id: lastRow.id } : null };
}
