/**
 * `DispatchEvents` for processes without Socket.IO (the `pnpm worker` solver process): events
 * go through Redis to every server's `/dispatch` namespace (the servers use the Redis adapter),
 * into the same rooms as the server's own events.
 */
import type { DispatchServerEvents, DriverServerEvents } from '@tournee/shared';
import { Emitter } from '@socket.io/redis-emitter';
import { Redis } from 'ioredis';
import type { DispatchEvents } from './events.ts';
import { dayRoom, orgRoom } from './io.ts';

export function redisEmitterEvents(redisUrl: string): DispatchEvents & { close(): Promise<void> } {
  const client = new Redis(redisUrl);
  const emitter = new Emitter(client);
  const dispatch = emitter.of('/dispatch') as unknown as Emitter<DispatchServerEvents>;
  const driver = emitter.of('/driver') as unknown as Emitter<DriverServerEvents>;
  return {
    planProgress: (orgId, e) => dispatch.to(orgRoom(orgId)).emit('plan:progress', e),
    planStatus: (orgId, e) => dispatch.to(orgRoom(orgId)).emit('plan:status', e),
    routePublished: (orgId, e) => {
      dispatch.to(orgRoom(orgId)).to(dayRoom(orgId, e.localDate)).emit('route:published', e);
      for (const r of e.routes) {
        if (!r.driverId) continue;
        driver.in(`driver:${r.driverId}`).socketsJoin(`route:${r.routeId}`);
        driver
          .to(`driver:${r.driverId}`)
          .emit('route:published', { routeId: r.routeId, localDate: e.localDate, version: r.version });
      }
    },
    routeChanged: (orgId, e) => {
      dispatch.to(dayRoom(orgId, e.localDate)).emit('route:changed', e);
      driver.to(`route:${e.routeId}`).emit('route:changed', e);
    },
    routeEtas: (orgId, e) => dispatch.to(dayRoom(orgId, e.localDate)).emit('route:etas', e),
    driverPosition: (orgId, e) => dispatch.to(dayRoom(orgId, e.localDate)).emit('driver:position', e),
    stopStatus: (orgId, e) => dispatch.to(dayRoom(orgId, e.localDate)).emit('stop:status', e),
    close: async () => {
      await client.quit().catch(() => {});
    },
  };
}
