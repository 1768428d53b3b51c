/**
 * Which days an order can be delivered on: days with a shift (not cancelled) of a live vehicle
 * at a live depot that can serve the order (the vehicle has every skill the order needs), within
 * the planning horizon (today, in the organisation's depots' zone, through SHIFT_HORIZON_DAYS).
 * Used by automatic redelivery, dispatchers' and customers' reschedules.
 */
import { addDays, type LocalDate, todayIn } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import { SHIFT_HORIZON_DAYS } from '../fleet/horizon.ts';

/** The organisation's planning horizon: [today, today + SHIFT_HORIZON_DAYS]. */
export async function planningHorizon(
  db: Db,
  orgId: string,
  now: Date = new Date(),
): Promise<{ first: LocalDate; last: LocalDate }> {
  const { rows } = await db.query<{ time_zone: string }>(
    'SELECT time_zone FROM depots WHERE org_id = $1 AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1',
    [orgId],
  );
  const first = todayIn(rows[0]?.time_zone ?? 'UTC', now);
  return { first, last: addDays(first, SHIFT_HORIZON_DAYS) };
}

/** The days of [from, to], in order, on which some shift could serve the order. */
export async function workingDays(
  db: Db,
  orgId: string,
  orderId: string,
  from: LocalDate,
  to: LocalDate,
): Promise<LocalDate[]> {
  if (from > to) return [];
  const { rows } = await db.query<{ day: string }>(
    `SELECT DISTINCT to_char(s.local_date, 'YYYY-MM-DD') AS day
       FROM shifts s JOIN vehicles v ON v.id = s.vehicle_id AND v.deleted_at IS NULL
       JOIN depots d ON d.id = v.depot_id AND d.deleted_at IS NULL
       JOIN orders o ON o.id = $2 AND o.org_id = $1
      WHERE s.org_id = $1 AND NOT s.cancelled AND s.local_date BETWEEN $3::date AND $4::date AND o.skills <@ v.skills
      ORDER BY day`,
    [orgId, orderId, from, to],
  );
  return rows.map((r) => r.day);
}
