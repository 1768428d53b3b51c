import type { CalendarDay } from '@tournee/shared';
import type { Db } from '../db/db.ts';

/** Per day of [from, to]: orders due and not yet planned, stops planned, routes, publications, shifts. */
export async function planningCalendar(db: Db, orgId: string, from: string, to: string): Promise<CalendarDay[]> {
  const { rows } = await db.query<CalendarDay>(
    `WITH days AS (SELECT d::date AS day FROM generate_series($2::date, $3::date, interval '1 day') AS d),
     due AS (
       SELECT days.day, count(o.id)::int AS due, count(o.id) FILTER (WHERE o.status = 'imported')::int AS unplanned
       FROM days LEFT JOIN orders o
         ON o.org_id = $1 AND o.status <> 'cancelled' AND o.date_from <= days.day AND o.date_to >= days.day
       GROUP BY days.day),
     planned AS (
       SELECT r.local_date AS day, count(s.id)::int AS planned,
              count(DISTINCT r.id) FILTER (WHERE s.id IS NOT NULL)::int AS routes,
              count(DISTINCT r.id) FILTER (WHERE s.id IS NOT NULL AND r.status <> 'planned')::int AS published
       FROM routes r LEFT JOIN stops s ON s.route_id = r.id AND s.kind IN ('delivery', 'pickup')
       WHERE r.org_id = $1 AND r.local_date BETWEEN $2::date AND $3::date
       GROUP BY r.local_date),
     shifts AS (
       SELECT local_date AS day, count(*)::int AS shifts FROM shifts
       WHERE org_id = $1 AND NOT cancelled AND local_date BETWEEN $2::date AND $3::date
       GROUP BY local_date)
     SELECT to_char(due.day, 'YYYY-MM-DD') AS date, due.due, due.unplanned,
            coalesce(planned.planned, 0) AS planned, coalesce(planned.routes, 0) AS routes,
            coalesce(planned.published, 0) AS published, coalesce(shifts.shifts, 0) AS shifts
     FROM due LEFT JOIN planned USING (day) LEFT JOIN shifts USING (day)
     ORDER BY due.day`,
    [orgId, from, to],
  );
  return rows;
}
