/**
 * `/track` namespace: customers' tracking pages, signed in with the link's token (`auth.token`).
 * A socket joins the room of its one order (`order:<orderId>`) and hears only `track:update`
 * (its TrackView) and `track:driver` (the driver's position, only while one or two stops away).
 * Failed handshakes count against the address like unknown links over HTTP.
 */
import type { TrackServerEvents, TrackView } from '@tournee/shared';
import type { Namespace, Server } from 'socket.io';
import type { Db } from '../db/db.ts';
import { resolveLink } from '../links/links.ts';
import type { FailureLimiter } from '../links/rate-limit.ts';
import { buildTrackView } from '../links/view.ts';
import type { Logger } from '../logger.ts';

export type TrackNamespace = Namespace<
  Record<string, never>,
  TrackServerEvents,
  Record<string, never>,
  { orderId: string }
>;

export interface TrackPush {
  /** Orders with a tracking page open on this process. */
  watched(orderIds: Iterable<string>): string[];
  /** Sends the order's fresh view to its pages (no-op when none is open). */
  update(orderId: string): Promise<void>;
}

const room = (orderId: string) => `order:${orderId}`;

export function attachTrackNamespace(io: Server, deps: { db: Db; log: Logger; limiter: FailureLimiter }): TrackPush {
  const ns = io.of('/track') as unknown as TrackNamespace;
  ns.use(async (socket, next) => {
    const ip = socket.handshake.address;
    try {
      if (deps.limiter.blocked(ip)) return next(new Error('too_many_requests'));
      const token = (socket.handshake.auth as { token?: unknown }).token;
      const link = typeof token === 'string' ? await resolveLink(deps.db, token) : null;
      if (!link) {
        deps.limiter.fail(ip);
        return next(new Error('not_found'));
      }
      socket.data.orderId = link.orderId;
      next();
    } catch (err) {
      deps.log.error({ err }, 'track socket authentication failed');
      next(new Error('internal'));
    }
  });
  ns.on('connection', async (socket) => {
    await socket.join(room(socket.data.orderId));
    const view = await buildTrackView(deps.db, socket.data.orderId).catch(() => null);
    if (view) socket.emit('track:update', view);
  });
  const push = (orderId: string, v: TrackView) => {
    ns.to(room(orderId)).emit('track:update', v);
  };
  return {
    watched(orderIds) {
      const rooms = ns.adapter.rooms;
      return [...orderIds].filter((id) => (rooms.get(room(id))?.size ?? 0) > 0);
    },
    async update(orderId) {
      if ((ns.adapter.rooms.get(room(orderId))?.size ?? 0) === 0) return;
      const v = await buildTrackView(deps.db, orderId);
      if (v) push(orderId, v);
    },
  };
}
