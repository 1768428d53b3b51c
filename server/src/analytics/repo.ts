/** SQL of the analytics: the summary (summary-sql.ts), the stops behind a figure, ratings, learned service times. */
import type {
  AnalyticsGroupBy,
  AnalyticsRow,
  AnalyticsStop,
  AnalyticsStopsQuery,
  LearnedServiceTime,
  RatingItem,
} from '@tournee/shared';
import type { Db } from '../db/db.ts';
import { arrivalWindowsJoin, failureReasonSql, lateSql, onTimeSql } from './stop-sql.ts';
import { summarySql } from './summary-sql.ts';

interface SummaryRow {
  key: string | null;
  is_total: boolean;
  label: string | null;
  routes: number;
  planned_m: number | null;
  actual_m: number | null;
  sent: number | null;
  msg_failed: number | null;
  overtime_s: number;
  cost: number | null;
  stops: number | null;
  delivered: number | null;
  failed: number | null;
  skipped: number | null;
  arrived: number | null;
  on_time: number | null;
  late_avg_s: number | null;
  late_p90_s: number | null;
  planned_driving_s: number | null;
  actual_driving_s: number | null;
  planned_service_s: number | null;
  actual_service_s: number | null;
  rating_avg: number | null;
  rating_count: number | null;
  by_reason: Record<string, number> | null;
}

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;
const orNull = (n: number | null, f: (n: number) => number) => (n === null ? null : f(n));

function toRow(r: SummaryRow): AnalyticsRow {
  const arrived = r.arrived ?? 0;
  const onTime = r.on_time ?? 0;
  const delivered = r.delivered ?? 0;
  return {
    key: r.is_total ? null : r.key,
    label: r.is_total ? 'Total' : (r.label ?? r.key ?? '—'),
    routes: r.routes,
    stops: r.stops ?? 0,
    delivered,
    failed: r.failed ?? 0,
    failedByReason: r.by_reason ?? {},
    skipped: r.skipped ?? 0,
    arrived,
    onTime,
    onTimePct: arrived > 0 ? round((100 * onTime) / arrived, 1) : null,
    lateAvgMin: orNull(r.late_avg_s, (s) => round(s / 60, 1)),
    lateP90Min: orNull(r.late_p90_s, (s) => round(s / 60, 1)),
    plannedKm: round((r.planned_m ?? 0) / 1000, 3),
    actualKm: round((r.actual_m ?? 0) / 1000, 3),
    plannedDrivingS: Math.round(r.planned_driving_s ?? 0),
    actualDrivingS: Math.round(r.actual_driving_s ?? 0),
    plannedServiceS: Math.round(r.planned_service_s ?? 0),
    actualServiceS: Math.round(r.actual_service_s ?? 0),
    overtimeS: Math.round(r.overtime_s),
    ratingAvg: orNull(r.rating_avg, (n) => round(n, 2)),
    ratingCount: r.rating_count ?? 0,
    messagesSent: r.sent ?? 0,
    messagesFailed: r.msg_failed ?? 0,
    costPerDelivered: r.cost !== null && delivered > 0 ? round(r.cost / delivered, 2) : null,
  };
}

/** Every group's figures and the total, in one statement. */
export async function summary(
  db: Db,
  orgId: string,
  q: { from: string; to: string; groupBy: AnalyticsGroupBy; toleranceMin: number },
): Promise<{ groups: AnalyticsRow[]; total: AnalyticsRow }> {
  const { rows } = await db.transaction(async (tx) => {
    // JIT would compile this large plan for 2 to 4 s on every call (more than the query takes),
    // and the per-group sorts of 100,000 stops need more than the default 4 MB to stay in memory.
    await tx.query('SET LOCAL jit = off');
    await tx.query("SET LOCAL work_mem = '64MB'");
    return tx.query<SummaryRow>(summarySql(q.groupBy), [orgId, q.from, q.to, q.toleranceMin]);
  });
  const all = rows.map(toRow);
  const totalAt = rows.findIndex((r) => r.is_total);
  const total = all[totalAt]!;
  return { groups: all.filter((_, i) => i !== totalAt), total };
}

const OUTCOME_WHERE: Record<AnalyticsStopsQuery['outcome'], string> = {
  all: 'true',
  delivered: "x.status = 'delivered'",
  failed: "x.status = 'failed'",
  skipped: "x.status = 'skipped'",
  pending: "x.status IN ('pending', 'arrived')",
  on_time: 'x.on_time',
  late: 'x.late_s IS NOT NULL',
};

