/**
 * The travel live ETAs use: the plan's. Without OSRM_URL, the straight-line model
 * (TRAVEL_SPEED_KMH, TRAVEL_CIRCUITY). With it, OSRM's durations: the matrix between a route's
 * stops is asked once per route version and stop set and kept, and each recompute asks one
 * table row, from the driver's live position to the next stop.
 *
 * An OSRM outage never stops ETAs: any failed or slow call answers with the straight-line model,
 * is logged once when the outage starts (and once when OSRM answers again), and OSRM is left
 * alone for `retryMs` so a dead server does not cost every recompute a timeout.
 */
import type { Logger } from '../logger.ts';
import { createOsrmClient, type OsrmClient } from '../travel/osrm.ts';
import { type LonLatPair, matrixTravel, pointKey, type Travel } from '../travel/travel.ts';

export interface EtaTravelOptions {
  /** OSRM's base URL (OSRM_URL); unset = the straight-line model only. */
  osrmUrl?: string | undefined;
  /** The straight-line model, and the answer whenever OSRM does not give one. */
  fallback: Travel;
  log: Logger;
  /** Per OSRM request. @default 3000 */
  timeoutMs?: number;
  /** After a failure, OSRM is not asked again for this long. @default 30000 */
  retryMs?: number;
  /** Routes whose matrix is kept. @default 2000 */
  maxRoutes?: number;
}

export interface EtaTravel {
  /**
   * The travel for one recompute: between the route's stops (`points`, every stop of the route
   * version, so a delivered stop does not change the key) and from `from` (the live position)
   * to `next` (the next stop).
   */
  forRoute(
    route: { id: string; version: number },
    points: readonly LonLatPair[],
    from: LonLatPair,
    next: LonLatPair | null,
  ): Promise<Travel>;
}

/** `base` for every pair, except the live leg `from` → `to`, which takes `seconds`. */
function withLeg(base: Travel, from: LonLatPair, to: LonLatPair, seconds: number): Travel {
  const a = pointKey(from);
  const b = pointKey(to);
  return {
    distanceM: base.distanceM,
    timeS: (p, q) => (pointKey(p) === a && pointKey(q) === b ? seconds : base.timeS(p, q)),
  };
}

export function createEtaTravel(opts: EtaTravelOptions): EtaTravel {
  const { fallback, log } = opts;
  if (!opts.osrmUrl) return { forRoute: async () => fallback };
  const base = opts.osrmUrl.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 3000;
  const retryMs = opts.retryMs ?? 30_000;
  const maxRoutes = opts.maxRoutes ?? 2000;
  // Its own client: a short timeout (planning waits up to 30 s; an ETA should not).
  const osrm: OsrmClient = createOsrmClient(base, { timeoutMs, cacheSize: 200_000 });
  const matrices = new Map<string, { key: string; travel: Promise<Travel | null> }>();
  let downUntil = 0;
  let down = false;

  const failed = (err: unknown, what: string) => {
    downUntil = Date.now() + retryMs;
    if (!down)
      log.warn({ err, osrm: base, what }, 'OSRM unreachable for live ETAs: straight-line travel until it answers');
    down = true;
  };
  const answered = () => {
    if (down) log.info({ osrm: base }, 'OSRM answers again: live ETAs use its durations');
    down = false;
  };
  const usable = () => Date.now() >= downUntil;

  async function matrix(points: readonly LonLatPair[]): Promise<Travel | null> {
    const unique = [...new Map(points.map((p) => [pointKey(p), p])).values()];
    if (unique.length < 2) return fallback;
    try {
      const m = await osrm.table(unique);
      answered();
      // Durations only: ETAs need no distances, and kept matrices then weigh half as much.
      return matrixTravel(unique, { durations: m.durations, distances: [] }, fallback);
    } catch (err) {
      failed(err, 'route matrix');
      return null;
    }
  }

  async function leg(from: LonLatPair, to: LonLatPair): Promise<number | null> {
    const coords = [from, to].map((p) => `${p[0].toFixed(6)},${p[1].toFixed(6)}`).join(';');
    try {
      const res = await fetch(`${base}/table/v1/driving/${coords}?sources=0&destinations=1&annotations=duration`, {
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = (await res.json()) as { code?: string; durations?: (number | null)[][] };
      if (!res.ok || body.code !== 'Ok') throw new Error(`OSRM answered ${res.status} ${body.code ?? ''}`);
      answered();
      return body.durations?.[0]?.[0] ?? null;
    } catch (err) {
      failed(err, 'live leg');
      return null;
    }
  }

  return {
    async forRoute(route, points, from, next) {
      const key = `${route.version}|${points.map(pointKey).join(';')}`;
      let entry = matrices.get(route.id);
      if (!entry || entry.key !== key) {
        if (!usable()) return fallback;
        entry = { key, travel: matrix(points) };
        matrices.delete(route.id);
        matrices.set(route.id, entry);
        // Oldest route first out: a day's routes fit many times over.
        if (matrices.size > maxRoutes) matrices.delete(matrices.keys().next().value!);
      }
      let travel = await entry.travel;
      if (!travel) {
        // Not kept: the matrix is asked again once OSRM is back.
        if (matrices.get(route.id) === entry) matrices.delete(route.id);
        travel = fallback;
      }
      if (!next || !usable()) return travel;
      const seconds = await leg(from, next);
      return seconds === null ? travel : withLeg(travel, from, next, seconds);
    },
  };
}
