/**
 * Stop events from the driver's phone: stored once per device UUID, then applied to the stop,
 * its order and its route by the order lifecycle (lifecycle/stop-outcome.ts) in the same
 * transaction, and announced to the dispatchers' day room.
 *
 * `started` (sent with any stop of the route), or any first event on a published route, starts
 * the route — only on the route's own date, unless a dispatcher allowed another day: otherwise
 * the event is refused (409, final: the phone drops it) and nothing is stored.
 */
import type { RouteStatus, StopEventInput, StopStatus } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import type { RoutesRow } from '../db/rows/routes.ts';
import type { StopsRow } from '../db/rows/stops.ts';
import type { DriverPrincipal } from '../drivers/access-repo.ts';
import { AppError } from '../errors.ts';
import { startRoute } from '../lifecycle/route-status.ts';
import { applyStopOutcome } from '../lifecycle/stop-outcome.ts';
import type { DomainPublisher } from '../events/bus.ts';
import { checkDeliveryCode } from './delivery-code.ts';
import { assertRequiredProof } from './required-proof.ts';

export interface AppliedStopEvent {
  id: string;
  applied: boolean;
  stopId: string;
  routeId: string;
  localDate: string;
  status: StopStatus;
}

const NEW_STATUS: Record<StopEventInput['type'], Exclude<StopStatus, 'pending'> | null> = {
  started: null,
  arrived: 'arrived',
  delivered: 'delivered',
  failed: 'failed',
  skipped: 'skipped',
};

type StopRow = Pick<StopsRow, 'route_id' | 'order_id' | 'code_failures'> &
  Pick<RoutesRow, 'driver_id' | 'org_id' | 'local_date'> & {
    route_status: RouteStatus;
    status: StopStatus;
    /** Null for a pickup stop. */
    require_proof: string[] | null;
    /** The order's (LEFT JOIN: null for a break or a reload). */
    delivery_code: string | null;
  };

/** Applies one stop event (or recognises it by id); throws forbidden for another driver's stop. */
export async function applyStopEvent(
  deps: { db: Db; bus: DomainPublisher },
  driver: DriverPrincipal,
  e: StopEventInput,
): Promise<AppliedStopEvent> {
  const actor: Actor = { userId: null, orgId: driver.orgId, role: 'driver' };
  const out = await deps.db.transaction(async (tx) => {
    const { rows } = await tx.query<StopRow>(
      `SELECT s.route_id, s.order_id, r.driver_id, r.org_id, r.local_date, r.status AS route_status, s.status,
              CASE WHEN s.kind = 'pickup' THEN NULL ELSE o.require_proof END AS require_proof,
              o.delivery_code, s.code_failures
         FROM stops s JOIN routes r ON r.id = s.route_id LEFT JOIN orders o ON o.id = s.order_id
        WHERE s.id = $1 FOR UPDATE OF s, r`,
      [e.stopId],
    );
    const stop = rows[0];
    if (!stop || stop.org_id !== driver.orgId) throw new AppError('not_found', `stopId: no stop ${e.stopId}`);
    if (stop.driver_id !== driver.driverId || stop.route_status === 'planned') {
      throw new AppError('forbidden', 'stopId: this stop is not on one of your published routes');
    }
    // Refused before it is stored: a delivery without the proof its order requires.
    assertRequiredProof(stop.require_proof, e);
    // A wrong or missing delivery code: counted and audited (committed), the event not stored.
    if (stop.status !== 'delivered') {
      const codeRefused = await checkDeliveryCode(
        tx,
        actor,
        driver.driverId,
        { id: e.stopId, required: stop.require_proof, code: stop.delivery_code, failures: stop.code_failures },
        e,
      );
      if (codeRefused) return { codeRefused };
    }
    const ins = await tx.query(
      `INSERT INTO stop_events (id, stop_id, driver_id, type, reason, note, recipient_name, device_at, org_id, route_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        e.id,
        e.stopId,
        driver.driverId,
        e.type,
        e.reason ?? null,
        e.note ?? null,
        e.recipientName ?? null,
        e.deviceAt,
        driver.orgId,
        stop.route_id,
      ],
    );
    const base = { id: e.id, stopId: e.stopId, routeId: stop.route_id, localDate: stop.local_date };
    if (ins.rowCount === 0) {
      const prev = await tx.query<{ driver_id: string; stop_id: string }>(
        'SELECT driver_id, stop_id FROM stop_events WHERE id = $1',
        [e.id],
      );
      if (prev.rows[0]?.stop_id !== e.stopId || prev.rows[0]?.driver_id !== driver.driverId) {
        throw new AppError('conflict', `id: event ${e.id} was already used for another stop`);
      }
      return { ...base, applied: false, status: stop.status, announce: null };
    }

    let routeStatus: RouteStatus = stop.route_status;
    let status = stop.status;
    if (e.type === 'started' || stop.route_status === 'published') {
      // Refused (409) on a day other than the route's date unless a dispatcher allowed it.
      routeStatus = (await startRoute(tx, actor, stop.route_id, { at: new Date(e.deviceAt) })).status;
    }
    const next = NEW_STATUS[e.type];
    let times = { arr: null as Date | null, dep: null as Date | null };
    let orderRefused: string | null = null;
    if (next) {
      const out = await applyStopOutcome(
        tx,
        actor,
        { id: e.stopId, routeId: stop.route_id, orderId: stop.order_id, status: stop.status },
        next,
        new Date(e.deviceAt),
        { eventId: e.id, reason: e.reason ?? null, note: e.note ?? null },
      );
      if (out) {
        status = out.status;
        times = { arr: out.actualArrivalAt, dep: out.actualDepartureAt };
        orderRefused = out.orderRefused;
        if (out.routeDone) routeStatus = 'done';
      }
    }
    await recordEvent(tx, actor, `stop_${e.type}`, 'stop', e.stopId, {
      eventId: e.id,
      driverId: driver.driverId,
      reason: e.reason ?? null,
      ...(orderRefused ? { orderRefused } : {}),
    });
    const announce = {
      eventId: e.id,
      type: e.type,
      stopId: e.stopId,
      routeId: stop.route_id,
      orderId: stop.order_id,
      driverId: driver.driverId,
      localDate: stop.local_date,
      status,
      routeStatus,
      reason: e.reason ?? null,
      deviceAt: new Date(e.deviceAt).toISOString(),
      actualArrivalAt: times.arr?.toISOString() ?? null,
      actualDepartureAt: times.dep?.toISOString() ?? null,
    };
    return { ...base, applied: true, status, announce };
  });
  if ('codeRefused' in out) throw out.codeRefused;
  if (out.announce) deps.bus.publish('stopStatus', { orgId: driver.orgId, ...out.announce });
  const { announce: _, ...result } = out;
  return result;
}
