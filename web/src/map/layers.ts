import type { FeatureCollection, LineString, Point } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { addHeadingArrow, HEADING_ARROW } from './heading-arrow.ts';

type StopFeatures = FeatureCollection<
  Point,
  { stopId: string; routeId: string; seq: number; color: string; late: boolean }
>;
type RouteFeatures = FeatureCollection<LineString, { routeId: string; color: string }>;
/** A day's routes and their stops in one source: its map then draws both in the same frame. */
export type PlanFeatures = FeatureCollection<
  LineString | Point,
  StopFeatures['features'][number]['properties'] | RouteFeatures['features'][number]['properties']
>;
export type OrderFeatures = FeatureCollection<Point, { orderId: string; ref: string }>;
export type DriverFeatures = FeatureCollection<
  Point,
  { driverId: string; color: string; stale: boolean; hasHeading: boolean; heading: number }
>;

/** Unplanned orders' grey, shared with the legend. */
export const UNPLANNED_COLOR = '#8a929e';

const empty = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });

/**
 * Our sources and layers, added on top of whatever base style loaded. Orders are clustered so
 * 10,000 of them stay smooth; every layer is data-driven from GeoJSON, no DOM per feature.
 */
export function addPlanLayers(map: MapLibreMap): void {
  // Routes and stops share a source: each source's tiles arrive apart, and each arrival is a frame
  // (without a GPU a frame holds the page's main thread a tenth of a second or more).
  map.addSource('plan', { type: 'geojson', data: empty() });
  map.addSource('unassigned', { type: 'geojson', data: empty(), cluster: true, clusterRadius: 40, clusterMaxZoom: 14 });
  map.addSource('drivers', { type: 'geojson', data: empty() });
  map.addLayer({
    id: 'routes-line',
    type: 'line',
    source: 'plan',
    filter: ['==', ['geometry-type'], 'LineString'],
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: { 'line-color': ['get', 'color'], 'line-width': 3, 'line-opacity': 0.85 },
  });
  map.addLayer({
    id: 'stops-circle',
    type: 'circle',
    source: 'plan',
    filter: ['==', ['geometry-type'], 'Point'],
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 3, 14, 7],
      'circle-color': ['get', 'color'],
      'circle-stroke-color': ['case', ['get', 'late'], '#c62828', '#ffffff'],
      'circle-stroke-width': ['case', ['get', 'late'], 3, 1.5],
    },
  });
  map.addLayer({
    id: 'unassigned-clusters',
    type: 'circle',
    source: 'unassigned',
    filter: ['has', 'point_count'],
    paint: {
      'circle-color': UNPLANNED_COLOR,
      'circle-radius': ['step', ['get', 'point_count'], 12, 50, 18, 500, 26],
      'circle-opacity': 0.8,
    },
  });
  // Unplanned orders: grey, a colour the route palette keeps for them.
  map.addLayer({
    id: 'unassigned-point',
    type: 'circle',
    source: 'unassigned',
    filter: ['!', ['has', 'point_count']],
    paint: {
      'circle-radius': 5,
      'circle-color': UNPLANNED_COLOR,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.5,
    },
  });
  // Drivers: a large ring in the route's colour around a white core, unlike any stop.
  map.addLayer({
    id: 'drivers-point',
    type: 'circle',
    source: 'drivers',
    paint: {
      'circle-radius': 10,
      'circle-color': '#ffffff',
      'circle-stroke-color': ['get', 'color'],
      'circle-stroke-width': 5,
      'circle-opacity': ['case', ['get', 'stale'], 0.4, 1],
      'circle-stroke-opacity': ['case', ['get', 'stale'], 0.4, 1],
    },
  });
  map.addLayer({
    id: 'drivers-core',
    type: 'circle',
    source: 'drivers',
    paint: { 'circle-radius': 3, 'circle-color': '#1d2433', 'circle-opacity': ['case', ['get', 'stale'], 0.4, 1] },
  });
  // Which way the driver is heading: an arrowhead outside the ring, turned with the map's north.
  addHeadingArrow(map);
  map.addLayer({
    id: 'drivers-heading',
    type: 'symbol',
    source: 'drivers',
    filter: ['get', 'hasHeading'],
    layout: {
      'icon-image': HEADING_ARROW,
      'icon-rotate': ['get', 'heading'],
      'icon-rotation-alignment': 'map',
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
    },
    paint: { 'icon-opacity': ['case', ['get', 'stale'], 0.4, 1] },
  });
}

/** Replaces a source's data (no-op until the style and our layers exist). */
export function setData(map: MapLibreMap, source: 'plan' | 'unassigned' | 'drivers', data: FeatureCollection): void {
  (map.getSource(source) as GeoJSONSource | undefined)?.setData(data);
}
