import type { Map as MapLibreMap, Popup } from 'maplibre-gl';
import { maplibregl } from './maplibre.ts';

/** One popup at a time on the map; its content built as DOM text, never HTML from data. */
export class StopPopup {
  private popup: Popup | null = null;

  show(map: MapLibreMap, at: [number, number], title: string, rows: Array<[label: string, value: string]>): void {
    this.close();
    const root = document.createElement('div');
    root.className = 'stop-popup';
    const h = document.createElement('strong');
    h.textContent = title;
    root.append(h);
    const dl = document.createElement('dl');
    for (const [label, value] of rows) {
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.textContent = value;
      dl.append(dt, dd);
    }
    root.append(dl);
    this.popup = new maplibregl.Popup({ closeButton: true, maxWidth: '280px' })
      .setLngLat(at)
      .setDOMContent(root)
      .addTo(map);
  }

  close(): void {
    this.popup?.remove();
    this.popup = null;
  }
}
