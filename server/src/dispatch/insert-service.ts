/**
 * Urgent orders into a day already planned (usually published), with the least disruption:
 * each order goes, by cheapest insertion, into an unlocked route of the day, after that route's
 * frozen prefix (locked or visited stops), and only where it adds no violation; when none can
 * take it, a van on shift that day without a route goes out with it (published with the day).
 * Locked routes and frozen prefixes never change; the answer lists every existing stop whose
 * time moved, and the routes opened.
 */
import type { InsertRequest, InsertResult, Violation } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import { AppError } from '../errors.ts';
import { travelFor } from '../travel/road.ts';
import type { LonLatPair, Travel } from '../travel/travel.ts';
import { evalStop, loadEvalShifts, loadOrderStops } from './context.ts';
import { type DispatchDeps, frozenPrefix } from './edit-service.ts';
import { type EvalShift, type EvalStop, type Evaluation, evaluateRoute } from './evaluator.ts';
import { dropEmptyRoutes, openIdleShiftRoutes } from '../lifecycle/idle-routes.ts';
import { listRoutesOfDay } from '../lifecycle/route-repo.ts';
import { publishRoutes } from '../lifecycle/route-status.ts';
import { snapshotRoutes } from '../lifecycle/versions.ts';
import { type RouteWrite, writeRoutes } from './route-writer.ts';

interface Candidate {
  routeId: string;
  stops: EvalStop[];
  evaluation: Evaluation;
  frozen: number;
}

export async function insertUrgent(deps: DispatchDeps, actor: Actor, req: InsertRequest): Promise<InsertResult> {
  const { result, versions, published } = await deps.db.transaction(async (tx) => {
    const day = await listRoutesOfDay(tx, actor.orgId, req.date);
    const routes = day.filter((r) => !r.locked && r.status !== 'done');
    // Vans on shift without a route: sent out only for an order no running route can take.
    const opened = await openIdleShiftRoutes(tx, actor.orgId, req.date);
    if (routes.length === 0 && opened.length === 0)
      throw new AppError('unprocessable', `date: no unlocked route or idle van on ${req.date} to insert into`);
    await tx.query('SELECT id FROM routes WHERE id = ANY($1::uuid[]) FOR UPDATE', [routes.map((r) => r.id)]);
    const shifts = await loadEvalShifts(tx, actor.orgId, [...routes.map((r) => r.id), ...opened]);
    const orders = await loadOrderStops(tx, actor.orgId, req.orderIds);
    const points: LonLatPair[] = [...shifts.values()].flatMap((s) => [s.start, s.end]);
    for (const r of routes) for (const s of r.stops) if (s.location) points.push(s.location.coordinates);
    for (const o of orders.values()) if (o.location) points.push(o.location);
    const travel = await travelFor(deps.config, points);
    const before = new Map(
      routes.flatMap((r) =>
        r.stops.map((s) => [s.id, { routeId: r.id, orderId: s.orderId, at: s.plannedArrivalAt }] as const),
      ),
    );
    const candidate = (routeId: string, stops: EvalStop[], frozen: number): Candidate => ({
      routeId,
      stops,
      evaluation: evaluateRoute(shifts.get(routeId)!, stops, travel),
      frozen,
    });
    const current = new Map(routes.map((r) => [r.id, candidate(r.id, r.stops.map(evalStop), frozenPrefix(r.stops))]));
    const idle = new Map(opened.map((id) => [id, candidate(id, [], -1)]));
    const onRoute = await tx.query<{ order_id: string }>(
      // Open stops only: the visited stop of an earlier attempt does not hold a re-queued order.
      `SELECT order_id FROM stops WHERE order_id = ANY($1::uuid[]) AND status IN ('pending', 'arrived')`,
      [req.orderIds],
    );
    const busy = new Set(onRoute.rows.map((r) => r.order_id));
    const result: InsertResult = { inserted: [], notInserted: [], moved: [], opened: [] };
    const touched = new Set<string>();
    // In the order given: the dispatcher lists the most urgent first.
    const queue = req.orderIds.map((id) => ({ id, o: orders.get(id) }));
    for (const { id, o } of queue) {
      if (!o) {
        result.notInserted.push({ orderId: id, message: 'no such order' });
        continue;
      }
      if (busy.has(id)) {
        result.notInserted.push({ orderId: id, message: 'already on a route' });
        continue;
      }
      if (!['imported', 'planned'].includes(o.status)) {
        result.notInserted.push({ orderId: id, message: `the order is ${o.status}` });
        continue;
      }
      const running = cheapestPlace(current.values(), o, shifts, travel);
      const place = running.best ? running : cheapestPlace(idle.values(), o, shifts, travel);
      const best = place.best;
      if (!best) {
        const nearest = [running.nearest, place.nearest]
          .filter((n) => n !== null)
          .sort((a, b) => a.length - b.length)[0];
        const why = nearest ? `; at best it would break: ${nearest.map((v) => v.message).join('; ')}` : '';
        result.notInserted.push({
          orderId: id,
          message: `no unlocked route or idle van on ${req.date} can take it without breaking a rule${why}`,
        });
        continue;
      }
      if (idle.delete(best.routeId)) result.opened.push(best.routeId);
      current.set(best.routeId, {
        routeId: best.routeId,
        stops: best.stops,
        evaluation: best.evaluation,
        frozen: best.frozen,
      });
      touched.add(best.routeId);
    }
    const writes: RouteWrite[] = [...touched].map((id) => {
      const c = current.get(id)!;
      return { routeId: id, stops: c.stops, evaluation: c.evaluation };
    });
    const written = await writeRoutes(tx, actor, writes);
    for (const w of writes) {
      w.evaluation.stops.forEach((t, i) => {
        if (t.stopId === null && t.orderId) {
          result.inserted.push({
            orderId: t.orderId,
            routeId: w.routeId,
            stopId: written.newStops.get(t.orderId)!,
            position: i,
            plannedArrivalAt: new Date(t.arrivalMs).toISOString(),
          });
          return;
        }
        const old = t.stopId ? before.get(t.stopId) : undefined;
        if (!old?.at) return;
        const deltaS = Math.round((t.arrivalMs - Date.parse(old.at)) / 1000);
        if (deltaS !== 0) {
          result.moved.push({
            stopId: t.stopId!,
            routeId: w.routeId,
            orderId: old.orderId,
            fromArrivalAt: old.at,
            toArrivalAt: new Date(t.arrivalMs).toISOString(),
            deltaS,
          });
        }
      });
    }
    await dropEmptyRoutes(tx, opened);
    // A van sent out on a published day is published with it, so its driver gets the route.
    const published =
      result.opened.length > 0 && day.some((r) => r.status !== 'planned')
        ? (await publishRoutes(tx, actor, { date: null, routeIds: result.opened })).routes
        : [];
    await snapshotRoutes(
      tx,
      published.map((r) => r.id),
    );
    await recordEvent(tx, actor, 'insert', 'route', null, {
      date: req.date,
      inserted: result.inserted.length,
      moved: result.moved.length,
      opened: result.opened.length,
    });
    return { result, versions: written.versions, published };
  });
  for (const [routeId, v] of versions)
    deps.bus.publish('routeChanged', { orgId: actor.orgId, routeId, ...v, reason: 'insert' });
  if (published.length > 0)
    deps.bus.publish('routePublished', {
      orgId: actor.orgId,
      localDate: req.date,
      routes: published.map((r) => ({ routeId: r.id, version: r.version, driverId: r.driverId })),
    });
  return result;
}

