/**
 * The figures behind the working-time reasons of unplanned orders, as the dispatcher's sentence:
 * `work_limit` names the drivers working on the order's days and the hours they already have in
 * those ISO weeks ("48 h a week: Anne already has 47.5 h, Bob 48 h in week 49"); `max_driving`
 * names the limit and how long the drive there and back is.
 */
import { isoWeekOf, type UnassignedReason, type WorkingTimeSettings } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import { workingTimeRules } from '../org/repo.ts';

const round1 = (x: number) => Math.round(x * 10) / 10;

export interface DriverWeek {
  driver: string;
  /** ISO week number (49) and its label (2026-W49). */
  week: number;
  label: string;
  hours: number;
}

/** The sentence of a `work_limit` reason (pure). */
export function workLimitMessage(rules: WorkingTimeSettings, weeks: readonly DriverWeek[]): string {
  const cap = rules.maxWeeklyHours;
  if (cap === null || weeks.length === 0)
    return 'every driver who could take it would work more than the weekly hours allowed';
  const byWeek = new Map<string, DriverWeek[]>();
  for (const w of weeks) byWeek.set(w.label, [...(byWeek.get(w.label) ?? []), w]);
  const parts = [...byWeek.values()].map((list) => {
    const [first, ...rest] = [...list].sort((a, b) => b.hours - a.hours || a.driver.localeCompare(b.driver));
    const names = [
      `${first!.driver} already has ${round1(first!.hours)} h`,
      ...rest.map((w) => `${w.driver} ${round1(w.hours)} h`),
    ];
    return `${names.join(', ')} in week ${first!.week}`;
  });
  return `${round1(cap)} h a week: ${parts.join('; ')}`;
}

/** The sentence of a `max_driving` reason (pure); `driveS` is the drive from the depot there and back. */
export function maxDrivingMessage(rules: WorkingTimeSettings, driveS: number | null): string {
  if (rules.maxDrivingHours === null)
    return 'every route that could take it would drive longer than the driving limit without a break';
  const there = driveS === null ? '' : `; going there and back is ${round1(driveS / 3600)} h of driving`;
  return `at most ${round1(rules.maxDrivingHours)} h of driving before a ${rules.drivingBreakMin} min break${there}`;
}

/**
 * The sentences of the working-time reasons among `items`, by order id (other reasons are absent:
 * their static sentence stands).
 */
export async function ruleMessages(
  db: Db,
  orgId: string,
  items: readonly { orderId: string; reason: UnassignedReason | null }[],
  travel: { speedMps: number; circuity: number },
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const limited = items.filter((i) => i.reason === 'work_limit').map((i) => i.orderId);
  const driving = items.filter((i) => i.reason === 'max_driving').map((i) => i.orderId);
  if (limited.length === 0 && driving.length === 0) return out;
  const rules = await workingTimeRules(db, orgId);
  if (limited.length > 0) {
    // The drivers with a shift on each order's days, and their hours on routes in those weeks.
    const { rows } = await db.query<{ order_id: string; driver: string; local_date: string; hours: number }>(
      `WITH days AS (
         SELECT o.id AS order_id, sh.driver_id, d.name AS driver, sh.local_date
           FROM orders o JOIN shifts sh ON sh.org_id = o.org_id AND NOT sh.cancelled
             AND sh.local_date BETWEEN o.date_from AND o.date_to AND sh.driver_id IS NOT NULL
           JOIN drivers d ON d.id = sh.driver_id
          WHERE o.org_id = $1 AND o.id = ANY($2::uuid[]))
       SELECT DISTINCT ON (x.order_id, x.driver_id, date_trunc('week', x.local_date))
              x.order_id, x.driver, to_char(x.local_date, 'YYYY-MM-DD') AS local_date,
              coalesce((SELECT sum(extract(epoch FROM r.end_at - r.start_at)) / 3600 FROM routes r
                         WHERE r.driver_id = x.driver_id AND r.start_at IS NOT NULL AND r.end_at IS NOT NULL
                           AND date_trunc('week', r.local_date) = date_trunc('week', x.local_date)
                           AND EXISTS (SELECT 1 FROM stops s WHERE s.route_id = r.id AND s.order_id IS NOT NULL)), 0)::float8 AS hours
         FROM days x ORDER BY x.order_id, x.driver_id, date_trunc('week', x.local_date)`,
      [orgId, limited],
    );
    const byOrder = new Map<string, DriverWeek[]>();
    for (const r of rows) {
      const w = isoWeekOf(r.local_date);
      byOrder.set(r.order_id, [
        ...(byOrder.get(r.order_id) ?? []),
        { driver: r.driver, week: w.week, label: w.label, hours: Number(r.hours) },
      ]);
    }
    for (const id of limited) out.set(id, workLimitMessage(rules, byOrder.get(id) ?? []));
  }
  if (driving.length > 0) {
    // The shortest drive there and back from a depot of the organisation (coordinate model).
    const { rows } = await db.query<{ order_id: string; m: number }>(
      `SELECT o.id AS order_id, min(ST_Distance(o.location, d.location))::float8 AS m
         FROM orders o JOIN depots d ON d.org_id = o.org_id AND d.deleted_at IS NULL
        WHERE o.org_id = $1 AND o.id = ANY($2::uuid[]) GROUP BY o.id`,
      [orgId, driving],
    );
    const metres = new Map(rows.map((r) => [r.order_id, Number(r.m)]));
    for (const id of driving) {
      const m = metres.get(id);
      out.set(id, maxDrivingMessage(rules, m === undefined ? null : (2 * m * travel.circuity) / travel.speedMps));
    }
  }
  return out;
}
