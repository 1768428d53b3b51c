/**
 * The realtime fan-out, written once: which domain event goes to which Socket.IO rooms under
 * which socket event name. The server subscribes it to the bus with its own namespaces
 * (realtime/io.ts); the `pnpm worker` process with a Redis emitter (realtime/emitter.ts) that
 * reaches the same rooms on every server.
 */
import type { DispatchServerEvents, DriverServerEvents } from '@tournee/shared';
import type { DomainHandlers } from '../events/bus.ts';
import { dayRoom, driverRoom, orgRoom, routeRoom } from './rooms.ts';

type Payload<M, K extends keyof M> = M[K] extends (e: infer E) => void ? E : never;

/** Where the fan-out sends: the `/dispatch` and `/driver` namespaces, local or through Redis. */
export interface Outlets {
  /** Emits once to the sockets of `/dispatch` in any of `rooms`. */
  dispatch<K extends keyof DispatchServerEvents>(rooms: string[], ev: K, e: Payload<DispatchServerEvents, K>): void;
  /** Emits once to the sockets of `/driver` in any of `rooms`. */
  driver<K extends keyof DriverServerEvents>(rooms: string[], ev: K, e: Payload<DriverServerEvents, K>): void;
  /** Adds the sockets of `/driver` in room `from` to room `to` (on every process). */
  join(from: string, to: string): void;
}

/** What both Socket.IO namespaces and the Redis emitter's namespaces offer. */
export interface Broadcaster {
  to(rooms: string[]): { emit(ev: string, e: unknown): unknown };
  in(room: string): { socketsJoin(room: string): void };
}

/** Outlets over Socket.IO namespaces or Redis-emitter namespaces (`driver` null: no `/driver`). */
export function outlets(dispatch: Broadcaster, driver: Broadcaster | null): Outlets {
  return {
    dispatch: (rooms, ev, e) => void dispatch.to(rooms).emit(ev, e),
    driver: (rooms, ev, e) => void driver?.to(rooms).emit(ev, e),
    join: (from, to) => driver?.in(from).socketsJoin(to),
  };
}

/** The bus handlers of the realtime fan-out (the `orgId` the bus carries is not sent). */
export function realtimeFanOut(out: Outlets): DomainHandlers {
  return {
    planProgress: ({ orgId, ...e }) => out.dispatch([orgRoom(orgId)], 'plan:progress', e),
    planStatus: ({ orgId, ...e }) => out.dispatch([orgRoom(orgId)], 'plan:status', e),
    routePublished: ({ orgId, ...e }) => {
      out.dispatch([orgRoom(orgId), dayRoom(orgId, e.localDate)], 'route:published', e);
      for (const r of e.routes) {
        if (!r.driverId) continue;
        // The driver's phones follow the route's changes from now on.
        out.join(driverRoom(r.driverId), routeRoom(r.routeId));
        out.driver([driverRoom(r.driverId)], 'route:published', {
          routeId: r.routeId,
          localDate: e.localDate,
          version: r.version,
        });
      }
    },
    routeChanged: ({ orgId, ...e }) => {
      out.dispatch([dayRoom(orgId, e.localDate)], 'route:changed', e);
      out.driver([routeRoom(e.routeId)], 'route:changed', e);
    },
    etasChanged: (r) =>
      out.dispatch([dayRoom(r.orgId, r.route.localDate)], 'route:etas', {
        routeId: r.route.id,
        localDate: r.route.localDate,
        stale: r.stale,
        etas: r.etas.map((x) => ({ stopId: x.stopId, etaAt: new Date(x.at).toISOString() })),
      }),
    driverPosition: ({ orgId, ...e }) => out.dispatch([dayRoom(orgId, e.localDate)], 'driver:position', e),
    stopStatus: ({ orgId, ...e }) => out.dispatch([dayRoom(orgId, e.localDate)], 'stop:status', e),
    alertChanged: ({ orgId, event, alert }) => out.dispatch([dayRoom(orgId, alert.localDate)], event, alert),
  };
}
