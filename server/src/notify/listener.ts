/**
 * The customer side of the domain events (subscribed to the bus in app.ts): publication, the
 * driver's start, stop events and fresh ETAs decide the notifications and refresh the tracking
 * pages; positions move the driver on the pages of the next stops. Work is chained per route so
 * the messages of one route are decided in event order; a handler never throws into the bus.
 */
import type { RoutePublishedEvent, StopStatusEvent } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { DomainHandlers } from '../events/bus.ts';
import type { RouteEtas } from '../eta/service.ts';
import { expireLinksAfterDelivery } from '../links/links.ts';
import type { Logger } from '../logger.ts';
import type { TrackPush } from '../realtime/track.ts';
import { loadOrderContexts, routeOrderIds } from './context-repo.ts';
import { resolveSettings } from './settings.ts';
import { plannedTimes } from './told-times.ts';
import { fireTrigger, type TriggerDeps } from './triggers.ts';

export interface ListenerDeps extends TriggerDeps {
  db: Db;
  log: Logger;
  track: TrackPush | null;
  /** Resolves once what feeds the listener (the ETA engine, the bus) is idle. */
  upstreamIdle(): Promise<void>;
}

export interface NotifyListener {
  /** Its bus handlers: publications, stop statuses, positions and fresh ETAs. */
  handlers: DomainHandlers;
  /** Resolves once every queued handler ran (tests, shutdown). */
  drain(): Promise<void>;
}

export function createNotifyListener(deps: ListenerDeps): NotifyListener {
  const chains = new Map<string, Promise<void>>();
  // Per route, its orders still to deliver (the latest ETAs tell which): every position goes
  // straight to those of their pages that show the driver (realtime/track.ts decides which, from
  // the stops), between two ETA recomputes. Whatever the route's status in those ETAs: a first
  // arrival starts the route, and its next position must not wait for the ETAs that say so.
  const onTheRoad = new Map<string, string[]>();
  const queue = (key: string, what: string, fn: () => Promise<void>) => {
    const next = (chains.get(key) ?? Promise.resolve())
      .then(fn)
      .catch((err) => deps.log.error({ err, key }, `notify: ${what} failed`))
      .finally(() => {
        if (chains.get(key) === next) chains.delete(key);
      });
    chains.set(key, next);
  };

  async function published(e: RoutePublishedEvent) {
    for (const r of e.routes) {
      const ctxs = await loadOrderContexts(deps.db, await routeOrderIds(deps.db, r.routeId, true));
      for (const c of ctxs) {
        if (c.plannedArrivalAt === null) continue;
        // A re-publication that moves the stop to another band is a new message; the same band is not.
        const band = plannedTimes(c)!.band;
        await fireTrigger(deps, c, { trigger: 'published', version: `${e.localDate}@${band.startMs}` });
      }
    }
  }

  async function stop(e: StopStatusEvent) {
    if (e.type === 'started') {
      const ctxs = await loadOrderContexts(deps.db, await routeOrderIds(deps.db, e.routeId, true));
      for (const c of ctxs) await fireTrigger(deps, c, { trigger: 'started', version: e.routeId });
    } else if ((e.type === 'delivered' || e.type === 'failed') && e.orderId) {
      const [c] = await loadOrderContexts(deps.db, [e.orderId]);
      if (c) await fireTrigger(deps, c, { trigger: e.type, version: c.stopId ?? e.stopId, reason: e.reason });
      // After the message: its own link (the proof of delivery) expires with the others.
      await expireLinksAfterDelivery(deps.db, e.orderId, new Date(e.actualDepartureAt ?? e.deviceAt));
    }
    if (e.orderId) await deps.track?.refresh([e.orderId]);
  }

  async function onEtas(r: RouteEtas) {
    const orderIds = r.etas.flatMap((x) => (x.orderId ? [x.orderId] : []));
    // Stale positions give no message: the ETAs are kept for the page, flagged, not trusted.
    if (!r.stale && r.route.status === 'in_progress') {
      const ctxs = new Map((await loadOrderContexts(deps.db, orderIds)).map((c) => [c.orderId, c]));
      const now = Date.now();
      for (const x of r.etas) {
        const c = x.orderId ? ctxs.get(x.orderId) : undefined;
        if (!c) continue;
        const s = resolveSettings(c.settings.notify);
        const ctx = { ...c, etaAt: x.at };
        if (x.stopsBefore === 0 || x.at - now <= s.nextWithinMin * 60_000) {
          await fireTrigger(deps, ctx, { trigger: 'next', version: c.stopId ?? x.stopId, eta: x.at });
        } else {
          // Optional (notify.triggers.proximity): once per stop, a few stops ahead; when it is off
          // or was sent already, the ETA-moved check still runs.
          const told =
            x.stopsBefore <= s.proximityStops &&
            (await fireTrigger(deps, ctx, {
              trigger: 'proximity',
              version: c.stopId ?? x.stopId,
              eta: x.at,
              stopsAway: x.stopsBefore,
            })) > 0;
          if (!told && c.toldEtaAt !== null && Math.abs(x.at - c.toldEtaAt) > s.etaMovedMin * 60_000)
            await fireTrigger(deps, ctx, { trigger: 'eta_moved', version: String(c.etaMoves + 1), eta: x.at });
        }
      }
    }
    await deps.track?.refresh(orderIds);
  }

  const handlers: DomainHandlers = {
    routePublished: (e) => queue(`day:${e.localDate}`, 'route published', () => published(e)),
    driverPosition: (e) => {
      const orderIds = e.routeId ? onTheRoad.get(e.routeId) : undefined;
      if (orderIds) deps.track?.driverMoved(orderIds, { location: e.location, at: e.deviceAt });
    },
    stopStatus: (e) => queue(`route:${e.routeId}`, 'stop status', () => stop(e)),
    etasChanged: (r) => {
      // Here, not in the route's queue: the next position must not wait for the messages.
      const orderIds = r.etas.flatMap((x) => (x.orderId ? [x.orderId] : []));
      if (orderIds.length) onTheRoad.set(r.route.id, orderIds);
      else onTheRoad.delete(r.route.id);
      queue(`route:${r.route.id}`, 'ETA triggers', () => onEtas(r));
    },
  };

  return {
    handlers,
    async drain() {
      await deps.upstreamIdle();
      while (chains.size > 0) {
        await Promise.all([...chains.values()]);
        await deps.upstreamIdle();
      }
    },
  };
}
