/**
 * Socket.IO server: the `/dispatch` namespace for admins and dispatchers, signed in with the
 * API's session token (`auth.token` in the handshake, or the session cookie).
 *
 * Rooms (realtime/rooms.ts): `org:<orgId>` (joined on connect) and `org:<orgId>:day:<YYYY-MM-DD>`
 * (joined with `day:join`). What is sent to them is the realtime fan-out (realtime/fan-out.ts),
 * which `app.ts` subscribes to the domain-event bus. With REDIS_URL, the Redis adapter lets
 * several server processes share the rooms. The `/driver` namespace (drivers' phones) is set up
 * by tracking/socket.ts.
 */
import type { Server as HttpServer } from 'node:http';
import {
  type Ack,
  type DispatchClientEvents,
  type DispatchServerEvents,
  isLocalDate,
  type User,
} from '@tournee/shared';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { type Namespace, Server } from 'socket.io';
import { cookieToken } from '../auth/middleware.ts';
import { sessionForToken } from '../auth/service.ts';
import { mustEnrolTotp } from '../security/security-repo.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';
import { attachDriverNamespace } from '../tracking/socket.ts';
import type { PositionIngest } from '../tracking/ingest.ts';
import type { DomainHandlers, DomainPublisher } from '../events/bus.ts';
import { outlets, realtimeFanOut } from './fan-out.ts';
import { reconnectAfterRedisLoss } from './redis-catch-up.ts';
import { dayRoom, orgRoom } from './rooms.ts';
import { bindToSession, endSession, type SessionData, watchSessions } from './session-watch.ts';

interface SocketData extends SessionData {
  user: User;
}

/**
 * The root Socket.IO server carries no events of its own: each namespace has its own, typed where
 * it is opened (`const ns: XNamespace = io.of('/x')`), which only an untyped root allows.
 */
// biome-ignore lint/suspicious/noExplicitAny: the root's events are each namespace's (typed per namespace)
export type RootServer = Server<any, any, any, any>;

/** `/dispatch`: admins', dispatchers' and viewers' screens. */
export type DispatchNamespace = Namespace<
  DispatchClientEvents,
  DispatchServerEvents,
  Record<string, never>,
  SocketData
>;

/**
 * Closes a Redis connection without waiting on a Redis that is gone: `quit()` is queued until
 * Redis answers, so with Redis down it would never return and a SIGTERM would hang. Only a ready
 * connection is asked to quit, for at most a second; any other is dropped.
 */
async function closeRedis(c: Redis): Promise<void> {
  if (c.status === 'ready') {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, 1000);
    });
    await Promise.race([c.quit().catch(() => {}), late]);
    clearTimeout(timer);
  }
  c.disconnect();
}

export interface Realtime {
  io: RootServer;
  /** The bus handlers sending domain events to this process's sockets (subscribed in app.ts). */
  fanOut: DomainHandlers;
  /** Ends the `/dispatch` sockets opened with this session (after a logout), on every process. */
  endSession(tokenHash: string): void;
  /** Ends the driver's open `/driver` sockets (after a revocation), on every process. */
  disconnectDriver(driverId: string): void;
  /** The position ingest of `/driver` (the load bench drains it). */
  ingest: PositionIngest;
  close(): Promise<void>;
}

/** Attaches Socket.IO to the HTTP server; `bus` takes what the `/driver` namespace publishes. */
export function createRealtime(
  server: HttpServer,
  deps: { db: Db; config: Config; log: Logger; bus: DomainPublisher; sessionRecheckMs?: number },
): Realtime {
  const io: RootServer = new Server(server, { serveClient: false, cors: { origin: false } });
  let redis: Redis[] = [];
  if (deps.config.REDIS_URL) {
    const pub = new Redis(deps.config.REDIS_URL);
    const sub = pub.duplicate();
    redis = [pub, sub];
    for (const c of redis) c.on('error', (err) => deps.log.warn({ err }, 'socket.io redis connection error'));
    io.adapter(createAdapter(pub, sub));
  }
  const dispatch: DispatchNamespace = io.of('/dispatch');
  // Events other processes sent while Redis was unreachable are lost: dispatchers reconnect and catch up.
  if (redis[1]) reconnectAfterRedisLoss(redis[1], dispatch, deps.log);
  dispatch.use(async (socket, next) => {
    try {
      const auth = socket.handshake.auth as { token?: unknown };
      const token = typeof auth.token === 'string' ? auth.token : cookieToken(socket.handshake.headers.cookie);
      const session = token ? await sessionForToken(deps.db, token) : null;
      if (!session) return next(new Error('unauthorized: no valid session token'));
      const { user } = session;
      // Viewers see the dispatcher's live screens too (the socket only reads).
      if (user.role !== 'admin' && user.role !== 'dispatcher' && user.role !== 'viewer')
        return next(new Error('forbidden: dispatchers only'));
      // Like the API: a role the organisation requires two-factor of gets nothing before enrolling.
      if (await mustEnrolTotp(deps.db, session.tokenHash))
        return next(new Error('forbidden: set up two-factor sign-in first'));
      socket.data.user = user;
      socket.data.tokenHash = session.tokenHash;
      socket.data.expiresAt = session.expiresAt;
      next();
    } catch (err) {
      deps.log.error({ err }, 'dispatch socket authentication failed');
      next(new Error('internal'));
    }
  });
  dispatch.on('connection', (socket) => {
    const orgId = socket.data.user.orgId;
    void socket.join(orgRoom(orgId));
    bindToSession(socket, socket.data);
    const onDay = (join: boolean) => (date: string, ack: (a: Ack<{ room: string }>) => void) => {
      if (typeof ack !== 'function') return;
      if (typeof date !== 'string' || !isLocalDate(date)) {
        ack({ ok: false, error: { code: 'bad_request', message: 'date: must be a date YYYY-MM-DD' } });
        return;
      }
      const room = dayRoom(orgId, date);
      void (join ? socket.join(room) : socket.leave(room));
      ack({ ok: true, data: { room } });
    };
    socket.on('day:join', onDay(true));
    socket.on('day:leave', onDay(false));
  });

  // Long-lived sockets re-check their session: revoked, expired or disabled users are cut off.
  const sessions = watchSessions(dispatch, deps.db, deps.log, deps.sessionRecheckMs ?? 60_000);
  const drivers = attachDriverNamespace(io, deps);
  const fanOut = realtimeFanOut(outlets(dispatch, drivers.ns));
  return {
    io,
    fanOut,
    endSession: (tokenHash) => endSession(dispatch, tokenHash),
    disconnectDriver: drivers.disconnectDriver,
    ingest: drivers.ingest,
    close: async () => {
      sessions.stop();
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      await drivers.close();
      await Promise.all(redis.map(closeRedis));
    },
  };
}
