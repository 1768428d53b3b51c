/**
 * The small map, loaded only once the driver is one or two stops away (MapLibre is most of the
 * page's weight): the customer's address and the driver, whose arrow turns with the heading.
 * Streets come from MAP_STYLE_URL (OpenFreeMap by default); when that style cannot load within
 * 5 s — offline, blocked — the plain offline style replaces it (the dispatcher map's rule,
 * shared/src/style-fallback.ts) and the two markers stay. The container's `data-map-style`
 * says which (remote | offline).
 */
import { type GeoPoint, watchStyle } from '@tournee/shared';
import type { Map as MapLibreMap, Marker } from 'maplibre-gl';
import { FALLBACK_STYLE } from '../map/fallback-style.ts';
import { maplibregl } from '../map/maplibre.ts';

export interface DriverMap {
  moveDriver(p: GeoPoint, headingDeg: number | null): void;
}

declare global {
  interface Window {
    /** The tracking page's map, for browser tests. */
    __trackMap?: MapLibreMap;
  }
}

/** A pin (MapLibre sets the element's own transform, so the turned shape is a child). */
function home(): HTMLElement {
  const el = document.createElement('div');
  el.className = 'marker-home';
  el.append(document.createElement('div'));
  return el;
}

function van(): { el: HTMLElement; arrow: HTMLElement } {
  const el = document.createElement('div');
  el.className = 'marker-van';
  el.id = 'driver-marker';
  const arrow = document.createElement('div');
  arrow.className = 'marker-van-arrow';
  arrow.style.display = 'none';
  el.append(arrow);
  return { el, arrow };
}

export function createDriverMap(
  container: HTMLElement,
  destination: GeoPoint,
  driver: GeoPoint,
  styleUrl: string | null,
  label: string,
): DriverMap {
  container.setAttribute('role', 'img');
  container.setAttribute('aria-label', label);
  container.dataset.mapStyle = styleUrl ? 'remote' : 'offline';
  const map: MapLibreMap = new maplibregl.Map({
    container,
    style: styleUrl ?? FALLBACK_STYLE,
    center: destination.coordinates,
    zoom: 14,
    attributionControl: false,
  });
  window.__trackMap = map;
  const watch = watchStyle({
    styleUrl,
    onFallBack: () => {
      container.dataset.mapStyle = 'offline';
      map.setStyle(FALLBACK_STYLE);
    },
  });
  map.on('error', () => watch.error(map.isStyleLoaded() === true));
  map.on('style.load', () => {
    if (!watch.fellBack) watch.loaded();
  });
  // The style's sources carry their credits (OpenFreeMap, OpenMapTiles, OpenStreetMap).
  map.addControl(new maplibregl.AttributionControl({ compact: true }), 'bottom-right');
  new maplibregl.Marker({ element: home(), anchor: 'bottom' }).setLngLat(destination.coordinates).addTo(map);
  const v = van();
  const car: Marker = new maplibregl.Marker({ element: v.el }).setLngLat(driver.coordinates).addTo(map);
  const fit = (p: GeoPoint) =>
    map.fitBounds(new maplibregl.LngLatBounds(destination.coordinates, destination.coordinates).extend(p.coordinates), {
      padding: 48,
      maxZoom: 16,
      duration: 0,
    });
  fit(driver);
  return {
    moveDriver(p, headingDeg) {
      car.setLngLat(p.coordinates);
      v.el.dataset.lngLat = p.coordinates.join(',');
      if (headingDeg !== null) {
        v.arrow.style.display = '';
        v.arrow.style.transform = `rotate(${Math.round(headingDeg)}deg)`;
        v.el.dataset.heading = String(Math.round(headingDeg));
      }
      fit(p);
    },
  };
}
