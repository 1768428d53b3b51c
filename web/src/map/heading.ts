/**
 * Which way a driver is heading, for the arrow on the dispatcher's map (pure): the phone's
 * compass heading when it sent one, else the bearing from its previous position.
 */

/** Below this, two fixes differ by GPS noise more than by movement: no bearing is read from them. */
export const MIN_MOVE_M = 15;

const rad = (d: number) => (d * Math.PI) / 180;

/** Metres between two [lon, lat] points (equirectangular: exact enough over a few hundred metres). */
export function distanceM(a: [number, number], b: [number, number]): number {
  const x = rad(b[0] - a[0]) * Math.cos(rad((a[1] + b[1]) / 2));
  const y = rad(b[1] - a[1]);
  return Math.hypot(x, y) * 6_371_000;
}

/** Initial bearing from `a` to `b`, degrees clockwise from north in [0, 360). */
export function bearingDeg(a: [number, number], b: [number, number]): number {
  const φ1 = rad(a[1]);
  const φ2 = rad(b[1]);
  const Δλ = rad(b[0] - a[0]);
  const y = Math.sin(Δλ) * Math.cos(φ2);
  const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ);
  return ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
}

/**
 * The heading to draw: the device's when known, else the bearing of the last move when it was
 * long enough to mean something, else the heading drawn before (a driver waiting at a stop keeps
 * pointing where they came from); null when nothing is known.
 */
export function headingOf(
  device: number | null | undefined,
  previous: { coordinates: [number, number]; heading: number | null } | undefined,
  now: [number, number],
): number | null {
  if (typeof device === 'number' && Number.isFinite(device)) return device % 360;
  if (!previous) return null;
  if (distanceM(previous.coordinates, now) >= MIN_MOVE_M) return bearingDeg(previous.coordinates, now);
  return previous.heading;
}
