import type { Map as MapLibreMap, Marker } from 'maplibre-gl';
import { maplibregl } from './maplibre.ts';

/**
 * Depots as square "house" markers (HTML, so no sprite or glyph server is needed offline): a
 * handful per organisation, drawn above the routes that start and end there.
 */
export class DepotMarkers {
  private markers: Marker[] = [];

  show(map: MapLibreMap, depots: Array<{ name: string; coordinates: [number, number] }>): void {
    this.clear();
    for (const d of depots) {
      const el = document.createElement('div');
      el.className = 'depot-marker';
      el.title = d.name;
      el.setAttribute('role', 'img');
      el.setAttribute('aria-label', d.name);
      el.textContent = '⌂';
      this.markers.push(new maplibregl.Marker({ element: el }).setLngLat(d.coordinates).addTo(map));
    }
  }

  clear(): void {
    for (const m of this.markers) m.remove();
    this.markers = [];
  }
}
