/**
 * The position filter: which of a batch's points are stored. Pure, so it is unit-tested alone.
 *
 * Dropped (and acked as rejected, since sending them again would not help): accuracy worse than
 * the limit, device time more than 2 minutes ahead of the server or older than the retention
 * (the same bounds hold for stop events, see deviceTimeProblem),
 * and a jump from the previous point (in device time) faster than the speed limit. Late points
 * (older than the last one seen) are kept: they fill the track but never move the marker.
 * Duplicate ids within the batch are acked as duplicates.
 */
import { greatCircleM, type PositionPoint, type PositionRejection } from '@tournee/shared';

export interface FilterOptions {
  maxAccuracyM: number;
  maxSpeedMps: number;
  /** @default 120 000 (2 minutes of clock drift) */
  maxFutureMs?: number;
  maxAgeMs: number;
}

export interface Fix {
  t: number;
  lon: number;
  lat: number;
}

export interface FilterResult {
  keep: (PositionPoint & { t: number })[];
  duplicates: string[];
  rejected: { id: string; reason: PositionRejection }[];
  /** The newest kept point, for the next batch's speed check. */
  last: Fix | null;
}

/** Clock drift allowed to a phone ahead of the server. */
export const DEFAULT_MAX_FUTURE_MS = 120_000;

/** Great-circle distance in metres between two lon/lat points (shared's greatCircleM). */
export const haversineM = (aLon: number, aLat: number, bLon: number, bLat: number): number =>
  greatCircleM([aLon, aLat], [bLon, bLat]);

/** The device-time bounds, shared by positions and stop events: null when `t` is within them. */
export function deviceTimeProblem(
  t: number,
  now: number,
  o: Pick<FilterOptions, 'maxFutureMs' | 'maxAgeMs'>,
): 'invalid' | 'future' | 'too_old' | null {
  if (!Number.isFinite(t)) return 'invalid';
  if (t > now + (o.maxFutureMs ?? DEFAULT_MAX_FUTURE_MS)) return 'future';
  if (t < now - o.maxAgeMs) return 'too_old';
  return null;
}

/** Filters one batch given the newest point kept before it (per socket), at server time `now`. */
export function filterBatch(points: PositionPoint[], prev: Fix | null, now: number, o: FilterOptions): FilterResult {
  const seen = new Set<string>();
  const duplicates: string[] = [];
  const rejected: FilterResult['rejected'] = [];
  const candidates: (PositionPoint & { t: number })[] = [];
  for (const p of points) {
    if (seen.has(p.id)) {
      duplicates.push(p.id);
      continue;
    }
    seen.add(p.id);
    const t = Date.parse(p.deviceAt);
    const timeProblem = deviceTimeProblem(t, now, o);
    if (timeProblem) rejected.push({ id: p.id, reason: timeProblem });
    else if (p.accuracyM != null && p.accuracyM > o.maxAccuracyM) rejected.push({ id: p.id, reason: 'accuracy' });
    else candidates.push({ ...p, t });
  }
  candidates.sort((a, b) => a.t - b.t);
  const keep: FilterResult['keep'] = [];
  let last = prev;
  for (const p of candidates) {
    const [lon, lat] = p.coordinates;
    if (last && p.t > last.t) {
      const speed = haversineM(last.lon, last.lat, lon, lat) / ((p.t - last.t) / 1000);
      // A fix a second later but hundreds of metres away is a GPS glitch, not a van.
      if (speed > o.maxSpeedMps && haversineM(last.lon, last.lat, lon, lat) > o.maxAccuracyM) {
        rejected.push({ id: p.id, reason: 'speed' });
        continue;
      }
    }
    keep.push(p);
    if (!last || p.t > last.t) last = { t: p.t, lon, lat };
  }
  return { keep, duplicates, rejected, last };
}