/**
 * The cheapest place for the order after each candidate route's frozen prefix that adds no
 * violation (cost: added seconds, and metres / 10); and, when there is none, the violations
 * of the place that adds the fewest, to tell the dispatcher which rules stand in the way.
 */
function cheapestPlace(
  candidates: Iterable<Candidate>,
  o: EvalStop,
  shifts: Map<string, EvalShift>,
  travel: Travel,
): { best: (Candidate & { cost: number }) | null; nearest: Violation[] | null } {
  let best: (Candidate & { cost: number }) | null = null;
  let nearest: Violation[] | null = null;
  for (const c of candidates) {
    const shift = shifts.get(c.routeId)!;
    for (let p = c.frozen + 1; p <= c.stops.length; p++) {
      const stops = [...c.stops.slice(0, p), o, ...c.stops.slice(p)];
      const evaluation = evaluateRoute(shift, stops, travel);
      if (evaluation.violations.length > c.evaluation.violations.length) {
        const added = addedViolations(c.evaluation.violations, evaluation.violations);
        if (!nearest || added.length < nearest.length) nearest = added;
        continue;
      }
      const cost = evaluation.durationS - c.evaluation.durationS + (evaluation.distanceM - c.evaluation.distanceM) / 10;
      if (!best || cost < best.cost) best = { ...c, stops, evaluation, cost };
    }
  }
  return { best, nearest };
}

/** The violations of `after` that `before` did not have: by rule, and stop or dimension where they name one. */
function addedViolations(before: readonly Violation[], after: readonly Violation[]): Violation[] {
  const key = (v: Violation) =>
    [
      v.kind,
      'stopId' in v ? v.stopId : '',
      'orderId' in v ? v.orderId : '',
      'dimension' in v ? v.dimension : '',
    ].join();
  const had = new Set(before.map(key));
  return after.filter((v) => !had.has(key(v)));
}
