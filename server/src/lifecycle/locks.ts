/**
 * Locks keep a route, or one stop's position, out of re-plans and edits (the dispatcher's say
 * over the optimiser). Written here because routes and stops belong to the lifecycle; audited.
 */
import { type Actor, recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { notFound } from '../errors.ts';

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
