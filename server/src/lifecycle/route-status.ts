/**
 * Route statuses and what they do to their orders: publishing a route dispatches its orders,
 * starting it puts them in progress. Also the locks, which keep a route or one stop's position
 * out of re-plans and edits. A route starts on its own date (in its depot's zone) only,
 * unless a dispatcher allowed another day (`start_any_day`); both the permission and a start
 * on another day are audited.
 */
import { type RouteStatus, utcToLocal } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import type { DepotsRow } from '../db/rows/depots.ts';
import type { RoutesRow } from '../db/rows/routes.ts';
import { AppError, notFound } from '../errors.ts';
import { transitionOrders } from './order-status.ts';

export interface PublishedRoute {
  id: string;
  version: number;
  driverId: string | null;
  localDate: string;
}

/**
 * Publishes the organisation's draft routes with stops (of a day, or the given ones): version
 * + 1, and their planned orders dispatched. Answers the routes and the number of orders.
 */
export async function publishRoutes(
  tx: Db,
  actor: Actor,
  q: { date: string | null; routeIds: string[] | null },
): Promise<{ routes: PublishedRoute[]; orders: number }> {
  // Only routes with stops: an empty route has nothing for a driver.
  const { rows } = await tx.query<Pick<RoutesRow, 'id' | 'version' | 'driver_id' | 'local_date'>>(
    `UPDATE routes r SET status = 'published', published_at = now(), version = version + 1, updated_at = now()
      WHERE r.org_id = $1 AND r.status = 'planned' AND ($2::date IS NULL OR r.local_date = $2)
        AND ($3::uuid[] IS NULL OR r.id = ANY($3)) AND EXISTS (SELECT 1 FROM stops s WHERE s.route_id = r.id)
      RETURNING r.id, r.version, r.driver_id, r.local_date`,
    [actor.orgId, q.date, q.routeIds],
  );
  const ids = rows.map((r) => r.id);
  const orderIds = await ordersOn(tx, ids, ['planned']);
  const { changed } = await transitionOrders(tx, actor, orderIds, 'dispatched', 'publish');
  return {
    routes: rows.map((r) => ({ id: r.id, version: r.version, driverId: r.driver_id, localDate: r.local_date })),
    orders: changed.length,
  };
}

/** Orders in one of `statuses` with a stop still to visit (pending or arrived) on the routes. */
async function ordersOn(tx: Db, routeIds: string[], statuses: string[]): Promise<string[]> {
  if (routeIds.length === 0) return [];
  const { rows } = await tx.query<{ id: string }>(
    `SELECT DISTINCT o.id FROM stops s JOIN orders o ON o.id = s.order_id
      WHERE s.route_id = ANY($1::uuid[]) AND s.status IN ('pending', 'arrived') AND o.status = ANY($2::text[])`,
    [routeIds, statuses],
  );
  return rows.map((r) => r.id);
}

export interface StartOptions {
  /** When the route started (the driver's device time). */
  at: Date;
  /** @default new Date() */
  now?: Date;
}

/**
 * Starts a published route: `in_progress`, `started_at`, its dispatched orders `in_progress`
 * (but those still to be picked up on it).
 * Allowed on the route's date in its depot's zone: today's, or the day of `at` when that is
 * earlier (an event queued offline yesterday still counts for yesterday; a phone clock ahead
 * gains nothing). A route already started (or not published) is answered as it is.
 */
