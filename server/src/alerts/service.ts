/**
 * The alerts service: handlers for positions, stop statuses, live ETAs and failed messages, and
 * a sweep (every 30 s) for what is noticed by its absence (no fix, no start, a failed message).
 *
 * Positions stay cheap at thousands a second: per driver only a small state lives in memory
 * (how many fixes in a row were off the line, the last distances, the last fix time); a route's
 * line is loaded once per version (dropped on a route change, or by the sweep when another
 * process changed it), and the open alerts are known from a set refreshed by the sweep. The
 * database is written only when an alert opens or resolves; the unique index on unresolved
 * alerts makes two processes detecting the same thing open one alert, announced once.
 */
import type { Alert, AlertType } from '@tournee/shared';
import type { DriverPositionEvent, StopStatusEvent } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';
import { type CachedRoute, createCaches } from './caches.ts';
import { freshOffRoute, isLateRisk, type OffRouteState, offRouteStep } from './detectors.ts';
import { pointToLineDistanceM } from '@tournee/shared';
import { type NewAlert, openAlert, publicAlert, resolveAlert } from './repo.ts';
import { runSweep, type SweepContext, sweepMessages } from './sweep.ts';

export type AlertEventName = 'alert:new' | 'alert:acknowledged' | 'alert:resolved';
/** Sends an alert event to the day room of `alert.localDate` on `/dispatch`. */
export type AlertPublish = (orgId: string, event: AlertEventName, alert: Alert) => void;

export interface AlertsDeps {
  db: Db;
  log: Logger;
  publish: AlertPublish;
  /** The clock (tests move it). @default Date.now */
  now?: () => number;
}

/** A route's fresh live ETAs (`at`: when the visit starts, ms), as the ETA engine gives them. */
export interface LiveEtas {
  routeId: string;
  localDate: string;
  /** The driver's last fix is too old to trust them: no late risk is judged on them. */
  stale: boolean;
  etas: { stopId: string; at: number }[];
}

interface DriverState extends OffRouteState {
  routeId: string;
  lastFixAt: number;
}

export type Alerts = ReturnType<typeof createAlerts>;

