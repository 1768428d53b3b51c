/**
 * The OsmAnd / Traccar Client position protocol: one fix per request, from the query string
 * (`?id=&lat=&lon=&timestamp=&speed=&bearing=&accuracy=`, GET or POST, also as a form body) or
 * Traccar Client's JSON (`{device_id, location: {timestamp, coords: {latitude, longitude, …}}}`).
 * Each becomes a PositionPoint for the same filters and ingest as the `/driver` socket.
 */
import { createHash } from 'node:crypto';
import { OsmAndJson, OsmAndPosition, type PositionPoint } from '@tournee/shared';
import { parse } from '../http/validate.ts';

/** The protocol's speed is in knots. */
const KNOT_MPS = 1852 / 3600;

/** Unix seconds, milliseconds, or an ISO date-time → ms (missing: now). */
function timeOf(t: number | string | undefined, nowMs: number): number {
  if (t === undefined) return nowMs;
  if (typeof t === 'string') return Date.parse(t);
  return t > 1e12 ? t : t * 1000;
}

/**
 * A stable id per device and fix: a tracker that re-sends a fix (it keeps them until answered)
 * has it stored once, as the phone's UUID does on the socket.
 */
function pointId(deviceKey: string, t: number, lon: number, lat: number): string {
  const h = createHash('sha256').update(`${deviceKey}|${t}|${lon}|${lat}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface TrackerFix {
  deviceKey: string;
  point: PositionPoint;
}

/** Reads one fix from a request's query and body (JSON or form); a 400 names the bad field. */
export function readFix(query: Record<string, unknown>, body: unknown, nowMs: number): TrackerFix {
  const b = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  if ('location' in b || 'device_id' in b) {
    const j = parse(OsmAndJson, b);
    const c = j.location.coords;
    const t = timeOf(j.location.timestamp, nowMs);
    return fixAt(j.device_id, t, c.longitude, c.latitude, {
      accuracyM: c.accuracy ?? null,
      // Traccar Client's JSON speed is in m/s; negative means unknown.
      speedMps: c.speed !== undefined && c.speed >= 0 ? c.speed : null,
      headingDeg: c.heading !== undefined && c.heading >= 0 && c.heading <= 360 ? c.heading : null,
    });
  }
  const q = parse(OsmAndPosition, { ...b, ...query }, 'query');
  const t = timeOf(q.timestamp, nowMs);
  return fixAt(q.id, t, q.lon, q.lat, {
    accuracyM: q.accuracy ?? null,
    speedMps: q.speed !== undefined ? q.speed * KNOT_MPS : null,
    headingDeg: q.bearing ?? null,
  });
}

/** One fix of a device at time `t` (ms); speed capped at 100 m/s, which no van reaches. */
function fixAt(
  deviceKey: string,
  t: number,
  lon: number,
  lat: number,
  reading: { accuracyM: number | null; speedMps: number | null; headingDeg: number | null },
): TrackerFix {
  const point = {
    id: pointId(deviceKey, t, lon, lat),
    deviceAt: new Date(t).toISOString(),
    coordinates: [lon, lat] as [number, number],
    ...reading,
    speedMps: reading.speedMps === null ? null : Math.min(reading.speedMps, 100),
  };
  return { deviceKey, point };
}
