/**
 * Writes a finished plan in ONE transaction: the routes of the used shifts (updating the shift's
 * route in place when a re-plan replaces it), their stops, the unassigned orders, order statuses
 * and the plan's summary. It first re-checks under row locks that the plan is still running
 * (not cancelled) and that no replaced route was locked or started meanwhile; otherwise it
 * throws and nothing is written.
 */
import type { PlanSummary } from '@tournee/shared';
import type { Actor } from '../audit/audit.ts';
import { recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { bumpPublished } from '../lifecycle/versions.ts';
import { AppError } from '../errors.ts';
import type { ExistingRoute } from './inputs-repo.ts';
import { finishPlan, insertUnassigned } from './plan-repo.ts';
import type { PlanResult } from './result-mapper.ts';

export interface WrittenPlan {
  summary: PlanSummary;
  /** Routes written or emptied, with their version (for `route:changed`). */
  routes: { routeId: string; localDate: string; version: number }[];
}

/** Thrown when the plan was cancelled while the solver ran: the runner writes nothing. */
export class PlanNotRunning extends Error {}

export async function writePlanResult(
  db: Db,
  actor: Actor,
  planId: string,
  replaceable: ExistingRoute[],
  result: PlanResult,
  keptRoutes: number,
  continued: ExistingRoute[] = [],
): Promise<WrittenPlan> {
  return db.transaction(async (tx) => {
    const plan = await tx.query<{ status: string }>('SELECT status FROM plans WHERE id = $1 FOR UPDATE', [planId]);
    if (plan.rows[0]?.status !== 'running') throw new PlanNotRunning(`plan is ${plan.rows[0]?.status ?? 'gone'}`);
    // One plan writes at a time per organisation, and only over what it read: another plan
    // finishing meanwhile may have taken its shifts or orders.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`plan-write:${actor.orgId}`]);
    const oldIds = replaceable.map((r) => r.id);
    const contIds = continued.map((r) => r.id);
    const taken = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM routes WHERE shift_id = ANY($1::uuid[]) AND NOT (id = ANY($2::uuid[]))`,
      [result.routes.map((r) => r.shift.id), [...oldIds, ...contIds]],
    );
    const planned = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM stops WHERE order_id = ANY($1::uuid[]) AND NOT (route_id = ANY($2::uuid[]))
         AND NOT (route_id = ANY($3::uuid[]) AND status = 'pending')`,
      [
        result.routes.flatMap((r) => r.stops.map((s) => s.orderId).filter((id): id is string => id !== null)),
        oldIds,
        contIds,
      ],
    );
    if ((taken.rows[0]?.n ?? 0) > 0 || (planned.rows[0]?.n ?? 0) > 0) {
      throw new AppError('conflict', 'another plan or an edit changed these days while this plan ran; plan again');
    }
    const changed = await tx.query<{ id: string }>(
      `SELECT r.id FROM routes r WHERE r.id = ANY($1::uuid[]) AND (r.locked OR r.status IN ('in_progress', 'done')
         OR EXISTS (SELECT 1 FROM stops s WHERE s.route_id = r.id AND (s.locked OR s.status <> 'pending'))) FOR UPDATE`,
      [oldIds],
    );
    const contChanged = await tx.query<{ id: string }>(
      `SELECT r.id FROM routes r WHERE r.id = ANY($1::uuid[]) AND (r.locked OR r.status = 'done'
         OR EXISTS (SELECT 1 FROM stops s WHERE s.route_id = r.id AND s.locked)) FOR UPDATE`,
      [contIds],
    );
    changed.rows.push(...contChanged.rows);
    if (changed.rows.length > 0) {
      throw new AppError('conflict', `route ${changed.rows[0]!.id} was locked or started while planning; plan again`);
    }
    // The replaced routes' orders go back to imported; the new stops set them again below.
    await tx.query(
      `UPDATE orders SET status = 'imported', updated_at = now() WHERE status IN ('planned', 'dispatched')
         AND id IN (SELECT order_id FROM stops WHERE order_id IS NOT NULL
                      AND (route_id = ANY($1::uuid[]) OR (route_id = ANY($2::uuid[]) AND status = 'pending')))`,
      [oldIds, contIds],
    );
    // Started routes keep their visited stops, renumbered 1…k; the new part follows them.
    await tx.query(
      `DELETE FROM stops WHERE route_id = ANY($1::uuid[]) OR (route_id = ANY($2::uuid[]) AND status = 'pending')`,
      [oldIds, contIds],
    );
    await tx.query(
      `UPDATE stops s SET seq = x.n FROM (SELECT id, row_number() OVER (PARTITION BY route_id ORDER BY seq) AS n
         FROM stops WHERE route_id = ANY($1::uuid[])) x WHERE s.id = x.id`,
      [contIds],
    );

    const routeRows = result.routes.map((r) => ({
      shift_id: r.shift.id,
      vehicle_id: r.shift.vehicleId,
      driver_id: r.shift.driverId,
      local_date: r.shift.localDate,
      start_at: r.startAt.toISOString(),
      end_at: r.endAt.toISOString(),
      distance_m: r.distanceM,
      duration_s: r.durationS,
      geometry: r.line.length >= 2 ? JSON.stringify({ type: 'LineString', coordinates: r.line }) : null,
    }));
    const written = await tx.query<{ id: string; shift_id: string; local_date: string }>(
      `INSERT INTO routes (org_id, plan_id, shift_id, vehicle_id, driver_id, depot_id, local_date, start_at, end_at,
         distance_m, duration_s, geometry)
       SELECT $1, $2, r.shift_id, r.vehicle_id, r.driver_id, v.depot_id, r.local_date, r.start_at, r.end_at,
         r.distance_m, r.duration_s, ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326)::geography
       FROM jsonb_to_recordset($3::jsonb) AS r(shift_id uuid, vehicle_id uuid, driver_id uuid, local_date date,
         start_at timestamptz, end_at timestamptz, distance_m float8, duration_s float8, geometry text)
       JOIN vehicles v ON v.id = r.vehicle_id
       ON CONFLICT (shift_id) DO UPDATE SET plan_id = EXCLUDED.plan_id, driver_id = EXCLUDED.driver_id,
         start_at = CASE WHEN routes.id = ANY($4::uuid[]) THEN routes.start_at ELSE EXCLUDED.start_at END,
         end_at = EXCLUDED.end_at, distance_m = EXCLUDED.distance_m,
         duration_s = CASE WHEN routes.id = ANY($4::uuid[]) AND routes.start_at IS NOT NULL
           THEN extract(epoch FROM EXCLUDED.end_at - routes.start_at) ELSE EXCLUDED.duration_s END,
         geometry = EXCLUDED.geometry, violations = '[]', updated_at = now()
       RETURNING id, shift_id, local_date`,
      [actor.orgId, planId, JSON.stringify(routeRows), contIds],
    );
    const routeOfShift = new Map(written.rows.map((r) => [r.shift_id, r.id]));
    // Replaced routes whose shift is unused now: drafts go; published ones stay, empty, as a new version.
    const unused = replaceable.filter((r) => !r.shiftId || !routeOfShift.has(r.shiftId));
    await tx.query(`DELETE FROM routes WHERE id = ANY($1::uuid[]) AND status = 'planned'`, [unused.map((r) => r.id)]);
    const emptied = await tx.query<{ id: string }>(
      `UPDATE routes SET plan_id = $2, distance_m = 0, duration_s = 0, geometry = NULL, start_at = NULL, end_at = NULL
        WHERE id = ANY($1::uuid[]) RETURNING id`,
      [unused.map((r) => r.id), planId],
    );

    const stopRows = result.routes.flatMap((r) =>
      r.stops.map((s, i) => ({
        route_id: routeOfShift.get(r.shift.id),
        order_id: s.orderId,
        seq: (r.shift.resume?.visited ?? 0) + i + 1,
        kind: s.kind,
        break_index: s.breakIndex,
        arrival: s.arrivalAt.toISOString(),
        waiting_s: s.waitingS,
        departure: s.departureAt.toISOString(),
      })),
    );
    await tx.query(
      `INSERT INTO stops (route_id, order_id, seq, kind, break_index, planned_arrival_at, waiting_s, planned_departure_at)
       SELECT s.route_id, s.order_id, s.seq, s.kind, s.break_index, s.arrival, s.waiting_s, s.departure
       FROM jsonb_to_recordset($1::jsonb) AS s(route_id uuid, order_id uuid, seq int, kind text, break_index smallint,
         arrival timestamptz, waiting_s float8, departure timestamptz)`,
      [JSON.stringify(stopRows)],
    );
    const routeIds = [...routeOfShift.values()];
    await tx.query(
      `UPDATE orders o SET status = CASE WHEN r.status = 'planned' THEN 'planned' ELSE 'dispatched' END, updated_at = now()
         FROM stops s JOIN routes r ON r.id = s.route_id
        WHERE s.route_id = ANY($1::uuid[]) AND o.id = s.order_id AND o.status IN ('imported', 'planned', 'dispatched')`,
      [routeIds],
    );
    const versions = await bumpPublished(tx, [...new Set([...routeIds, ...emptied.rows.map((r) => r.id), ...contIds])]);
    await insertUnassigned(tx, planId, result.unassigned);

    const assigned = stopRows.filter((s) => s.kind === 'delivery').length;
    const summary: PlanSummary = {
      routes: result.routes.length,
      assigned,
      unassigned: result.unassigned.length,
      distanceM: Math.round(result.routes.reduce((a, r) => a + r.distanceM, 0)),
      durationS: Math.round(result.routes.reduce((a, r) => a + r.durationS, 0)),
      cost: Math.round(result.cost * 100) / 100,
      keptRoutes,
      computingTimeMs: Math.round(result.computingTimeMs),
    };
    await finishPlan(tx, planId, 'done', {
      summary,
      progress: {
        bestCost: summary.cost,
        assigned,
        unassigned: summary.unassigned,
        elapsedMs: summary.computingTimeMs,
      },
    });
    await recordEvent(tx, actor, 'complete', 'plan', planId, { ...summary });
    return {
      summary,
      routes: [...versions].map(([routeId, v]) => ({ routeId, localDate: v.localDate, version: v.version })),
    };
  });
}