export function createAlerts(deps: AlertsDeps) {
  const { db, log } = deps;
  const now = deps.now ?? Date.now;
  const drivers = new Map<string, DriverState>();
  /** `orgId|type|subject` of unresolved alerts (this process's view, refreshed by the sweep). */
  let unresolved = new Set<string>();
  const busy = new Set<string>();
  const work = new Set<Promise<unknown>>();
  const key = (orgId: string, type: AlertType, subject: string) => `${orgId}|${type}|${subject}`;

  const track = (p: Promise<unknown>) => {
    const q = p.catch((err) => log.error({ err }, 'alerts: handler failed'));
    work.add(q);
    void q.finally(() => work.delete(q));
  };
  const { routes, route, settings, stopWindows, invalidate, cachedRoutes } = createCaches(db, now, track);

  /** Opens (once) and announces; no-op while the same key is being written. */
  function open(a: Omit<NewAlert, 'at'>, force = false) {
    const k = key(a.orgId, a.type, a.subject);
    if ((!force && unresolved.has(k)) || busy.has(k)) return;
    busy.add(k);
    track(
      openAlert(db, { ...a, at: new Date(now()) })
        .then((row) => {
          unresolved.add(k);
          if (row) deps.publish(a.orgId, 'alert:new', publicAlert(row));
        })
        .finally(() => busy.delete(k)),
    );
  }

  function resolve(orgId: string, type: AlertType, subject: string, force = false) {
    const k = key(orgId, type, subject);
    if ((!force && !unresolved.has(k)) || busy.has(k)) return;
    busy.add(k);
    track(
      resolveAlert(db, orgId, type, subject, new Date(now()))
        .then((row) => {
          unresolved.delete(k);
          if (row) deps.publish(orgId, 'alert:resolved', publicAlert(row));
        })
        .finally(() => busy.delete(k)),
    );
  }

  /** One fix against the route line: off_route after N fixes far from it, resolved on return. */
  function position(r: CachedRoute, e: DriverPositionEvent) {
    let st = drivers.get(e.driverId);
    if (!st || st.routeId !== r.id) {
      st = { ...freshOffRoute(), routeId: r.id, lastFixAt: 0 };
      drivers.set(e.driverId, st);
    }
    st.lastFixAt = Date.parse(e.deviceAt);
    resolve(r.orgId, 'stale_gps', `route:${r.id}`);
    if (r.status !== 'in_progress' || !r.prepared) return;
    const s = settings(r.orgId);
    const distanceM = pointToLineDistanceM(e.location.coordinates, r.prepared);
    const { state, verdict } = offRouteStep(st, distanceM, s);
    st.offCount = state.offCount;
    st.lastM = state.lastM;
    if (verdict === 'off') {
      open({
        orgId: r.orgId,
        type: 'off_route',
        subject: `route:${r.id}`,
        localDate: r.localDate,
        routeId: r.id,
        driverId: e.driverId,
        details: { distanceM: Math.round(distanceM), lastM: st.lastM.map(Math.round), location: e.location },
      });
    } else if (verdict === 'on') resolve(r.orgId, 'off_route', `route:${r.id}`);
  }

  async function etas(orgId: string, e: LiveEtas) {
    if (e.stale) return;
    const [ends, r] = await Promise.all([stopWindows(e.routeId), route(e.routeId)]);
    const s = settings(orgId);
    const driverId = r?.driverId ?? null;
    const live = new Set<string>();
    for (const x of e.etas) {
      live.add(x.stopId);
      const w = ends.get(x.stopId);
      if (!w || w.end === null) continue;
      const etaAt = x.at;
      if (isLateRisk(etaAt, w.end, s)) {
        open({
          orgId,
          type: 'late_risk',
          subject: `stop:${x.stopId}`,
          localDate: e.localDate,
          routeId: e.routeId,
          stopId: x.stopId,
          orderId: w.orderId,
          driverId,
          details: {
            etaAt: new Date(etaAt).toISOString(),
            windowEndAt: new Date(w.end).toISOString(),
            lateMin: Math.round((etaAt - w.end) / 60_000),
          },
        });
      } else resolve(orgId, 'late_risk', `stop:${x.stopId}`);
    }
    // Stops no longer in the queue (served, failed) are not late any more.
    for (const stopId of ends.keys()) if (!live.has(stopId)) resolve(orgId, 'late_risk', `stop:${stopId}`);
  }

  const sweepCtx: SweepContext = {
    db,
    open: (a) => open(a),
    resolve: (orgId, type, subject) => resolve(orgId, type, subject, true),
    setUnresolved: (keys) => {
      // Writes under way keep their own view; everything else follows the database.
      unresolved = keys;
    },
    cachedRoutes,
    invalidate,
  };

  return {
    /** A driver's accepted fix (the `driver:position` event). Synchronous once the route is cached. */
    onDriverPosition(_orgId: string, e: DriverPositionEvent) {
      if (!e.routeId) return;
      const r = route(e.routeId);
      if (r instanceof Promise) track(r.then((c) => c && position(c, e)));
      else position(r, e);
    },
    /** A stop event applied: failed deliveries, a route started or done. */
    onStopStatus(orgId: string, e: StopStatusEvent) {
      const cached = routes.get(e.routeId);
      if (cached && !(cached instanceof Promise)) cached.status = e.routeStatus;
      const stop = `stop:${e.stopId}`;
      const base = { orgId, localDate: e.localDate, routeId: e.routeId, stopId: e.stopId, orderId: e.orderId };
      if (e.routeStatus !== 'published') resolve(orgId, 'route_not_started', `route:${e.routeId}`, true);
      if (e.status === 'failed') {
        open(
          { ...base, type: 'failed_delivery', subject: stop, driverId: e.driverId, details: { reason: e.reason } },
          true,
        );
      } else if (e.status !== 'pending') resolve(orgId, 'failed_delivery', stop, true);
      if (e.status !== 'pending' && e.status !== 'arrived') resolve(orgId, 'late_risk', stop);
      if (e.routeStatus === 'done') {
        resolve(orgId, 'off_route', `route:${e.routeId}`, true);
        resolve(orgId, 'stale_gps', `route:${e.routeId}`, true);
        if (drivers.get(e.driverId)?.routeId === e.routeId) drivers.delete(e.driverId);
      }
    },
    /** Fresh live ETAs of a route: late risk per stop. */
    onEtas(orgId: string, e: LiveEtas) {
      track(etas(orgId, e));
    },
    /** A route changed: its line and windows are read again. */
    onRouteChanged(_orgId: string, e: { routeId: string }) {
      invalidate(e.routeId);
    },
    /** Routes (re)published: their lines and windows are read again. */
    onRoutePublished(_orgId: string, e: { routes: { routeId: string }[] }) {
      for (const r of e.routes) invalidate(r.routeId);
    },
    /** An outbox message marked failed (the sweep also finds them, for messages failed elsewhere). */
    onMessageFailed(_orgId: string, e: { notificationId: string }) {
      track(sweepMessages(sweepCtx, now(), e.notificationId));
    },
    /** One pass of the periodic checks at `at` (tests pass a clock ahead of time). */
    sweep(at = now()) {
      const p = runSweep(sweepCtx, at);
      track(p);
      return p;
    },
    /** Resolves once every handler's writes are done (tests, shutdown). */
    async drain() {
      while (work.size > 0) await Promise.all([...work]);
    },
  };
}
