/**
 * The driver's day on a MapLibre map with streets (MAP_STYLE_URL, OpenFreeMap by default): the
 * depot, the stops in order (numbered, coloured by status), a dashed line through them and the
 * van with its heading. Loaded on demand. When the style cannot load within 5 s (offline, no
 * DNS, blocked) `onFallBack` is called and the caller shows the SVG sketch instead — the same
 * rule as the dispatcher's map (shared/src/style-fallback.ts).
 */
import { type DriverRoute, isVisit, visitNumbers, watchStyle } from '@tournee/shared';
import type { GeoJSONSource, Map as MapLibreMap, Marker } from 'maplibre-gl';
import { maplibregl } from './maplibre.ts';
import { depotMarker, stopMarker, vanMarker } from './markers.ts';

export interface RouteMap {
  update(route: DriverRoute, here: [number, number] | null, heading: number | null): void;
  remove(): void;
}

declare global {
  interface Window {
    /** The live driver map, for browser tests and debugging. */
    __driverMap?: MapLibreMap;
  }
}

const lineOf = (route: DriverRoute) => ({
  type: 'Feature' as const,
  properties: {},
  geometry: {
    type: 'LineString' as const,
    coordinates: [
      route.depot.location.coordinates,
      ...route.stops.flatMap((s) => (s.location ? [s.location.coordinates] : [])),
    ] as [number, number][],
  },
});

export function createRouteMap(
  container: HTMLElement,
  opts: { styleUrl: string; route: DriverRoute; onFallBack(): void; onLoaded(): void; depotLabel: string },
): RouteMap {
  const map: MapLibreMap = new maplibregl.Map({
    container,
    style: opts.styleUrl,
    center: opts.route.depot.location.coordinates as [number, number],
    zoom: 11,
    attributionControl: false,
  });
  window.__driverMap = map;
  const watch = watchStyle({ styleUrl: opts.styleUrl, onFallBack: opts.onFallBack });
  map.on('error', () => watch.error(map.isStyleLoaded() === true));
  // The style's sources carry their credits (OpenFreeMap, OpenMapTiles, OpenStreetMap).
  map.addControl(new maplibregl.AttributionControl({ compact: false }), 'bottom-right');
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');

  let route = opts.route;
  let stops: Marker[] = [];
  const van = vanMarker();
  let vanOn: Marker | null = null;
  new maplibregl.Marker({ element: depotMarker(opts.depotLabel) })
    .setLngLat(route.depot.location.coordinates as [number, number])
    .addTo(map);

  const drawStops = () => {
    for (const m of stops) m.remove();
    stops = route.stops.flatMap((s) =>
      s.location && isVisit(s.kind)
        ? [
            new maplibregl.Marker({ element: stopMarker(visitNumbers(route.stops).get(s.seq) ?? s.seq, s.status) })
              .setLngLat(s.location.coordinates as [number, number])
              .addTo(map),
          ]
        : [],
    );
    (map.getSource('route') as GeoJSONSource | undefined)?.setData(lineOf(route));
  };

  map.on('load', () => {
    if (watch.fellBack) return;
    watch.loaded();
    opts.onLoaded();
    map.addSource('route', { type: 'geojson', data: lineOf(route) });
    map.addLayer({
      id: 'route-line',
      type: 'line',
      source: 'route',
      paint: { 'line-color': '#155e75', 'line-width': 3, 'line-dasharray': [2, 1.5], 'line-opacity': 0.8 },
    });
    const b = new maplibregl.LngLatBounds();
    for (const c of lineOf(route).geometry.coordinates) b.extend(c as [number, number]);
    map.fitBounds(b, { padding: 36, maxZoom: 15, duration: 0 });
  });
  drawStops();

  return {
    update(next, here, heading) {
      if (next !== route) {
        route = next;
        drawStops();
      }
      if (here) {
        vanOn ??= new maplibregl.Marker({ element: van.el, rotationAlignment: 'map' }).setLngLat(here).addTo(map);
        vanOn.setLngLat(here);
      }
      van.setHeading(heading);
    },
    remove() {
      watch.dispose();
      if (window.__driverMap === map) window.__driverMap = undefined;
      map.remove();
    },
  };
}
