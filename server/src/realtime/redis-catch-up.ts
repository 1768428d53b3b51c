/**
 * Redis pub/sub keeps nothing: what other server processes sent while this one's subscriber was
 * cut off from Redis (positions, stop statuses, route changes) never reaches its dispatchers,
 * whose sockets stayed connected all along. When the subscriber is back, their connections are
 * closed (the transport, not the Socket.IO session: the browser reconnects by itself), and the
 * dispatcher app fetches the day again on that reconnection (web/src/api/reconnect.ts).
 */
import type { Namespace } from 'socket.io';
import type { Logger } from '../logger.ts';

/** The events of an ioredis client this module listens to. */
export interface RedisConnectionEvents {
  on(event: 'close' | 'ready', listener: () => void): unknown;
}

/** Closes the namespace's local connections each time `sub` is ready again after losing Redis. */
export function reconnectAfterRedisLoss(sub: RedisConnectionEvents, ns: Namespace, log: Logger): void {
  let lost = false;
  sub.on('close', () => {
    lost = true;
  });
  sub.on('ready', () => {
    if (!lost) return;
    lost = false;
    const sockets = [...ns.sockets.values()];
    log.info({ sockets: sockets.length }, 'redis back: dispatch sockets reconnect to catch up');
    for (const s of sockets) s.conn.close();
  });
}
