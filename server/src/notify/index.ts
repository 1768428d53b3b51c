/**
 * Customer communications, wired in one place: the ETA engine, notification triggers, the
 * outbox sender, tracking links (page and API) and the `/track` namespace. The app adds it with
 * `createCustomerComms(...)` and subscribes its `notify` handlers (and the ETA engine's requests)
 * to the domain-event bus; the ETA engine publishes each route's fresh ETAs there.
 */
import type { IncomingMessage } from 'node:http';
import type { RequestHandler, Router } from 'express';
import { Router as makeRouter } from 'express';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { createEtaEngine, type EtaEngine } from '../eta/service.ts';
import type { RateLimits } from '../http/rate-limit.ts';
import { rescheduleLimits, trackRescheduleRoutes } from '../links/reschedule-routes.ts';
import { trackApiRoutes, trackPage } from '../links/routes.ts';
import type { TakeOffRoutes } from '../lifecycle/reschedule.ts';
import type { Logger } from '../logger.ts';
import { coordinateTravel } from '../travel/travel.ts';
import type { DomainEvents, DomainHandlers } from '../events/bus.ts';
import type { RootServer } from '../realtime/io.ts';
import { attachTrackNamespace } from '../realtime/track.ts';
import { createNotifyListener } from './listener.ts';
import { providersFor } from './providers.ts';
import { notifyRoutes } from './routes.ts';
import { type Sender, startSender } from './sender.ts';

export interface CustomerComms {
  /** `/api` routes: dispatcher notifications, Twilio callbacks, the public tracking API. */
  api: Router;
  /** `GET /t/:token`. */
  page: RequestHandler;
  sender: Sender;
  eta: EtaEngine;
  /** The notify listener's bus handlers (customer messages, tracking pages). */
  notify: DomainHandlers;
  /** Resolves once pending event handling is done (tests). */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/** The base URL put in messages: PUBLIC_URL, else this server's own port on localhost. */
const publicBase = (config: Config) => config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;

export function createCustomerComms(deps: {
  db: Db;
  config: Config;
  log: Logger;
  io: RootServer;
  /** The ETA engine publishes `etasChanged`; `drain` waits for the bus's subscribers. */
  bus: Pick<DomainEvents, 'publish' | 'drain'>;
  /** Lets a customer move a delivery whose route has not started (when the organisation allows it). */
  takeOffRoutes?: TakeOffRoutes;
  /** The server's rate limits (http/rate-limit.ts). */
  limits: RateLimits;
  /** The client's address of a Socket.IO handshake, as Express reads it (http/trust-proxy.ts). */
  clientAddress(req: IncomingMessage): string;
}): CustomerComms {
  const { db, config, log } = deps;
  // Unknown links per client address, counted by every process together when there is Redis.
  const limiter = deps.limits.limit('track-miss:ip', config.TRACK_LINK_MAX_FAILURES_PER_MINUTE);
  const track = attachTrackNamespace(deps.io, {
    db,
    log,
    limiter,
    clientAddress: deps.clientAddress,
    clustered: Boolean(config.REDIS_URL),
  });
  const sender = startSender(
    db,
    providersFor(config, log),
    {
      pollMs: config.NOTIFY_POLL_MS,
      maxAttempts: config.NOTIFY_MAX_ATTEMPTS,
      backoffMs: config.NOTIFY_BACKOFF_MS,
      leaseMs: config.NOTIFY_LEASE_MS,
    },
    log,
  );
  let kicked = false;
  const kick = () => {
    // Coalesced: one send pass soon after a burst of writes, not one per message.
    if (kicked) return;
    kicked = true;
    setImmediate(() => {
      kicked = false;
      sender.tick().catch((err) => log.error({ err }, 'notification send failed'));
    });
  };
  const travel = coordinateTravel({ circuity: config.TRAVEL_CIRCUITY, speedMps: config.TRAVEL_SPEED_KMH / 3.6 });
  // Fresh ETAs go to the bus: dispatchers see them, the notify listener decides its messages.
  const eta = createEtaEngine({
    db,
    log,
    throttleMs: config.ETA_THROTTLE_MS,
    travel,
    osrmUrl: config.OSRM_URL,
    onEtas: (r) => deps.bus.publish('etasChanged', { orgId: r.route.orgId, ...r }),
  });
  const listener = createNotifyListener({
    db,
    log,
    upstreamIdle: async () => {
      await eta.drain();
      await deps.bus.drain();
    },
    track,
    publicUrl: publicBase(config),
    linkMaxDays: config.TRACK_LINK_MAX_DAYS,
    onQueued: kick,
    etaMovedEveryMin: config.NOTIFY_ETA_MOVED_MIN_INTERVAL_MIN,
    nextAfterStartedMin: config.NOTIFY_NEXT_AFTER_STARTED_MIN,
  });

  const api = makeRouter();
  api.use(notifyRoutes({ db, config, log, kick }));
  api.use(trackApiRoutes(db, limiter));
  api.use(
    trackRescheduleRoutes({
      db,
      failures: limiter,
      limits: rescheduleLimits(deps.limits),
      publicUrl: publicBase(config),
      linkMaxDays: config.TRACK_LINK_MAX_DAYS,
      takeOffRoutes: deps.takeOffRoutes,
      onQueued: kick,
      refresh: (ids) => track.refresh(ids),
    }),
  );
  return {
    api,
    page: trackPage(db, limiter),
    sender,
    eta,
    notify: listener.handlers,
    drain: () => listener.drain(),
    async close() {
      eta.close();
      await listener.drain().catch(() => {});
      await sender.stop();
    },
  };
}
