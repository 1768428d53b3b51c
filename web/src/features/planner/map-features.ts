import type { Order, PlannedRoute } from '@tournee/shared';
import type { OrderFeatures, RouteFeatures, StopFeatures } from '../../map/layers.ts';
import { routeColor } from '../../map/colors.ts';

/** The day's routes as GeoJSON for the map: lines coloured per vehicle and numbered stops. */
export function routeFeatures(routes: PlannedRoute[]): { lines: RouteFeatures; stops: StopFeatures } {
  const lines: RouteFeatures = { type: 'FeatureCollection', features: [] };
  const stops: StopFeatures = { type: 'FeatureCollection', features: [] };
  routes.forEach((r, i) => {
    const color = routeColor(i);
    if (r.geometry) lines.features.push({ type: 'Feature', geometry: r.geometry, properties: { routeId: r.id, color } });
    for (const s of r.stops) {
      if (!s.location) continue;
      stops.features.push({
        type: 'Feature',
        geometry: s.location,
        properties: { routeId: r.id, seq: s.seq, color, late: s.violations.some((v) => v.kind === 'late') },
      });
    }
  });
  return { lines, stops };
}

export function orderFeatures(orders: Order[]): OrderFeatures {
  return {
    type: 'FeatureCollection',
    features: orders.map((o) => ({ type: 'Feature', geometry: o.location, properties: { orderId: o.id, ref: o.ref } })),
  };
}

/** [west, south, east, north] around every stop, or null. */
export function boundsOf(routes: PlannedRoute[]): [number, number, number, number] | null {
  const pts = routes.flatMap((r) => r.geometry?.coordinates ?? []);
  if (pts.length === 0) return null;
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
