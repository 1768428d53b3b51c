/**
 * Dispatcher edits of planned routes: move a stop to another route or position, reorder a
 * route, unassign a stop, assign an unassigned order. Every edit recomputes the touched routes
 * with the evaluator and answers their new times and violations; an edit with violations is
 * saved only with `force: true` (and the violations stay on the route and its stops).
 *
 * Locked routes cannot be edited, and a route's frozen prefix — every stop up to its last locked
 * or already visited stop — must stay exactly as it is.
 */
import { formatMessage, type EditedRoute, type EditRequest, type EditResult, type Violation } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { AppError, found, notFound } from '../errors.ts';
import { travelFor } from '../travel/road.ts';
import type { LonLatPair } from '../travel/travel.ts';
import type { DomainPublisher } from '../events/bus.ts';
import { evalStop, loadEvalShifts, loadOrderStops } from './context.ts';
import { type EvalStop, evaluateRoute } from './evaluator.ts';
import { findRoutes, type RouteRecord, routeOfStop } from '../lifecycle/route-repo.ts';
import { type RouteWrite, writeRoutes } from './route-writer.ts';

export interface DispatchDeps {
  db: Db;
  config: Config;
  /** Route changes, published after each commit. */
  bus: DomainPublisher;
}

/** Index of the last stop that may not move (locked or visited), -1 when none. */
export function frozenPrefix(stops: readonly { locked: boolean; status: string }[]): number {
  let last = -1;
  stops.forEach((s, i) => {
    if (s.locked || s.status !== 'pending') last = i;
  });
  return last;
}

function checkFrozen(route: RouteRecord, next: readonly EvalStop[]): void {
  const n = frozenPrefix(route.stops);
  for (let i = 0; i <= n; i++) {
    if (next[i]?.stopId !== route.stops[i]?.id) {
      throw new AppError(
        'conflict',
        `Route ${route.vehicleName} ${route.localDate}: stops up to ${n + 1} are locked or already visited and must stay in place`,
      );
    }
  }
}

const clampInsert = <T>(list: T[], position: number, item: T) => {
  const copy = [...list];
  copy.splice(Math.min(position, copy.length), 0, item);
  return copy;
};

/** The new stop sequence of every route the edit touches, and the orders it takes off routes. */
async function plan(
  tx: Db,
  orgId: string,
  req: EditRequest,
): Promise<{ routes: RouteRecord[]; next: Map<string, EvalStop[]>; removed: string[] }> {
  const stopRoute = async (stopId: string) => {
    return found(await routeOfStop(tx, orgId, stopId), 'Stop');
  };
  const ids =
    req.op === 'move'
      ? [await stopRoute(req.stopId), req.toRouteId]
      : req.op === 'unassign'
        ? [await stopRoute(req.stopId)]
        : [req.routeId];
  const routes = await findRoutes(tx, orgId, [...new Set(ids)], true);
  const byId = new Map(routes.map((r) => [r.id, r]));
  for (const id of ids) if (!byId.has(id)) throw notFound('Route');
  for (const r of routes) {
    if (r.locked) throw new AppError('conflict', `Route ${r.vehicleName} ${r.localDate} is locked; unlock it first`);
  }
  const next = new Map(routes.map((r) => [r.id, r.stops.map(evalStop)]));
  const removed: string[] = [];
  const movable = (r: RouteRecord, stopId: string) => {
    const s = r.stops.find((x) => x.id === stopId);
    if (!s) throw notFound('Stop');
    if (s.kind === 'break' && req.op !== 'reorder')
      throw new AppError('bad_request', 'stopId: a break stays on its route; reorder the route to move it');
    // A reload is at its own van's depot: reorder the route to move it, or unassign it to drop it.
    if (s.kind === 'reload' && req.op === 'move')
      throw new AppError('bad_request', "stopId: a reload stays on its van's route; reorder the route to move it");
    return s;
  };
  if (req.op === 'move') {
    const from = byId.get(ids[0]!)!;
    const s = movable(from, req.stopId);
    next.set(
      from.id,
      next.get(from.id)!.filter((x) => x.stopId !== s.id),
    );
    next.set(req.toRouteId, clampInsert(next.get(req.toRouteId)!, req.position, evalStop(s)));
  } else if (req.op === 'unassign') {
    const r = byId.get(ids[0]!)!;
    const s = movable(r, req.stopId);
    next.set(
      r.id,
      next.get(r.id)!.filter((x) => x.stopId !== s.id),
    );
    if (s.orderId) removed.push(s.orderId);
  } else if (req.op === 'reorder') {
    const r = byId.get(req.routeId)!;
    const current = new Map(next.get(r.id)!.map((s) => [s.stopId, s]));
    const missing = [...current.keys()].filter((id) => !req.stopIds.includes(id!));
    const unknown = req.stopIds.filter((id) => !current.has(id));
    if (missing.length || unknown.length || req.stopIds.length !== current.size) {
      throw new AppError(
        'bad_request',
        `stopIds: must list each stop of the route once${missing.length ? `; missing ${missing.join(', ')}` : ''}${unknown.length ? `; not on this route: ${unknown.join(', ')}` : ''}`,
      );
    }
    next.set(
      r.id,
      req.stopIds.map((id) => current.get(id)!),
    );
  } else {
    const order = (await loadOrderStops(tx, orgId, [req.orderId])).get(req.orderId);
    if (!order) throw notFound('Order');
    if (!['imported', 'planned'].includes(order.status))
      throw new AppError('conflict', `orderId: the order is ${order.status}`);
    // Open stops only: the visited stop of an earlier attempt does not hold a re-queued order.
    const on = await tx.query(`SELECT 1 FROM stops WHERE order_id = $1 AND status IN ('pending', 'arrived')`, [
      req.orderId,
    ]);
    if (on.rows.length)
      throw new AppError('conflict', 'orderId: the order is already on a route; move its stop instead');
    next.set(req.routeId, clampInsert(next.get(req.routeId)!, req.position, order));
  }
  for (const r of routes) checkFrozen(r, next.get(r.id)!);
  return { routes, next, removed };
}

