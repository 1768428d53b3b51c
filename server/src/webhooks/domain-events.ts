/**
 * Route and stop events for webhooks, from the domain-event bus (order events come from the
 * orders trigger, see migration 022): route.published, route.started, route.completed and
 * stop.eta_changed. An ETA change is sent for a stop when it moved by at least
 * ETA_MIN_CHANGE_S since the last one sent, and at most once every ETA_MIN_INTERVAL_S; its
 * subject is the stop's order, so it reaches subscribers in order with the order's own events.
 */
import type { Db } from '../db/db.ts';
import type { DomainHandlers } from '../events/bus.ts';
import { etaMarks, markEtaSent, someoneWants } from './eta-marks-repo.ts';
import { enqueueEvent, type NewEvent } from './outbox-repo.ts';

export const ETA_MIN_CHANGE_S = 120;
export const ETA_MIN_INTERVAL_S = 60;

export function webhookHandlers(deps: { db: Db; now: () => number; enqueued: () => void }): DomainHandlers {
  const { db } = deps;
  const put = async (e: NewEvent) => {
    if (await enqueueEvent(db, e)) deps.enqueued();
  };
  // The bus does not wait for async handlers: chained, the events are enqueued in the order they
  // were published (a route's `published` before its `started`). A failure does not stop the chain.
  let queue: Promise<void> = Promise.resolve();
  const inOrder =
    <T>(fn: (e: T) => void | Promise<void>) =>
    (e: T): Promise<void> => {
      const run = queue.then(() => fn(e));
      queue = run.catch(() => {});
      return run;
    };
  const handlers: DomainHandlers = {
    async routePublished(e) {
      for (const r of e.routes) {
        await put({
          orgId: e.orgId,
          type: 'route.published',
          subjectId: r.routeId,
          occurredAt: new Date(deps.now()),
          data: { routeId: r.routeId, localDate: e.localDate, version: r.version, driverId: r.driverId },
        });
      }
    },
    async stopStatus(e) {
      // The order's own event (delivered, failed…) was written by the orders trigger: send it now.
      deps.enqueued();
      // Each is sent once per route, whichever stop first shows it.
      const routeEvent = (type: 'route.started' | 'route.completed', at: Record<string, string>) =>
        put({
          orgId: e.orgId,
          type,
          subjectId: e.routeId,
          occurredAt: new Date(e.deviceAt),
          data: { routeId: e.routeId, localDate: e.localDate, driverId: e.driverId, ...at },
          once: true,
        });
      if (e.routeStatus === 'in_progress' || e.routeStatus === 'done') {
        await routeEvent('route.started', { startedAt: e.deviceAt });
      }
      if (e.routeStatus === 'done') await routeEvent('route.completed', { completedAt: e.deviceAt });
    },
    async etasChanged(e) {
      const etas = e.etas.filter((s) => s.orderId !== null);
      if (etas.length === 0 || !(await someoneWants(db, e.orgId, 'stop.eta_changed'))) return;
      const now = deps.now();
      const marks = await etaMarks(
        db,
        etas.map((s) => s.stopId),
      );
      for (const s of etas) {
        const mark = marks.get(s.stopId);
        if (mark) {
          const moved = Math.abs(s.at - mark.etaAt.getTime()) >= ETA_MIN_CHANGE_S * 1000;
          const rested = now - mark.sentAt.getTime() >= ETA_MIN_INTERVAL_S * 1000;
          if (!moved || !rested) continue;
        }
        await markEtaSent(db, s.stopId, new Date(s.at), new Date(now));
        await put({
          orgId: e.orgId,
          type: 'stop.eta_changed',
          subjectId: s.orderId!,
          occurredAt: new Date(now),
          data: {
            stopId: s.stopId,
            orderId: s.orderId,
            routeId: e.route.id,
            etaAt: new Date(s.at).toISOString(),
            previousEtaAt: mark ? mark.etaAt.toISOString() : null,
            lateS: s.lateS,
            stale: e.stale,
          },
        });
      }
    },
  };
  return {
    routePublished: inOrder(handlers.routePublished!),
    stopStatus: inOrder(handlers.stopStatus!),
    etasChanged: inOrder(handlers.etasChanged!),
  };
}
