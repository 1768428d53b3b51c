/**
 * The small map, loaded only once the driver is one or two stops away (MapLibre is most of the
 * page's weight): the customer's address and the driver, nothing else.
 */
import type { GeoPoint } from '@tournee/shared';
import type { Map as MapLibreMap, Marker } from 'maplibre-gl';
import { FALLBACK_STYLE } from '../map/fallback-style.ts';
import { maplibregl } from '../map/maplibre.ts';

export interface DriverMap {
  moveDriver(p: GeoPoint): void;
}

function dot(color: string): HTMLElement {
  const el = document.createElement('div');
  el.style.cssText = `width:16px;height:16px;border-radius:50%;background:${color};border:3px solid #fff;box-shadow:0 0 3px #0006`;
  return el;
}

export function createDriverMap(
  container: HTMLElement,
  destination: GeoPoint,
  driver: GeoPoint,
  styleUrl: string | null,
): DriverMap {
  const map: MapLibreMap = new maplibregl.Map({
    container,
    style: styleUrl ?? FALLBACK_STYLE,
    center: destination.coordinates,
    zoom: 14,
    attributionControl: false,
  });
  new maplibregl.Marker({ element: dot('#1f7a4d') }).setLngLat(destination.coordinates).addTo(map);
  const car: Marker = new maplibregl.Marker({ element: dot('#2156d9') }).setLngLat(driver.coordinates).addTo(map);
  const fit = (p: GeoPoint) =>
    map.fitBounds(new maplibregl.LngLatBounds(destination.coordinates, destination.coordinates).extend(p.coordinates), {
      padding: 40,
      maxZoom: 16,
      duration: 0,
    });
  fit(driver);
  return {
    moveDriver(p) {
      car.setLngLat(p.coordinates);
      fit(p);
    },
  };
}
