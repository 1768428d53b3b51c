/**
 * The realtime fan-out for processes without Socket.IO (the `pnpm worker` solver process): the
 * same handlers as the server's (realtime/fan-out.ts), sent through Redis to every server's
 * namespaces (the servers use the Redis adapter), so into the same rooms.
 */
import { Emitter } from '@socket.io/redis-emitter';
import { Redis } from 'ioredis';
import type { DomainHandlers } from '../events/bus.ts';
import { outlets, realtimeFanOut } from './fan-out.ts';

export function redisFanOut(redisUrl: string): { handlers: DomainHandlers; close(): Promise<void> } {
  const client = new Redis(redisUrl);
  const emitter = new Emitter(client);
  return {
    handlers: realtimeFanOut(outlets(emitter.of('/dispatch'), emitter.of('/driver'))),
    close: async () => {
      await client.quit().catch(() => {});
    },
  };
}
