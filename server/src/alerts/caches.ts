/**
 * What the alerts service keeps in memory so a position costs no query: each route's line
 * (projected once per version), each route's stop windows (late risk) and each organisation's
 * thresholds (re-read at most once a minute). Routes first seen in the same moment (2,000
 * drivers after a restart) are read in one statement, and so are their windows.
 */
import { type AlertSettings, DEFAULT_ALERTS } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import { windowEndAt } from './detectors.ts';
import { type PreparedLine, prepareLine } from '@tournee/shared';
import { settingsOf } from './settings.ts';
import { loadRouteInfos, loadStopWindows, orgAlertSettings, type RouteInfo } from './sources-repo.ts';

export interface CachedRoute extends RouteInfo {
  prepared: PreparedLine | null;
}

type WindowMap = Map<string, { end: number | null; orderId: string | null }>;

/** Gathers the keys asked for within `delayMs` into one call of `load`; a key it misses answers null. */
function batched<V>(
  load: (keys: string[]) => Promise<Map<string, V>>,
  delayMs = 10,
): (key: string) => Promise<V | null> {
  let batch: Map<string, { resolve(v: V | null): void; reject(err: unknown): void }[]> | null = null;
  return (key) =>
    new Promise((resolve, reject) => {
      if (!batch) {
        const b = new Map<string, { resolve(v: V | null): void; reject(err: unknown): void }[]>();
        batch = b;
        setTimeout(() => {
          batch = null;
          load([...b.keys()]).then(
            (found) => {
              for (const [k, ws] of b) for (const w of ws) w.resolve(found.get(k) ?? null);
            },
            (err) => {
              for (const ws of b.values()) for (const w of ws) w.reject(err);
            },
          );
        }, delayMs);
      }
      const waiting = batch.get(key) ?? [];
      waiting.push({ resolve, reject });
      batch.set(key, waiting);
    });
}

export function createCaches(db: Db, now: () => number, track: (p: Promise<unknown>) => void) {
  const routes = new Map<string, CachedRoute | Promise<CachedRoute | null>>();
  const windows = new Map<string, Promise<WindowMap>>();
  const orgSettings = new Map<string, { s: AlertSettings; at: number; loading: Promise<void> | null }>();

  /** Reads the organisation's thresholds unless read within the minute (one read at a time). */
  function refreshSettings(orgId: string): Promise<void> {
    let c = orgSettings.get(orgId);
    if (!c) {
      c = { s: DEFAULT_ALERTS, at: 0, loading: null };
      orgSettings.set(orgId, c);
    }
    if (!c.loading && (c.at === 0 || now() - c.at > 60_000)) {
      const entry = c;
      entry.loading = orgAlertSettings(db, orgId)
        .then((stored) => {
          entry.s = settingsOf(stored);
          entry.at = now();
        })
        .finally(() => {
          entry.loading = null;
        });
      track(entry.loading);
    }
    return c.loading ?? Promise.resolve();
  }

  /** The organisation's thresholds as last read (re-read in the background at most once a minute). */
  function settings(orgId: string): AlertSettings {
    void refreshSettings(orgId);
    return orgSettings.get(orgId)!.s;
  }

  // Routes first seen in the same moment (a reconnecting fleet, 2,000 first ETAs) are read in
  // one statement: 10 ms gathers them.
  const loadRoute = batched((ids) => loadRouteInfos(db, ids));
  const loadWindows = batched(async (ids) => {
    const byRoute = new Map<string, WindowMap>(ids.map((id) => [id, new Map()]));
    for (const x of await loadStopWindows(db, ids)) {
      const end = windowEndAt(x.local_date, x.time_zone, x.time_windows ?? [], x.planned_arrival_at?.getTime() ?? null);
      byRoute.get(x.route_id)?.set(x.id, { orderId: x.order_id, end });
    }
    return byRoute;
  });

  function route(routeId: string): CachedRoute | Promise<CachedRoute | null> {
    const hit = routes.get(routeId);
    if (hit) return hit;
    const p = loadRoute(routeId)
      .then(async (info) => {
        if (!info) {
          routes.delete(routeId);
          return null;
        }
        const c = orgSettings.get(info.orgId);
        if (!c || c.at === 0) await refreshSettings(info.orgId);
        const cached: CachedRoute = { ...info, prepared: info.line ? prepareLine(info.line) : null };
        if (routes.get(routeId) === p) routes.set(routeId, cached);
        return cached;
      })
      .catch((err: unknown) => {
        // Read again at the next fix.
        if (routes.get(routeId) === p) routes.delete(routeId);
        throw err;
      });
    routes.set(routeId, p);
    return p;
  }

  function stopWindows(routeId: string): Promise<WindowMap> {
    let p = windows.get(routeId);
    if (!p) {
      p = loadWindows(routeId).then((m) => m ?? new Map());
      p.catch(() => windows.delete(routeId));
      windows.set(routeId, p);
    }
    return p;
  }

  const invalidate = (routeId: string) => {
    routes.delete(routeId);
    windows.delete(routeId);
  };

  return {
    routes,
    route,
    settings,
    stopWindows,
    invalidate,
    /** The routes held (not those being read), for the sweep's version check. */
    cachedRoutes: () =>
      [...routes.entries()].flatMap(([id, r]) =>
        r instanceof Promise ? [] : [{ id, version: r.version, status: r.status, localDate: r.localDate }],
      ),
  };
}
