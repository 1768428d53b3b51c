import type { Map as MapLibreMap, Marker } from 'maplibre-gl';
import { maplibregl } from './maplibre.ts';

/**
 * Stop numbers as HTML markers (no glyph server needed), for one route at a time: a few dozen
 * DOM nodes, never one per order of the day.
 */
export class StopNumberMarkers {
  private markers: Marker[] = [];

  /** `seq`: a visit's number, or the sign of a stop that is no visit (a reload's ↻). */
  show(map: MapLibreMap, stops: Array<{ seq: number | string; coordinates: [number, number]; color: string }>): void {
    this.clear();
    for (const s of stops) {
      const el = document.createElement('div');
      el.className = 'stop-number';
      el.textContent = String(s.seq);
      el.style.background = s.color;
      this.markers.push(new maplibregl.Marker({ element: el }).setLngLat(s.coordinates).addTo(map));
    }
  }

  clear(): void {
    for (const m of this.markers) m.remove();
    this.markers = [];
  }
}
