import { type Order, type PlannedRoute, visitNumbers } from '@tournee/shared';
import type { DriverFeatures, OrderFeatures, PlanFeatures } from '../../map/layers.ts';
import type { LiveDriver } from './use-live-drivers.ts';
import { routeColor } from '../../map/colors.ts';

/** The day's routes as GeoJSON for the map: lines coloured per vehicle and numbered stops. */
export function routeFeatures(routes: PlannedRoute[]): PlanFeatures {
  const plan: PlanFeatures = { type: 'FeatureCollection', features: [] };
  routes.forEach((r, i) => {
    const color = routeColor(i);
    const numbers = visitNumbers(r.stops);
    if (r.geometry) plan.features.push({ type: 'Feature', geometry: r.geometry, properties: { routeId: r.id, color } });
    for (const s of r.stops) {
      if (!s.location) continue;
      plan.features.push({
        type: 'Feature',
        geometry: s.location,
        properties: {
          stopId: s.id,
          routeId: r.id,
          seq: numbers.get(s.seq) ?? s.seq,
          color,
          late: s.violations.some((v) => v.kind === 'late'),
        },
      });
    }
  });
  return plan;
}

export function orderFeatures(orders: Order[]): OrderFeatures {
  return {
    type: 'FeatureCollection',
    features: orders.map((o) => ({ type: 'Feature', geometry: o.location, properties: { orderId: o.id, ref: o.ref } })),
  };
}

/** Drivers' positions, coloured like their route; stale ones faded by the layer. */
export function driverFeatures(drivers: LiveDriver[], routes: PlannedRoute[]): DriverFeatures {
  const index = new Map(routes.map((r, i) => [r.id, i]));
  return {
    type: 'FeatureCollection',
    features: drivers.map((d) => {
      const i = d.routeId ? index.get(d.routeId) : undefined;
      return {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: d.coordinates },
        properties: {
          driverId: d.driverId,
          color: i === undefined ? '#1d2433' : routeColor(i),
          stale: d.stale,
          hasHeading: d.heading !== null,
          heading: d.heading ?? 0,
        },
      };
    }),
  };
}
