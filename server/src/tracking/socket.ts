/**
 * The `/driver` Socket.IO namespace: the phone's token in `auth.token`, then `positions` batches
 * and `stop:event`s, each acked (see DriverClientEvents in shared for the ack semantics).
 *
 * Rooms: `driver:<driverId>` (publications for this driver; revocation disconnects it) and
 * `route:<routeId>` for each published route of the driver from yesterday on (route changes).
 * Stop events of one socket are applied one after the other, in the order they arrived.
 * Every 4–6 minutes (checked on the next message) the socket re-reads the driver's route and checks
 * the token is still live, so a revocation made by another process also ends the session.
 */
import {
  type Ack,
  type DriverClientEvents,
  type DriverServerEvents,
  DRIVER_PROTOCOL_MIN,
  driverProtocolProblem,
  OUTDATED_CLIENT,
  PositionBatchEnvelope,
  StopEventInput,
} from '@tournee/shared';
import type { Namespace } from 'socket.io';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { createPgDb } from '../db/pg-adapter.ts';
import type { DriverPrincipal } from '../drivers/access-repo.ts';
import { driverForToken } from '../drivers/access-service.ts';
import { driverToday, findDriverRoute, startedRouteIdsSince } from '../drivers/day-repo.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { DomainPublisher } from '../events/bus.ts';
import type { RootServer } from '../realtime/io.ts';
import { driverRoom, routeRoom } from '../realtime/rooms.ts';
import { deviceTimeProblem, type Fix, filterBatch } from './filter.ts';
import { type DriverContext, PositionIngest } from './ingest.ts';
import { splitPoints } from './points.ts';
import { countPositionsAck } from '../metrics/position-counters.ts';
import { applyStopEvent } from './stop-events.ts';

interface SocketData {
  token: string;
  principal: DriverPrincipal;
  ctx: DriverContext;
  last: Fix | null;
  queue: Promise<unknown>;
}

export type DriverNamespace = Namespace<DriverClientEvents, DriverServerEvents, Record<string, never>, SocketData>;

// Re-reading every socket's route on the same minute would stall ingest after a mass reconnect:
// each socket waits 4–6 minutes (random), and positions never wait for it.
const refreshDelay = () => 240_000 + Math.random() * 120_000;

function errorAck(err: unknown, log: Logger): { ok: false; error: { code: string; message: string } } {
  if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message } };
  log.error({ err }, 'driver socket handler failed');
  return { ok: false, error: { code: 'internal', message: 'Internal error; the phone will retry' } };
}

function parseAck<T>(
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  v: unknown,
): T {
  const r = schema.safeParse(v);
  if (r.success) return r.data;
  const msg = r.error.issues.map((i) => `${i.path.join('.') || 'event'}: ${i.message}`).join('; ');
  throw new AppError('bad_request', msg);
}

/**
 * A stop event's device time has the bounds of a position's: it becomes the stop's actual times,
 * the route's start and the tracking links' expiry, so a phone clock set to year 9999 must not
 * reach them. Refused as `bad_request` (final: the phone drops the event and says why).
 */
function checkEventTime(deviceAt: string, o: { maxAgeMs: number }) {
  const problem = deviceTimeProblem(Date.parse(deviceAt), Date.now(), o);
  if (problem === 'future')
    throw new AppError('bad_request', `deviceAt: ${deviceAt} is ahead of the server's clock; check the phone's clock`);
  if (problem === 'too_old')
    throw new AppError(
      'bad_request',
      `deviceAt: ${deviceAt} is older than the ${Math.round(o.maxAgeMs / 86_400_000)} days kept`,
    );
  if (problem) throw new AppError('bad_request', `deviceAt: ${deviceAt} is not a valid time`);
}

async function resolveContext(db: Db, p: DriverPrincipal): Promise<{ ctx: DriverContext; routeIds: string[] }> {
  // One instant for both reads, so they agree on "today" even across midnight.
  const now = new Date();
  const route = await findDriverRoute(db, p.driverId, undefined, now);
  const localDate = route?.localDate ?? (await driverToday(db, p.driverId, p.orgId, now));
  return {
    ctx: { driverId: p.driverId, orgId: p.orgId, routeId: route?.id ?? null, localDate },
    routeIds: await startedRouteIdsSince(db, p.driverId, localDate),
  };
}

