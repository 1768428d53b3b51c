/**
 * What the alerts service keeps in memory so a position costs no query: each route's line
 * (projected once per version), each route's stop windows (late risk) and each organisation's
 * thresholds (re-read at most once a minute). Routes first seen in the same moment (2,000
 * drivers after a restart) are read in one statement.
 */
import { type AlertSettings, DEFAULT_ALERTS } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import { windowEndAt } from './detectors.ts';
import { type PreparedLine, prepareLine } from './geometry.ts';
import { settingsOf } from './settings.ts';
import { loadRouteInfos, loadStopWindows, orgAlertSettings, type RouteInfo } from './sources-repo.ts';

export interface CachedRoute extends RouteInfo {
  prepared: PreparedLine | null;
}

type Waiter = { resolve(r: RouteInfo | null): void; reject(err: unknown): void };

export function createCaches(db: Db, now: () => number, track: (p: Promise<unknown>) => void) {
  const routes = new Map<string, CachedRoute | Promise<CachedRoute | null>>();
  const windows = new Map<string, Promise<Map<string, { end: number | null; orderId: string | null }>>>();
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

  // Routes first seen in the same moment (2,000 drivers after a restart) are read in one statement.
  let batch: Map<string, Waiter> | null = null;
  function loadRoute(routeId: string): Promise<RouteInfo | null> {
    return new Promise((resolve, reject) => {
      if (!batch) {
        const b = new Map<string, Waiter>();
        batch = b;
        setImmediate(() => {
          batch = null;
          loadRouteInfos(db, [...b.keys()]).then(
            (infos) => {
              for (const [id, w] of b) w.resolve(infos.get(id) ?? null);
            },
            (err) => {
              for (const w of b.values()) w.reject(err);
            },
          );
        });
      }
      batch.set(routeId, { resolve, reject });
    });
  }

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

  function stopWindows(routeId: string) {
    let p = windows.get(routeId);
    if (!p) {
      p = loadStopWindows(db, routeId).then(
        (rows) =>
          new Map(
            rows.map((x) => [
              x.id,
              {
                orderId: x.order_id,
                end: windowEndAt(
                  x.local_date,
                  x.time_zone,
                  x.time_windows ?? [],
                  x.planned_arrival_at?.getTime() ?? null,
                ),
              },
            ]),
          ),
      );
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
