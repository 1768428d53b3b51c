/**
 * The live ETA engine: recomputes a route's remaining ETAs from the driver's latest fix,
 * throttled per route (positions arrive every few seconds; a recompute every `throttleMs` is
 * plenty), and at once on stop events. One recompute per route runs at a time; a request
 * during it runs once more after it, so the last position always counts.
 */
import { type InstantWindow, isVisit, windowsOnDay } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';
import { coordinateTravel, type LonLatPair, type Travel } from '../travel/travel.ts';
import { computeEtas, type Eta, type EtaStop, isStale, remainingOrder } from './engine.ts';
import { type EtaRoute, type EtaRouteStop, latestFix, loadEtaRoute, storeEtas } from './repo.ts';
import { createEtaTravel } from './travel-cache.ts';

/** One remaining stop's ETA with its place in the driver's queue (0 = next). */
export interface StopEta extends Eta {
  orderId: string | null;
  stopsBefore: number;
}

export interface RouteEtas {
  route: EtaRoute;
  fix: { location: LonLatPair; at: number };
  stale: boolean;
  etas: StopEta[];
}

export interface EtaEngine {
  /** Recomputes unless one ran for this route within the throttle; `force` for stop events. */
  request(routeId: string, force?: boolean): void;
  /** Recomputes now and answers the result (null: no route, no driver or no fix yet). */
  recompute(routeId: string): Promise<RouteEtas | null>;
  /** Resolves once no recompute is running or queued. */
  drain(): Promise<void>;
  /** Drops the trailing recomputes still waiting for the throttle. */
  close(): void;
}

/**
 * A remaining stop as the engine takes it: a visit with its windows on the route's day (every
 * one of them, in the depot's zone); a break with its duration, from its earliest start to its
 * latest (the shift's window minus the duration), like the route evaluator — a break the driving
 * limit added (no shift break) lasts what the plan gave it, any time; a reload at the depot with
 * the vehicle's reload minutes, any time.
 */
export function etaStop(route: EtaRoute, s: EtaRouteStop): EtaStop {
  if (s.kind === 'break') {
    const b = s.breakIndex !== null ? route.breaks[s.breakIndex] : undefined;
    const windows: InstantWindow[] = b ? [{ startMs: b.startMs, endMs: b.endMs - b.durationS * 1000 }] : [];
    return { id: s.id, kind: 'break', location: null, serviceS: b?.durationS ?? s.serviceS, windows, arrived: false };
  }
  if (s.kind === 'reload') {
    return {
      id: s.id,
      kind: 'reload',
      location: s.location,
      serviceS: s.serviceS,
      windows: [],
      arrived: s.status === 'arrived',
    };
  }
  return {
    id: s.id,
    kind: 'visit',
    location: s.location,
    serviceS: s.serviceS,
    windows: windowsOnDay(route.localDate, s.timeWindows, route.timeZone),
    arrived: s.status === 'arrived',
  };
}

export function createEtaEngine(deps: {
  db: Db;
  log: Logger;
  throttleMs: number;
  /** The straight-line model (TRAVEL_SPEED_KMH, TRAVEL_CIRCUITY), and OSRM's fallback. */
  travel?: Travel;
  /** OSRM_URL: live ETAs then use OSRM's durations, like the plan. */
  osrmUrl?: string | undefined;
  onEtas(r: RouteEtas): Promise<void> | void;
}): EtaEngine {
  const roads = createEtaTravel({ osrmUrl: deps.osrmUrl, fallback: deps.travel ?? coordinateTravel(), log: deps.log });
  const lastRun = new Map<string, number>();
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  const trailing = new Map<string, NodeJS.Timeout>();

  async function recompute(routeId: string): Promise<RouteEtas | null> {
    const route = await loadEtaRoute(deps.db, routeId);
    if (!route?.driverId || (route.status !== 'published' && route.status !== 'in_progress')) return null;
    const fix = await latestFix(deps.db, route.driverId);
    if (!fix) return null;
    const now = Date.now();
    const stale = isStale(fix.at, now);
    // A shift's break whose latest end has passed was taken (or skipped): the app does not report
    // breaks. A driving break (no shift break) is still to take until a later stop is done.
    const queue = remainingOrder(route.stops).filter((s) =>
      s.kind === 'break'
        ? s.breakIndex === null || (route.breaks[s.breakIndex]?.endMs ?? 0) > now
        : s.location !== null,
    );
    const stops = queue.map((s) => etaStop(route, s));
    const points = route.stops.flatMap((s) => (s.location ? [s.location] : []));
    // The live leg: from the position to the first place to drive to (none when already there).
    const first = stops.find((s) => s.kind !== 'break');
    const next = first && !first.arrived ? first.location : null;
    const travel = await roads.forRoute(route, points, fix.location, next);
    // A stale fix still gives ETAs (from where the driver was last seen), flagged stale.
    const etas = computeEtas({ now, driver: fix, stops, travel, slowness: route.slowness });
    await storeEtas(deps.db, etas, fix.at);
    // Places in the driver's queue count visits only (a break or a reload at the depot is not a
    // stop the customer waits for).
    const visits = queue.filter((s) => isVisit(s.kind));
    const byId = new Map(queue.map((s) => [s.id, { orderId: s.orderId, stopsBefore: Math.max(0, visits.indexOf(s)) }]));
    return {
      route,
      fix,
      stale,
      etas: etas.map((e) => ({ ...e, ...byId.get(e.stopId)! })),
    };
  }

  const run = (routeId: string) => {
    const p = (async () => {
      try {
        lastRun.set(routeId, Date.now());
        const r = await recompute(routeId);
        if (r) await deps.onEtas(r);
      } catch (err) {
        deps.log.error({ err, routeId }, 'ETA recompute failed');
      } finally {
        running.delete(routeId);
        if (again.delete(routeId)) run(routeId);
      }
    })();
    running.set(routeId, p);
  };

  return {
    request(routeId, force = false) {
      if (running.has(routeId)) {
        again.add(routeId);
        return;
      }
      const wait = deps.throttleMs - (Date.now() - (lastRun.get(routeId) ?? 0));
      if (force || wait <= 0) {
        clearTimeout(trailing.get(routeId));
        trailing.delete(routeId);
        run(routeId);
      } else if (!trailing.has(routeId)) {
        // The last position of a burst still counts, once the throttle allows. A random extra
        // delay spreads routes that started together, so they do not all recompute at once.
        const jitter = Math.random() * deps.throttleMs * 0.25;
        trailing.set(
          routeId,
          setTimeout(() => {
            trailing.delete(routeId);
            run(routeId);
          }, wait + jitter).unref(),
        );
      }
    },
    close() {
      for (const t of trailing.values()) clearTimeout(t);
      trailing.clear();
    },
    recompute,
    async drain() {
      while (running.size > 0) await Promise.all([...running.values()]);
    },
  };
}
