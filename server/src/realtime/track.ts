/**
 * `/track` namespace: customers' tracking pages, signed in with the link's token (`auth.token`).
 * A socket joins the room of its one order (`order:<orderId>`) and hears only `track:update`
 * (its TrackView) and `track:driver` (the driver's position, only while one or two stops away).
 * Failed handshakes count against the address like unknown links over HTTP.
 *
 * A position goes to a page only while the last view sent to it shows the driver: the view
 * decides from the stops as they are in the database, and the positions follow that decision
 * rather than an ETA result that may be a stop behind.
 *
 * Several server processes (REDIS_URL): the process that learns of a change (a stop event, fresh
 * ETAs) tells the others with a server-side event, and each builds the view for the pages open
 * on it: a page gets its updates whichever process it is connected to.
 */
import type { IncomingMessage } from 'node:http';
import type { GeoPoint, TrackServerEvents, TrackView } from '@tournee/shared';
import type { Namespace } from 'socket.io';
import type { Db } from '../db/db.ts';
import type { RateLimit } from '../http/rate-limit.ts';
import { resolveLink } from '../links/links.ts';
import { buildTrackView } from '../links/view.ts';
import type { Logger } from '../logger.ts';
import type { RootServer } from './io.ts';
import { orderRoom } from './rooms.ts';

/** Between the server processes of a cluster: these orders changed, refresh their open pages. */
const REFRESH = 'track:refresh';
/** Between the server processes of a cluster: the driver moved, tell the pages that show the driver. */
const MOVED = 'track:moved';
type DriverFix = { location: GeoPoint; at: string };
interface TrackServerSideEvents {
  [REFRESH]: (orderIds: string[]) => void;
  [MOVED]: (orderIds: string[], fix: DriverFix) => void;
}

export type TrackNamespace = Namespace<
  Record<string, never>,
  TrackServerEvents,
  TrackServerSideEvents,
  { orderId: string }
>;

export interface TrackPush {
  /** Sends each order's fresh view to its open tracking pages, on every server process. */
  refresh(orderIds: string[]): Promise<void>;
  /** The driver's new position, to those of these orders' pages whose view shows the driver. */
  driverMoved(orderIds: string[], fix: DriverFix): void;
}

const room = orderRoom;

export function attachTrackNamespace(
  io: RootServer,
  deps: {
    db: Db;
    log: Logger;
    /** Unknown links per client address (links/routes.ts's limit). */
    limiter: RateLimit;
    /** The client's address of a handshake, as Express reads it under the app's `trust proxy`. */
    clientAddress(req: IncomingMessage): string;
    clustered: boolean;
  },
): TrackPush {
  const ns: TrackNamespace = io.of('/track');
  // The orders whose pages open on this process were last sent a view that shows the driver.
  const showingDriver = new Set<string>();
  const roomOpen = (orderId: string) => (ns.adapter.rooms.get(room(orderId))?.size ?? 0) > 0;
  const sent = (orderId: string, v: TrackView) => {
    if (v.driver) showingDriver.add(orderId);
    else showingDriver.delete(orderId);
  };
  ns.use(async (socket, next) => {
    const ip = deps.clientAddress(socket.request);
    try {
      if ((await deps.limiter.check(ip)) !== null) return next(new Error('too_many_requests'));
      const token = (socket.handshake.auth as { token?: unknown }).token;
      const link = typeof token === 'string' ? await resolveLink(deps.db, token) : null;
      if (!link) {
        await deps.limiter.charge(ip);
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
    if (!view) return;
    sent(socket.data.orderId, view);
    socket.emit('track:update', view);
  });
  /** Pushes fresh views to the pages open on this process (adapter.rooms is this process's). */
  const refreshHere = async (orderIds: string[]) => {
    for (const orderId of orderIds) {
      if (!roomOpen(orderId)) {
        showingDriver.delete(orderId);
        continue;
      }
      const v: TrackView | null = await buildTrackView(deps.db, orderId);
      if (!v) continue;
      sent(orderId, v);
      // local: the other processes build their own pages' views (see REFRESH).
      ns.local.to(room(orderId)).emit('track:update', v);
    }
  };
  const movedHere = (orderIds: string[], fix: DriverFix) => {
    for (const id of orderIds) {
      if (!showingDriver.has(id)) continue;
      if (roomOpen(id)) ns.local.to(room(id)).emit('track:driver', fix);
      else showingDriver.delete(id);
    }
  };
  if (deps.clustered) {
    ns.on(REFRESH, (orderIds) => {
      if (!Array.isArray(orderIds)) return;
      refreshHere(orderIds.filter((id) => typeof id === 'string')).catch((err) =>
        deps.log.error({ err }, 'tracking pages refresh failed'),
      );
    });
    ns.on(MOVED, (orderIds, fix) => {
      if (Array.isArray(orderIds)) movedHere(orderIds, fix);
    });
  }
  return {
    driverMoved(orderIds, fix) {
      // Each process knows which of the pages open on it show the driver.
      if (deps.clustered) ns.serverSideEmit(MOVED, orderIds, fix);
      movedHere(orderIds, fix);
    },
    async refresh(orderIds) {
      if (orderIds.length === 0) return;
      if (deps.clustered) ns.serverSideEmit(REFRESH, orderIds);
      await refreshHere(orderIds);
    },
  };
}
