/**
 * The coordinate travel model, the same as the solver's coordinate mode: great-circle distance
 * × circuity, divided by a speed. The route evaluator uses it so an edited route's times match
 * what the solver would have computed for the same sequence.
 */

import { greatCircleM } from '@tournee/shared';

/** Lon/lat in degrees (GeoJSON order). */
export type LonLatPair = readonly [lon: number, lat: number];

export interface TravelModel {
  /** Road distance over straight-line distance. @default 1.3 */
  circuity: number;
  /** Average speed in m/s. @default 8.33 (30 km/h, urban delivery) */
  speedMps: number;
}

export const DEFAULT_TRAVEL: TravelModel = { circuity: 1.3, speedMps: 8.33 };

/** The organisation-wide model from the configuration (TRAVEL_SPEED_KMH, TRAVEL_CIRCUITY). */
export function travelModel(config: { TRAVEL_SPEED_KMH: number; TRAVEL_CIRCUITY: number }): TravelModel {
  return { speedMps: config.TRAVEL_SPEED_KMH / 3.6, circuity: config.TRAVEL_CIRCUITY };
}

/** Road distance in metres between two points under the model: the great circle times the circuity. */
export function travelDistanceM(a: LonLatPair, b: LonLatPair, model: TravelModel = DEFAULT_TRAVEL): number {
  if (a[0] === b[0] && a[1] === b[1]) return 0;
  return greatCircleM(a, b) * model.circuity;
}

/**
 * Travel time in seconds for a vehicle whose `slowness` multiplies times (the fleet's
 * `speedFactor`: 1.2 = 20 % slower).
 */
export function travelTimeS(a: LonLatPair, b: LonLatPair, model: TravelModel = DEFAULT_TRAVEL, slowness = 1): number {
  return (travelDistanceM(a, b, model) / model.speedMps) * slowness;
}

/**
 * Base travel between two points (speed factor 1): the coordinate model, or a road matrix
 * fetched from OSRM for the points at hand.
 */
export interface Travel {
  distanceM(a: LonLatPair, b: LonLatPair): number;
  timeS(a: LonLatPair, b: LonLatPair): number;
}

/** The coordinate model as a `Travel`. */
export function coordinateTravel(model: TravelModel = DEFAULT_TRAVEL): Travel {
  return {
    distanceM: (a, b) => travelDistanceM(a, b, model),
    timeS: (a, b) => travelTimeS(a, b, model),
  };
}

/** The key of a point in matrices and caches (6 decimals ≈ 0.1 m). */
export const pointKey = (p: LonLatPair) => `${p[0].toFixed(6)},${p[1].toFixed(6)}`;

/**
 * A `Travel` over a matrix of `points`; a pair it does not know (or without a road: null) is
 * answered with the coordinate model, so an edit never fails on a missing cell.
 */
export function matrixTravel(
  points: readonly LonLatPair[],
  m: { durations: (number | null)[][]; distances: (number | null)[][] },
  fallback: Travel = coordinateTravel(),
): Travel {
  const index = new Map(points.map((p, i) => [pointKey(p), i]));
  const cell = (grid: (number | null)[][], a: LonLatPair, b: LonLatPair) => {
    const i = index.get(pointKey(a));
    const j = index.get(pointKey(b));
    return i === undefined || j === undefined ? null : (grid[i]?.[j] ?? null);
  };
  return {
    distanceM: (a, b) => cell(m.distances, a, b) ?? fallback.distanceM(a, b),
    timeS: (a, b) => cell(m.durations, a, b) ?? fallback.timeS(a, b),
  };
}