const answer = (w: RouteWrite, newStops?: Map<string, string>): EditedRoute => ({
  routeId: w.routeId,
  startAt: new Date(w.evaluation.startMs).toISOString(),
  endAt: new Date(w.evaluation.endMs).toISOString(),
  distanceM: Math.round(w.evaluation.distanceM),
  durationS: Math.round(w.evaluation.durationS),
  stops: w.evaluation.stops.map((t) => ({
    stopId: t.stopId ?? (t.orderId ? (newStops?.get(t.orderId) ?? null) : null),
    orderId: t.orderId,
    plannedArrivalAt: new Date(t.arrivalMs).toISOString(),
    waitingS: Math.round(t.waitingS),
    plannedDepartureAt: new Date(t.departureMs).toISOString(),
  })),
  violations: w.evaluation.violations,
});

/**
 * One edit inside the caller's transaction; answers the result and the changed routes'
 * versions (null for a dry run), for the caller to announce once committed.
 */
export async function editInTransaction(
  tx: Db,
  deps: Omit<DispatchDeps, 'db'>,
  actor: Actor,
  req: EditRequest,
): Promise<{ result: EditResult; changed: Map<string, { version: number; localDate: string }> | null }> {
  const { routes, next, removed } = await plan(tx, actor.orgId, req);
  const shifts = await loadEvalShifts(
    tx,
    actor.orgId,
    routes.map((r) => r.id),
  );
  const points: LonLatPair[] = [...shifts.values()].flatMap((s) => [s.start, s.end]);
  for (const stops of next.values()) for (const s of stops) if (s.location) points.push(s.location);
  const travel = await travelFor(deps.config, points);
  const writes: RouteWrite[] = routes.map((r) => {
    const stops = next.get(r.id)!;
    return { routeId: r.id, stops, evaluation: evaluateRoute(shifts.get(r.id)!, stops, travel) };
  });
  const violations: Violation[] = writes.flatMap((w) => w.evaluation.violations);
  if (req.dryRun) return { result: { saved: false, routes: writes.map((w) => answer(w)), violations }, changed: null };
  if (violations.length && !req.force) {
    throw new AppError(
      'unprocessable',
      formatMessage(
        'The edit breaks {n, plural, one {# rule} other {# rules}}: {list}. Send force: true to save it anyway.',
        { n: violations.length, list: violations.map((v) => v.message).join('; ') },
        'en',
      ),
      {
        details: { violations, routes: writes.map((w) => answer(w)) },
      },
    );
  }
  const written = await writeRoutes(tx, actor, writes, removed);
  await recordEvent(tx, actor, req.op, 'route', routes[0]!.id, { ...req, violations: violations.length });
  return {
    result: { saved: true, routes: writes.map((w) => answer(w, written.newStops)), violations },
    changed: written.versions,
  };
}

/** Applies (or, with dryRun, previews) one edit. */
export async function applyEdit(deps: DispatchDeps, actor: Actor, req: EditRequest): Promise<EditResult> {
  const { result, changed } = await deps.db.transaction((tx) => editInTransaction(tx, deps, actor, req));
  for (const [routeId, v] of changed ?? [])
    deps.bus.publish('routeChanged', { orgId: actor.orgId, routeId, ...v, reason: 'edit' });
  return result;
}
