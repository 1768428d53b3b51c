import type { Map as MapLibreMap } from 'maplibre-gl';
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
  /** Called once our layers exist (again after a style switch), to (re)fill the sources. */
  onReady(map: MapLibreMap): void;
  label: string;
  /** Overlays drawn above the map (the legend), outside MapLibre's own container. */
  children?: ReactNode;
}

export function MapView({ styleUrl, center, zoom = 11, onReady, label, children }: MapViewProps) {
  const container = useRef<HTMLElement>(null);
  const ready = useRef(onReady);
  ready.current = onReady;

  // The map is created once per style; centre and zoom are only the initial view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    if (!container.current) return;
    const map = new maplibregl.Map({
      container: container.current,
      style: initialStyle(styleUrl),
      center,
      zoom,
      attributionControl: false,
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
  }, [styleUrl]);

  return (
    <div className="map-wrap">
      <section ref={container} className="map" aria-label={label} />
      {children}
    </div>
  );
}
