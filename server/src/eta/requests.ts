/**
 * What makes the live ETA engine recompute a route, as bus handlers (subscribed in app.ts): a
 * driver's new position (throttled per route), and at once a stop event or a change of the
 * route. The engine publishes the result as `etasChanged`.
 */
import type { DomainHandlers } from '../events/bus.ts';
import type { EtaEngine } from './service.ts';

export function etaRequests(eta: Pick<EtaEngine, 'request'>): DomainHandlers {
  return {
    driverPosition: (e) => {
      if (e.routeId) eta.request(e.routeId);
    },
    stopStatus: (e) => eta.request(e.routeId, true),
    routeChanged: (e) => eta.request(e.routeId, true),
  };
}
