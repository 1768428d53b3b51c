/**
 * Great-circle distance, one implementation for the server and the apps: Turf's `distance`
 * (haversine on a sphere of radius 6,371,008.8 m, the mean Earth radius the solver uses too).
 * The planning's independent checker keeps its own arithmetic on purpose.
 */
// The one Turf module needed: the whole of @turf/turf costs the server ~0.8 s and ~30 MB at start.
import { distance } from '@turf/distance';

/** Metres along the great circle between two [lon, lat] points in degrees. */
export function greatCircleM(a: readonly [number, number], b: readonly [number, number]): number {
  return distance(a as [number, number], b as [number, number], { units: 'meters' });
}
