import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { FALLBACK_STYLE } from './fallback-style.ts';
import { addPlanLayers } from './layers.ts';
import { maplibregl } from './maplibre.ts';

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
}

export function MapView({ styleUrl, center, zoom = 11, onReady, label }: MapViewProps) {
  const container = useRef<HTMLElement>(null);
  const ready = useRef(onReady);
  ready.current = onReady;

  // The map is created once per style; centre and zoom are only the initial view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    if (!container.current) return;
    const map = new maplibregl.Map({
      container: container.current,
      style: styleUrl ?? FALLBACK_STYLE,
      center,
      zoom,
      attributionControl: styleUrl ? undefined : false,
    });
    let fellBack = !styleUrl;
    map.on('error', () => {
      // A style (or its tiles' server) that cannot be reached must not leave a blank map.
      if (!fellBack && !map.isStyleLoaded()) {
        fellBack = true;
        map.setStyle(FALLBACK_STYLE);
      }
    });
    map.on('style.load', () => {
      addPlanLayers(map);
      ready.current(map);
    });
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    window.__tourneeMap = map;
    return () => {
      if (window.__tourneeMap === map) window.__tourneeMap = undefined;
      map.remove();
    };
  }, [styleUrl]);

  return <section ref={container} className="map" aria-label={label} />;
}
