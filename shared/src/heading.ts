/**
 * Which way a vehicle points, from two successive positions (lon/lat), for the driver marker on
 * the tracking page and the driver app: the tracking view carries positions only, and phones
 * often report no heading when slow.
 */

import { greatCircleM } from './geo.ts';

const rad = Math.PI / 180;

/** Initial great-circle bearing from `a` to `b`, degrees clockwise from north, in [0, 360). */
export function bearingDeg(a: readonly [number, number], b: readonly [number, number]): number {
  const [l1, p1] = [a[0] * rad, a[1] * rad];
  const [l2, p2] = [b[0] * rad, b[1] * rad];
  const y = Math.sin(l2 - l1) * Math.cos(p2);
  const x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(l2 - l1);
  return (((Math.atan2(y, x) / rad) % 360) + 360) % 360;
}

/**
 * The heading to show after a move from `from` to `to`: the device's own heading when it gives
 * one, else the bearing of the move; a hop shorter than `minMoveM` (GPS jitter of a parked van)
 * keeps the previous heading. Null until known.
 * @param minMoveM @default 8
 */
export function headingAfterMove(
  previous: number | null,
  from: readonly [number, number] | null,
  to: readonly [number, number],
  deviceHeading: number | null = null,
  minMoveM = 8,
): number | null {
  if (deviceHeading !== null && Number.isFinite(deviceHeading)) return ((deviceHeading % 360) + 360) % 360;
  if (!from || greatCircleM(from, to) < minMoveM) return previous;
  return bearingDeg(from, to);
}

/**
 * Follows one vehicle's positions and says its heading: the reference point moves only with a
 * real move (≥ `minMoveM`), so a parked van's jitter never turns the arrow, and a slow van's
 * small steps add up until they count.
 * @param minMoveM @default 8
 */
export function headingTracker(minMoveM = 8): {
  update(at: readonly [number, number], deviceHeading?: number | null): number | null;
} {
  let ref: readonly [number, number] | null = null;
  let heading: number | null = null;
  return {
    update(at, deviceHeading = null) {
      const next = headingAfterMove(heading, ref, at, deviceHeading, minMoveM);
      if (!ref || greatCircleM(ref, at) >= minMoveM) ref = at;
      heading = next;
      return heading;
    },
  };
}
