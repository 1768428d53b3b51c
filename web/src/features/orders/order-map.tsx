import type { Map as MapLibreMap } from 'maplibre-gl';
import { useRef } from 'react';
import { MapView } from '../../map/map-view.tsx';
import { maplibregl } from '../../map/maplibre.ts';

/**
 * The delivery address as a pin on the map (the same MapLibre map as the planner, with its
 * offline style when the configured one cannot load). Loaded on its own, with MapLibre, only
 * when an order is opened.
 */
export default function OrderMap(props: { lonLat: [number, number]; styleUrl: string | null; label: string }) {
  const pinned = useRef<MapLibreMap | null>(null);
  // A marker belongs to the map, not to its style: once per map, it survives a style switch.
  const onReady = (map: MapLibreMap) => {
    if (pinned.current === map) return;
    pinned.current = map;
    new maplibregl.Marker({ color: '#1f6feb' }).setLngLat(props.lonLat).addTo(map);
  };
  return (
    <div className="order-map">
      <MapView styleUrl={props.styleUrl} center={props.lonLat} zoom={14} onReady={onReady} label={props.label} />
    </div>
  );
}