export async function startRoute(
  tx: Db,
  actor: Actor,
  routeId: string,
  opts: StartOptions,
): Promise<{ started: boolean; status: RouteStatus }> {
  const { rows } = await tx.query<
    Pick<RoutesRow, 'local_date' | 'start_any_day'> & Pick<DepotsRow, 'time_zone'> & { status: RouteStatus }
  >(
    `SELECT r.status, r.local_date, r.start_any_day, d.time_zone FROM routes r JOIN depots d ON d.id = r.depot_id
      WHERE r.id = $1 AND r.org_id = $2 FOR UPDATE OF r`,
    [routeId, actor.orgId],
  );
  const r = rows[0];
  if (!r) throw notFound('Route');
  if (r.status !== 'published') return { started: false, status: r.status };
  const now = opts.now ?? new Date();
  const dayOf = (ms: number) => utcToLocal(ms, r.time_zone).localDate;
  const today = dayOf(now.getTime());
  const otherDay = today !== r.local_date && dayOf(Math.min(opts.at.getTime(), now.getTime())) !== r.local_date;
  if (otherDay && !r.start_any_day) {
    throw new AppError(
      'conflict',
      `This route is for ${r.local_date} and today is ${today} (${r.time_zone}): it cannot be started today unless a dispatcher allows it`,
      { details: { localDate: r.local_date, today } },
    );
  }
  await tx.query(
    `UPDATE routes SET status = 'in_progress', started_at = coalesce(started_at, $2), updated_at = now() WHERE id = $1`,
    [routeId, opts.at],
  );
  // Pickup and delivery orders stay dispatched until their goods are picked up (stop-outcome.ts).
  const waiting = await tx.query<{ order_id: string }>(
    `SELECT order_id FROM stops WHERE route_id = $1 AND kind = 'pickup' AND status IN ('pending', 'arrived')`,
    [routeId],
  );
  const notYet = new Set(waiting.rows.map((w) => w.order_id));
  const orderIds = (await ordersOn(tx, [routeId], ['dispatched'])).filter((id) => !notYet.has(id));
  const { changed } = await transitionOrders(tx, actor, orderIds, 'in_progress', 'route_start', {
    details: { routeId },
  });
  await recordEvent(tx, actor, 'route.start', 'route', routeId, {
    localDate: r.local_date,
    today,
    otherDay,
    orders: changed.length,
  });
  return { started: true, status: 'in_progress' };
}

/** Allows (or no longer allows) the driver to start the route on a day other than its date. */
export async function allowStartAnyDay(
  tx: Db,
  actor: Actor,
  routeId: string,
  allowed: boolean,
): Promise<{ routeId: string; allowed: boolean; localDate: string }> {
  const { rows } = await tx.query<{ local_date: string }>(
    'UPDATE routes SET start_any_day = $3, updated_at = now() WHERE org_id = $1 AND id = $2 RETURNING local_date',
    [actor.orgId, routeId, allowed],
  );
  if (!rows[0]) throw notFound('Route');
  await recordEvent(tx, actor, allowed ? 'route.start_override' : 'route.start_override_revoked', 'route', routeId, {
    localDate: rows[0].local_date,
  });
  return { routeId, allowed, localDate: rows[0].local_date };
}

/** Marks the route done once no visit is left (a pending break or reload at the depot does not count); answers its status. */
export async function finishRouteIfDone(tx: Db, routeId: string): Promise<RouteStatus | null> {
  const { rows } = await tx.query<{ status: RouteStatus }>(
    `UPDATE routes SET status = 'done', updated_at = now() WHERE id = $1 AND status <> 'done'
        AND NOT EXISTS (SELECT 1 FROM stops WHERE route_id = $1 AND kind NOT IN ('break', 'reload') AND status IN ('pending', 'arrived'))
      RETURNING status`,
    [routeId],
  );
  return rows[0]?.status ?? null;
}

/** Locks or unlocks a whole route; answers its date and version (for `route:changed`). */
export async function setRouteLock(
  tx: Db,
  actor: Actor,
  routeId: string,
  locked: boolean,
): Promise<{ localDate: string; version: number }> {
  const { rows } = await tx.query<{ local_date: string; version: number }>(
    'UPDATE routes SET locked = $3, updated_at = now() WHERE org_id = $1 AND id = $2 RETURNING local_date, version',
    [actor.orgId, routeId, locked],
  );
  if (!rows[0]) throw notFound('Route');
  await recordEvent(tx, actor, locked ? 'lock' : 'unlock', 'route', routeId);
  return { localDate: rows[0].local_date, version: rows[0].version };
}

/** Locks or unlocks one stop's position on its route. */
export async function setStopLock(tx: Db, actor: Actor, stopId: string, locked: boolean): Promise<void> {
  const { rows } = await tx.query<{ id: string }>(
    `UPDATE stops s SET locked = $3 FROM routes r WHERE r.id = s.route_id AND r.org_id = $1 AND s.id = $2 RETURNING s.id`,
    [actor.orgId, stopId, locked],
  );
  if (!rows[0]) throw notFound('Stop');
  await recordEvent(tx, actor, locked ? 'lock' : 'unlock', 'stop', stopId);
}