/** Sets up `/driver` on the Socket.IO server; `ingest` is exposed for the load bench and tests. */
export function attachDriverNamespace(
  io: RootServer,
  deps: { db: Db; config: Config; log: Logger; bus: DomainPublisher },
): {
  ns: DriverNamespace;
  ingest: PositionIngest;
  disconnectDriver(driverId: string): void;
  close(): Promise<void>;
} {
  const { db, config, log, bus } = deps;
  const ns: DriverNamespace = io.of('/driver');
  // Positions get connections of their own on PostgreSQL: a burst of other queries queued in the
  // shared pool (ETA recomputes, an import) must not hold up the acks of thousands of phones.
  const ingestDb = config.DATABASE_URL ? createPgDb(config.DATABASE_URL, { max: 2 }) : db;
  const ingest = new PositionIngest(ingestDb, bus, log);
  const filterOpts = {
    maxAccuracyM: config.POSITION_MAX_ACCURACY_M,
    maxSpeedMps: config.POSITION_MAX_SPEED_KMH / 3.6,
    maxAgeMs: config.POSITION_RETENTION_DAYS * 86_400_000,
  };

  ns.use(async (socket, next) => {
    // An app cached before a protocol change is refused before anything else, and told to reload.
    const outdated = driverProtocolProblem((socket.handshake.auth as { protocol?: unknown }).protocol);
    if (outdated) {
      const err = new Error(outdated) as Error & { data: unknown };
      err.data = { code: OUTDATED_CLIENT, minProtocol: DRIVER_PROTOCOL_MIN };
      return next(err);
    }
    try {
      const token = (socket.handshake.auth as { token?: unknown }).token;
      const principal = typeof token === 'string' ? await driverForToken(db, token) : null;
      if (!principal || typeof token !== 'string')
        return next(new Error('unauthorized: driver link or code unknown, expired or revoked'));
      const { ctx, routeIds } = await resolveContext(db, principal);
      Object.assign(socket.data, { token, principal, ctx, last: null, queue: Promise.resolve() });
      await socket.join([driverRoom(principal.driverId), ...routeIds.map(routeRoom)]);
      next();
    } catch (err) {
      log.error({ err }, 'driver socket authentication failed');
      next(new Error('internal'));
    }
  });

  ns.on('connection', (socket) => {
    const d = socket.data;
    /** Re-checks the token and re-reads the route now and then; false when the token died. */
    let nextRefresh = Date.now() + refreshDelay();
    const refresh = async (): Promise<boolean> => {
      if (Date.now() < nextRefresh) return true;
      nextRefresh = Date.now() + refreshDelay();
      const p = await driverForToken(db, d.token);
      if (!p) {
        socket.disconnect(true);
        return false;
      }
      const { ctx, routeIds } = await resolveContext(db, p);
      d.ctx = ctx;
      await socket.join(routeIds.map(routeRoom));
      return true;
    };

    socket.on('positions', async (batch, ack) => {
      if (typeof ack !== 'function') return;
      try {
        void refresh().catch((err) => log.warn({ err }, 'driver socket refresh failed'));
        // The envelope is checked as a whole, each point alone: one bad point never fails its batch.
        const { points } = parseAck(PositionBatchEnvelope, batch);
        const { valid, rejected } = splitPoints(points);
        const f = filterBatch(valid, d.last, Date.now(), filterOpts);
        d.last = f.last;
        const { inserted, invalid } = await ingest.submit(d.ctx, f.keep);
        const accepted: string[] = [];
        const duplicates = [...f.duplicates];
        rejected.push(...f.rejected);
        for (const p of f.keep) {
          if (invalid.has(p.id)) rejected.push({ id: p.id, reason: 'invalid' });
          else (inserted.has(p.id) ? accepted : duplicates).push(p.id);
        }
        countPositionsAck(ingest, { accepted, duplicates, rejected });
        ack({ ok: true, data: { accepted, duplicates, rejected } });
      } catch (err) {
        ack(errorAck(err, log));
      }
    });

    socket.on('stop:event', (e, ack) => {
      if (typeof ack !== 'function') return;
      // Chained: the next event of this socket starts once this one is applied.
      d.queue = d.queue.then(async () => {
        try {
          if (!(await refresh())) throw new AppError('unauthorized', 'token revoked or expired');
          const input = parseAck(StopEventInput, e);
          checkEventTime(input.deviceAt, filterOpts);
          const result = await applyStopEvent({ db, bus }, d.principal, input);
          if (input.type === 'started') d.ctx = { ...d.ctx, routeId: result.routeId, localDate: result.localDate };
          ack({
            ok: true,
            data: { id: result.id, applied: result.applied, stopId: result.stopId, status: result.status },
          } satisfies Ack<unknown>);
        } catch (err) {
          ack(errorAck(err, log));
        }
      });
    });
  });

  return {
    ns,
    ingest,
    disconnectDriver: (driverId) => ns.in(driverRoom(driverId)).disconnectSockets(true),
    close: async () => {
      await ingest.drain();
      if (ingestDb !== db) await ingestDb.close();
    },
  };
}