/** The stops behind a figure (same on-time and lateness rules as the summary), by day and sequence. */
export async function stops(
  db: Db,
  orgId: string,
  q: AnalyticsStopsQuery,
  toleranceMin: number,
): Promise<AnalyticsStop[]> {
  const { rows } = await db.query<AnalyticsStop & { late_s: number | null }>(
    `SELECT * FROM (
       SELECT s.id AS "stopId", s.order_id AS "orderId", coalesce(o.ref, '') AS "orderRef", coalesce(o.name, '') AS customer,
              coalesce(o.address, '') AS address, r.local_date::text AS "localDate", r.driver_id AS "driverId",
              dr.name AS "driverName", v.name AS "vehicleName", s.status, s.seq, s.planned_arrival_at AS "plannedArrivalAt",
              s.actual_arrival_at AS "actualArrivalAt",
              ${failureReasonSql} AS reason,
              ${onTimeSql} AS "onTime", ${lateSql} AS late_s
         FROM stops s
         JOIN routes r ON r.id = s.route_id
         JOIN depots d ON d.id = r.depot_id
         JOIN vehicles v ON v.id = r.vehicle_id
         LEFT JOIN drivers dr ON dr.id = r.driver_id
         LEFT JOIN orders o ON o.id = s.order_id
         ${arrivalWindowsJoin('d.time_zone', 'r.local_date')}
        WHERE r.org_id = $1 AND r.local_date BETWEEN $2::date AND $3::date AND s.kind IN ('delivery', 'pickup')
          AND ($5::uuid IS NULL OR r.driver_id = $5) AND ($6::uuid IS NULL OR r.vehicle_id = $6)
          AND ($7::uuid IS NULL OR r.depot_id = $7)) x
      WHERE ${OUTCOME_WHERE[q.outcome]}
      ORDER BY x."localDate", x."driverName", x.seq
      LIMIT $8`,
    [orgId, q.from, q.to, toleranceMin, q.driverId ?? null, q.vehicleId ?? null, q.depotId ?? null, q.limit],
  );
  return rows.map(({ late_s, ...s }) => {
    const { seq: _seq, ...rest } = s as typeof s & { seq?: number };
    return {
      ...rest,
      plannedArrivalAt: isoOrNull(s.plannedArrivalAt),
      actualArrivalAt: isoOrNull(s.actualArrivalAt),
      lateMin: late_s === null ? null : round(late_s / 60, 1),
    };
  });
}

function isoOrNull(d: unknown): string | null {
  return d instanceof Date ? d.toISOString() : typeof d === 'string' ? d : null;
}

/** Ratings of the orders delivered on routes of the range (or rated in it, for an order no route holds). */
export async function ratings(db: Db, orgId: string, from: string, to: string): Promise<RatingItem[]> {
  const { rows } = await db.query<RatingItem & { at: Date }>(
    `SELECT rt.order_id AS "orderId", o.ref AS "orderRef", o.name AS customer, rt.rating::int AS rating, rt.comment,
            rt.at, x.local_date AS "localDate", x.driver_name AS "driverName"
       FROM ratings rt
       JOIN orders o ON o.id = rt.order_id AND o.org_id = $1
       LEFT JOIN LATERAL (
         SELECT r.local_date::text AS local_date, dr.name AS driver_name
           FROM stops s JOIN routes r ON r.id = s.route_id LEFT JOIN drivers dr ON dr.id = r.driver_id
          WHERE s.order_id = o.id AND s.status = 'delivered' ORDER BY r.local_date DESC LIMIT 1) x ON true
      WHERE coalesce(x.local_date::date, rt.at::date) BETWEEN $2::date AND $3::date
      ORDER BY rt.at DESC
      LIMIT 5000`,
    [orgId, from, to],
  );
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

/** How addresses are matched: lower case, spaces collapsed (the key of learned service times). */
export const ADDRESS_KEY_SQL = "lower(regexp_replace(btrim(o.address), '\\s+', ' ', 'g'))";

/**
 * The median actual service time (departure − arrival from the stop events' times) per address
 * over its last `visits` visits; only addresses with a measured visit.
 */
export async function learnedServiceTimes(
  db: Db,
  orgId: string,
  q: { addresses?: string[]; visits: number; limit: number },
): Promise<LearnedServiceTime[]> {
  const { rows } = await db.query<{ key: string; address: string; visits: number; median_s: number }>(
    `SELECT key, min(address) AS address, count(*)::int AS visits,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY service_s)::float8 AS median_s
       FROM (SELECT ${ADDRESS_KEY_SQL} AS key, o.address,
                    extract(epoch FROM s.actual_departure_at - s.actual_arrival_at) AS service_s,
                    row_number() OVER (PARTITION BY ${ADDRESS_KEY_SQL} ORDER BY s.actual_arrival_at DESC) AS n
               FROM stops s JOIN orders o ON o.id = s.order_id
              WHERE o.org_id = $1 AND s.actual_arrival_at IS NOT NULL AND s.actual_departure_at > s.actual_arrival_at
                AND ($3::text[] IS NULL OR ${ADDRESS_KEY_SQL} = ANY($3))) v
      WHERE n <= $2
      GROUP BY key
      ORDER BY key
      LIMIT $4`,
    [orgId, q.visits, q.addresses ?? null, q.limit],
  );
  return rows.map((r) => ({
    addressKey: r.key,
    address: r.address,
    visits: r.visits,
    medianServiceS: Math.round(r.median_s),
    serviceMin: Math.max(1, Math.round(r.median_s / 60)),
  }));
}

/** The key an address is matched by, as the SQL computes it. */
export function addressKey(address: string): string {
  return address.trim().replace(/\s+/g, ' ').toLowerCase();
}
