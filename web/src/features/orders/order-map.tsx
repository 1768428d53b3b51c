import type { Map as MapLibreMap } from 'maplibre-gl';
import { useRef } from 'react';
import { boundsOfPoints } from '../../map/bounds.ts';
import { MapView } from '../../map/map-view.tsx';
import { maplibregl } from '../../map/maplibre.ts';

/**
 * The delivery address as a pin on the map (the same MapLibre map as the planner, with its
 * offline style when the configured one cannot load); a pickup and delivery order's pickup as
 * an orange pin too, both in view. Loaded on its own, with MapLibre, only when an order is opened.
 */
export default function OrderMap(props: {
  lonLat: [number, number];
  pickupLonLat?: [number, number];
  styleUrl: string | null;
  label: string;
}) {
  const pinned = useRef<MapLibreMap | null>(null);
  // A marker belongs to the map, not to its style: once per map, it survives a style switch.
  const onReady = (map: MapLibreMap) => {
    if (pinned.current === map) return;
    pinned.current = map;
    new maplibregl.Marker({ color: '#1f6feb' }).setLngLat(props.lonLat).addTo(map);
    if (props.pickupLonLat) {
      new maplibregl.Marker({ color: '#d97706' }).setLngLat(props.pickupLonLat).addTo(map);
      const b = boundsOfPoints([props.lonLat, props.pickupLonLat]);
      if (b) map.fitBounds(b, { padding: 40, maxZoom: 14, duration: 0 });
    }
  };
  return (
    <div className="order-map">
      <MapView styleUrl={props.styleUrl} center={props.lonLat} zoom={14} onReady={onReady} label={props.label} />
    </div>
  );
}
