/**
 * Urgent orders into a day already planned (usually published), with the least disruption:
 * each order goes, by cheapest insertion, into an unlocked route of the day, after that route's
 * frozen prefix (locked or visited stops), and only where it adds no violation. Locked routes
 * and frozen prefixes never change; the answer lists every existing stop whose time moved.
 */
import type { InsertRequest, InsertResult } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import { AppError } from '../errors.ts';
import { travelFor } from '../travel/road.ts';
import type { LonLatPair } from '../travel/travel.ts';
import { evalStop, loadEvalShifts, loadOrderStops } from './context.ts';
import { type DispatchDeps, frozenPrefix } from './edit-service.ts';
import { type EvalStop, type Evaluation, evaluateRoute } from './evaluator.ts';
import { listRoutesOfDay } from '../lifecycle/route-repo.ts';
import { type RouteWrite, writeRoutes } from './route-writer.ts';

interface Candidate {
  routeId: string;
  stops: EvalStop[];
  evaluation: Evaluation;
  frozen: number;
}

export async function insertUrgent(deps: DispatchDeps, actor: Actor, req: InsertRequest): Promise<InsertResult> {
  const { result, versions } = await deps.db.transaction(async (tx) => {
    const routes = (await listRoutesOfDay(tx, actor.orgId, req.date)).filter((r) => !r.locked && r.status !== 'done');
    if (routes.length === 0)
      throw new AppError('unprocessable', `date: no unlocked route on ${req.date} to insert into`);
    await tx.query('SELECT id FROM routes WHERE id = ANY($1::uuid[]) FOR UPDATE', [routes.map((r) => r.id)]);
    const shifts = await loadEvalShifts(
      tx,
      actor.orgId,
      routes.map((r) => r.id),
    );
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
    const current = new Map<string, Candidate>(
      routes.map((r) => {
        const stops = r.stops.map(evalStop);
        return [
          r.id,
          {
            routeId: r.id,
            stops,
            evaluation: evaluateRoute(shifts.get(r.id)!, stops, travel),
            frozen: frozenPrefix(r.stops),
          },
        ];
      }),
    );
    const onRoute = await tx.query<{ order_id: string }>(
      // Open stops only: the visited stop of an earlier attempt does not hold a re-queued order.
      `SELECT order_id FROM stops WHERE order_id = ANY($1::uuid[]) AND status IN ('pending', 'arrived')`,
      [req.orderIds],
    );
    const busy = new Set(onRoute.rows.map((r) => r.order_id));
    const result: InsertResult = { inserted: [], notInserted: [], moved: [] };
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
      let best: (Candidate & { cost: number; position: number }) | null = null;
      for (const c of current.values()) {
        const shift = shifts.get(c.routeId)!;
        for (let p = c.frozen + 1; p <= c.stops.length; p++) {
          const stops = [...c.stops.slice(0, p), o, ...c.stops.slice(p)];
          const evaluation = evaluateRoute(shift, stops, travel);
          if (evaluation.violations.length > c.evaluation.violations.length) continue;
          const cost =
            evaluation.durationS - c.evaluation.durationS + (evaluation.distanceM - c.evaluation.distanceM) / 10;
          if (!best || cost < best.cost) best = { ...c, stops, evaluation, cost, position: p };
        }
      }
      if (!best) {
        result.notInserted.push({
          orderId: id,
          message: `no unlocked route on ${req.date} can take it without breaking a rule`,
        });
        continue;
      }
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
    await recordEvent(tx, actor, 'insert', 'route', null, {
      date: req.date,
      inserted: result.inserted.length,
      moved: result.moved.length,
    });
    return { result, versions: written.versions };
  });
  for (const [routeId, v] of versions)
    deps.bus.publish('routeChanged', { orgId: actor.orgId, routeId, ...v, reason: 'insert' });
  return result;
}
