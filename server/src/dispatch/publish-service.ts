/**
 * Publication, locks and start overrides, over the lifecycle's writers. Publishing a day (or some
 * routes) makes their routes `published` (the drivers' apps show them), their orders
 * `dispatched`, bumps each route's version and stores its snapshot. Locks keep a route, or one
 * stop's position, out of re-plans and edits.
 */
import type { PublishRequest, PublishResult } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import { AppError } from '../errors.ts';
import type { DispatchDeps } from './edit-service.ts';
import { allowStartAnyDay, publishRoutes, setRouteLock, setStopLock } from '../lifecycle/route-status.ts';
import { snapshotRoutes } from '../lifecycle/versions.ts';

export async function publish(deps: DispatchDeps, actor: Actor, req: PublishRequest): Promise<PublishResult> {
  const { result, byDay } = await deps.db.transaction(async (tx) => {
    if (req.routeIds) {
      const found = await tx.query<{ id: string }>('SELECT id FROM routes WHERE org_id = $1 AND id = ANY($2::uuid[])', [
        actor.orgId,
        req.routeIds,
      ]);
      const known = new Set(found.rows.map((r) => r.id));
      const missing = req.routeIds.findIndex((id) => !known.has(id));
      if (missing >= 0) throw new AppError('bad_request', `routeIds[${missing}]: no route ${req.routeIds[missing]}`);
    }
    const published = await publishRoutes(tx, actor, { date: req.date ?? null, routeIds: req.routeIds ?? null });
    const ids = published.routes.map((r) => r.id);
    await snapshotRoutes(tx, ids);
    const result: PublishResult = {
      routes: published.routes.map((r) => ({ routeId: r.id, version: r.version, driverId: r.driverId })),
      orders: published.orders,
    };
    await recordEvent(tx, actor, 'publish', 'route', null, { ...req, routes: ids.length, orders: published.orders });
    const byDay = new Map<string, PublishResult['routes']>();
    for (const r of published.routes)
      byDay.set(r.localDate, [
        ...(byDay.get(r.localDate) ?? []),
        { routeId: r.id, version: r.version, driverId: r.driverId },
      ]);
    return { result, byDay };
  });
  for (const [localDate, routes] of byDay)
    deps.bus.publish('routePublished', { orgId: actor.orgId, localDate, routes });
  return result;
}

/** Locks or unlocks a whole route. */
export async function lockRoute(
  deps: DispatchDeps,
  actor: Actor,
  routeId: string,
  locked: boolean,
): Promise<{ routeId: string; locked: boolean }> {
  const row = await deps.db.transaction((tx) => setRouteLock(tx, actor, routeId, locked));
  deps.bus.publish('routeChanged', { orgId: actor.orgId, routeId, ...row, reason: 'lock' });
  return { routeId, locked };
}

/** Locks or unlocks one stop's position on its route. */
export async function lockStop(
  deps: DispatchDeps,
  actor: Actor,
  stopId: string,
  locked: boolean,
): Promise<{ stopId: string; locked: boolean }> {
  await deps.db.transaction((tx) => setStopLock(tx, actor, stopId, locked));
  return { stopId, locked };
}

/**
 * Lets the route's driver start it on a day other than its date (`allowed: false` takes that
 * back). Audited; the start itself is audited again, with the day it happened.
 */
export async function setStartOverride(
  deps: DispatchDeps,
  actor: Actor,
  routeId: string,
  allowed: boolean,
): Promise<{ routeId: string; allowed: boolean; localDate: string }> {
  return deps.db.transaction((tx) => allowStartAnyDay(tx, actor, routeId, allowed));
}
