/**
 * `DispatchEvents` for processes without Socket.IO (the `pnpm worker` solver process): events
 * go through Redis to every server's `/dispatch` namespace (the servers use the Redis adapter),
 * into the same rooms as the server's own events.
 */
import type { DispatchServerEvents } from '@tournee/shared';
import { Emitter } from '@socket.io/redis-emitter';
import { Redis } from 'ioredis';
import type { DispatchEvents } from './events.ts';
import { dayRoom, orgRoom } from './io.ts';

export function redisEmitterEvents(redisUrl: string): DispatchEvents & { close(): Promise<void> } {
  const client = new Redis(redisUrl);
  const dispatch = new Emitter<DispatchServerEvents>(client).of('/dispatch');
  return {
    planProgress: (orgId, e) => dispatch.to(orgRoom(orgId)).emit('plan:progress', e),
    planStatus: (orgId, e) => dispatch.to(orgRoom(orgId)).emit('plan:status', e),
    routePublished: (orgId, e) =>
      dispatch.to(orgRoom(orgId)).to(dayRoom(orgId, e.localDate)).emit('route:published', e),
    routeChanged: (orgId, e) => dispatch.to(dayRoom(orgId, e.localDate)).emit('route:changed', e),
    close: async () => {
      await client.quit().catch(() => {});
    },
  };
}
