/**
 * Writes a finished plan in ONE transaction: the routes of the used shifts (updating the shift's
 * route in place when a re-plan replaces it) and their stops through the lifecycle (which moves
 * the orders' statuses with their routes), the unassigned orders and the plan's summary. It
 * first re-checks under row locks that the plan is still running (not cancelled) and that no
 * replaced route was locked or started meanwhile; otherwise it throws and nothing is written.
 */
import type { PlanSummary } from '@tournee/shared';
import type { Actor } from '../audit/audit.ts';
import { recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { dropUnusedRoutes, upsertShiftRoutes } from '../lifecycle/plan-routes.ts';
import { type RouteStopsWrite, writeRouteStops } from '../lifecycle/stop-writer.ts';
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
    // finishing meanwhile may have taken its shifts or orders (an open stop elsewhere; the
    // visited stop of an earlier attempt does not hold a re-queued order).
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`plan-write:${actor.orgId}`]);
    const oldIds = replaceable.map((r) => r.id);
    const contIds = continued.map((r) => r.id);
    const taken = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM routes WHERE shift_id = ANY($1::uuid[]) AND NOT (id = ANY($2::uuid[]))`,
      [result.routes.map((r) => r.shift.id), [...oldIds, ...contIds]],
    );
    const planned = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM stops WHERE order_id = ANY($1::uuid[]) AND status IN ('pending', 'arrived')
         AND NOT (route_id = ANY($2::uuid[])) AND NOT (route_id = ANY($3::uuid[]) AND status = 'pending')`,
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
    const routeOfShift = await upsertShiftRoutes(
      tx,
      actor.orgId,
      planId,
      result.routes.map((r) => ({
        shiftId: r.shift.id,
        vehicleId: r.shift.vehicleId,
        driverId: r.shift.driverId,
        localDate: r.shift.localDate,
        startAt: r.startAt,
        endAt: r.endAt,
        distanceM: r.distanceM,
        durationS: r.durationS,
        line: r.line,
      })),
      contIds,
    );
    // Every replaced or continued route is rewritten: the new stops of its shift, or none.
    // Continued (started) routes keep their visited stops; the re-planned part follows them.
    const writes = new Map<string, RouteStopsWrite>();
    for (const r of [...replaceable, ...continued]) writes.set(r.id, { routeId: r.id, stops: [] });
    for (const r of continued) writes.set(r.id, { routeId: r.id, stops: [], afterVisited: true });
    for (const r of result.routes) {
      const routeId = routeOfShift.get(r.shift.id)!;
      writes.set(routeId, {
        routeId,
        afterVisited: contIds.includes(routeId),
        stops: r.stops.map((s) => ({
          stopId: null,
          orderId: s.orderId,
          kind: s.kind,
          breakIndex: s.breakIndex,
          arrivalAt: s.arrivalAt,
          waitingS: s.waitingS,
          departureAt: s.departureAt,
        })),
      });
    }
    await writeRouteStops(tx, actor, [...writes.values()], { cause: 'plan', bump: false });
    const unused = replaceable.filter((r) => !r.shiftId || !routeOfShift.has(r.shiftId)).map((r) => r.id);
    const emptied = await dropUnusedRoutes(tx, planId, unused);
    const routeIds = [...routeOfShift.values()];
    const versions = await bumpPublished(tx, [...new Set([...routeIds, ...emptied, ...contIds])]);
    await insertUnassigned(tx, planId, result.unassigned);

    const assigned = result.routes.reduce((a, r) => a + r.stops.filter((s) => s.kind === 'delivery').length, 0);
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
