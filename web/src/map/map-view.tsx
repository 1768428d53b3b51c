import type { Map as MapLibreMap, PaddingOptions } from 'maplibre-gl';
import { type ReactNode, useEffect, useRef } from 'react';
import { addPlanLayers } from './layers.ts';
import { maplibregl } from './maplibre.ts';
import { initialStyle, styleFallback } from './style-fallback.ts';

declare global {
  interface Window {
    /** The live map, for browser tests (queryRenderedFeatures) and debugging. */
    __tourneeMap?: MapLibreMap;
  }
}

export interface MapViewProps {
  /** A vector style URL (MAP_STYLE_URL); null or unreachable → the offline fallback. */
  styleUrl: string | null;
  center: [number, number];
  zoom?: number;
  /**
   * What the map opens on instead of centre and zoom, and the room left around it: its first
   * frame is then the final view, not one more frame to redraw after a fit.
   */
  bounds?: { box: [number, number, number, number]; padding: PaddingOptions; maxZoom: number } | null;
  /** Called once our layers exist (again after a style switch), to (re)fill the sources. */
  onReady(map: MapLibreMap): void;
  label: string;
  /**
   * False holds the map back (its box is there, empty) until what it shows has arrived: a map
   * drawn empty first redraws once per source and per fit, and without a GPU each of those
   * frames costs the page's main thread about a tenth of a second. True by default.
   */
  open?: boolean;
  /** Overlays drawn above the map (the legend), outside MapLibre's own container. */
  children?: ReactNode;
}

export function MapView({ styleUrl, center, zoom = 11, bounds, onReady, label, open = true, children }: MapViewProps) {
  const container = useRef<HTMLElement>(null);
  const ready = useRef(onReady);
  ready.current = onReady;

  // The map is created once per style, once open; centre, zoom and bounds are only the initial view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    if (!container.current || !open) return;
    const map = new maplibregl.Map({
      container: container.current,
      style: initialStyle(styleUrl),
      center,
      zoom,
      ...(bounds ? { bounds: bounds.box, fitBoundsOptions: { padding: bounds.padding, maxZoom: bounds.maxZoom } } : {}),
      attributionControl: false,
      // No fade-in of labels and icons: each fade is frames of redrawing, which a machine
      // without a GPU pays on its main thread (a tenth of a second each) while a day opens.
      fadeDuration: 0,
    });
    // A style (or its server) that cannot be reached within 5 s must not leave a blank map:
    // the offline style takes over, and our layers are added again on its style.load.
    const fallback = styleFallback({
      styleUrl,
      onFallBack: (style) => {
        map.getContainer().dataset.mapStyle = 'offline';
        map.setStyle(style);
      },
    });
    map.getContainer().dataset.mapStyle = styleUrl ? 'remote' : 'offline';
    map.on('error', () => fallback.error(map.isStyleLoaded() === true));
    map.on('style.load', () => {
      if (!fallback.fellBack) fallback.loaded();
      addPlanLayers(map);
      ready.current(map);
    });
    // The style's sources carry their credits (OpenFreeMap, OpenMapTiles, OpenStreetMap).
    map.addControl(new maplibregl.AttributionControl({ compact: true }), 'bottom-right');
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    window.__tourneeMap = map;
    return () => {
      fallback.dispose();
      if (window.__tourneeMap === map) window.__tourneeMap = undefined;
      map.remove();
    };
  }, [styleUrl, open]);

  return (
    <div className="map-wrap">
      <section ref={container} className="map" aria-label={label} aria-busy={!open} />
      {children}
    </div>
  );
}
