/**
 * Which way a driver is heading, for the arrow on the dispatcher's map (pure): the phone's
 * compass heading when it sent one, else the bearing from its previous position.
 */
import { headingAfterMove } from '@tournee/shared';

/** Below this, two fixes differ by GPS noise more than by movement: no bearing is read from them. */
export const MIN_MOVE_M = 15;

/**
 * The heading to draw: the device's when known, else the bearing of the last move when it was
 * long enough to mean something, else the heading drawn before (a driver waiting at a stop keeps
 * pointing where they came from); null when nothing is known.
 *
 * Shared's rule with shared's great-circle distance (Turf): this runs once per position received
 * (a few per driver per minute), not per frame, so a cheaper flat-earth distance would buy nothing.
 */
export function headingOf(
  device: number | null | undefined,
  previous: { coordinates: [number, number]; heading: number | null } | undefined,
  now: [number, number],
): number | null {
  return headingAfterMove(previous?.heading ?? null, previous?.coordinates ?? null, now, device ?? null, MIN_MOVE_M);
}
