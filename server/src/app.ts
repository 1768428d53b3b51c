import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { Router } from 'express';
import { apiKeyAuth } from './api-keys/middleware.ts';
import { apiKeyRoutes } from './api-keys/routes.ts';
import { automationRoutes } from './automation/routes.ts';
import { authenticate } from './auth/middleware.ts';
import { authRoutes } from './auth/routes.ts';
import type { Config } from './config.ts';
import type { Db } from './db/db.ts';
import { pingDatabase } from './db/health-repo.ts';
import { AppError } from './errors.ts';
import { fleetRoutes } from './fleet/routes.ts';
import { errorHandler } from './http/error-handler.ts';
import { DRIVER_PWA_DIST, singlePageApp, WEB_DIST } from './http/static-apps.ts';
import { jsonBody, rejectNulInQuery } from './http/input-guards.ts';
import { securityHeaders } from './http/security-headers.ts';
import { createRateLimits, type RateLimits } from './http/rate-limit.ts';
import { clientAddress, trustProxySetting } from './http/trust-proxy.ts';
import { accessSendRoutes } from './drivers/access-send.ts';
import { driverRoutes } from './drivers/routes.ts';
import { startRetentionJob } from './tracking/retention.ts';
import { trackingRoutes } from './tracking/routes.ts';
import type { Logger } from './logger.ts';
import { exceptOrdersImport, ordersRoutes } from './orders/routes.ts';
import { takeOffRoutes } from './dispatch/cancel-order.ts';
import { startHoldReleaseJob } from './lifecycle/hold-release-job.ts';
import { holdRoutes } from './orders/hold-routes.ts';
import { bulkOrdersRoutes } from './orders/bulk-routes.ts';
import { rescheduleRoutes } from './orders/reschedule-routes.ts';
import { dispatchRoutes } from './dispatch/routes.ts';
import { planningRoutes } from './planning/routes.ts';
import { createPlanner, type Planner } from './planning/service.ts';
import { createRealtime, type RootServer } from './realtime/io.ts';
import { mountMetrics } from './metrics/mount.ts';
import { type CustomerComms, createCustomerComms } from './notify/index.ts';
import { createDomainEvents, type DomainEvents } from './events/bus.ts';
import { etaRequests } from './eta/requests.ts';
import { type Alerts, createAlertsModule } from './alerts/index.ts';
import { auditRoutes } from './audit/routes.ts';
import { privacyRoutes } from './privacy/routes.ts';
import { analyticsRoutes } from './analytics/routes.ts';
import { savingsRoutes } from './savings/routes.ts';
import { createWebhooksModule } from './webhooks/index.ts';
import { trackerRoutes } from './intake/tracker-routes.ts';
import { intakeRawBody } from './intake/raw-body.ts';
import { shopRoutes } from './intake/shop-routes.ts';
import { openApiRoutes } from './openapi/routes.ts';
import { stopIdleRowThreads } from './orders/import/row-thread.ts';
import { type Clock, createSchedulesModule, type SchedulesModule } from './schedules/index.ts';

export interface AppDeps {
  db: Db;
  config: Config;
  log: Logger;
  /** How often open /dispatch sockets re-check their session. @default 60000 */
  sessionRecheckMs?: number;
  /** The webhook sender's clock in ms (tests move it instead of waiting for backoffs). @default Date.now */
  webhookNow?: () => number;
  /** The scheduler's time (tests give a fake clock). @default the system clock */
  clock?: Clock;
}

export interface App {
  app: express.Express;
  server: Server;
  /** Socket.IO's root server (`/dispatch`, `/driver`, `/track`, each typed where opened); tests connect socket.io-client to it. */
  io: RootServer;
  /** The plan job runner. */
  planner: Planner;
  /** The domain-event bus every service publishes to (tests play drivers through it). */
  bus: DomainEvents;
  /** ETAs, customer notifications and tracking links. */
  comms: CustomerComms;
  /** The alerts inbox's detectors (tests drive its sweep with their own clock). */
  alerts: Alerts;
  /** Plan schedules and recurring orders (tests tick its scheduler after moving their clock). */
  schedules: SchedulesModule;
  /** Sign-in, driver code, tracking link and API key budgets (in Redis with REDIS_URL). */
  rateLimits: RateLimits;
  /** Listens on `port` (0 for any free port) and resolves with the port actually bound. */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** Wires every module onto one Express app and HTTP server; tests start it on port 0. */
export function createApp(deps: AppDeps): App {
  const { db, config, log } = deps;
  const app = express();
  app.disable('x-powered-by');
  // CSP, frame-ancestors 'none', nosniff, Referrer-Policy, HSTS behind https: on every answer.
  app.use(securityHeaders(config));
  // Behind a load balancer the client's address is in X-Forwarded-For (rate limits use it), but
  // only the proxies TRUST_PROXY names are believed: by default nobody is.
  app.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
  // A NUL byte in any query parameter is a 400 naming it (PostgreSQL text cannot hold one).
  app.use(rejectNulInQuery);

  const api = Router();
  api.get('/health', async (_req, res) => {
    await pingDatabase(db);
    res.json({ status: 'ok', database: db.kind });
  });
  // What the browser apps need before anything else; public, no secrets.
  // The OpenAPI 3.1 document and its docs page (public: no data in them).
  api.use(openApiRoutes());
  api.get('/client-config', (_req, res) => {
    // `sso`: the sign-in page offers "Sign in with …" (security/oidc-routes.ts).
    res.json({
      mapStyleUrl: config.MAP_STYLE_URL ?? null,
      sso: config.OIDC_ISSUER ? { name: config.OIDC_NAME } : null,
    });
  });
  // JSON bodies: too-deep nesting and NUL characters are a 400 naming the body or the field.
  // (The orders import reads its own body: CSV, XLSX or JSON, capped by IMPORT_MAX_BYTES.)
  api.use(exceptOrdersImport(jsonBody({ limit: '50mb' })));
  const server = createServer(app);
  // Services publish domain events here; the consumers subscribe below, side by side.
  const bus = createDomainEvents({ log });
  const realtime = createRealtime(server, { db, config, log, bus, sessionRecheckMs: deps.sessionRecheckMs });
  // `Bearer tk_…`: an API key, within its scopes (api-keys/scopes.ts); else the session.
  // Every rate limit (sign-in, driver codes, tracking links, API keys): one budget per key for
  // all the server's processes when there is Redis.
  const rateLimits = createRateLimits({ redisUrl: config.REDIS_URL, log });
  api.use(apiKeyAuth(db, { limit: rateLimits.limit('api-key', config.API_KEY_RATE_PER_MINUTE) }));
  api.use(authenticate(db));
  // Signing out also ends the /dispatch sockets opened with that session, on every process.
  api.use(authRoutes(db, config, rateLimits, { onLogout: realtime.endSession }));
  api.use(fleetRoutes(db, config));
  // ETAs, customer messages and tracking pages (their bus handlers are subscribed below).
  const comms = createCustomerComms({
    db,
    config,
    log,
    io: realtime.io,
    bus,
    takeOffRoutes: takeOffRoutes({ config, bus }),
    limits: rateLimits,
    // Socket.IO handshakes get the client's address the way Express's req.ip does.
    clientAddress: (req) => clientAddress(req, app.get('trust proxy fn')),
  });
  const planner = createPlanner({ db, config, log, bus });

  // Every consumer of the domain events, in the order its handlers run (events/bus.ts): sockets
  // first (dispatchers and drivers see the change at once), then customer messages, then the
  // live ETAs (whose `etasChanged` comes back to the sockets and the messages).
  bus.subscribe('realtime', realtime.fanOut);
  bus.subscribe('notify', comms.notify);
  bus.subscribe('eta', etaRequests(comms.eta));
  // Dispatchers' alerts: off route, stale GPS, late risk, failed deliveries… (sweep every 30 s).
  const alerts = createAlertsModule({ db, log, bus, databaseUrl: config.DATABASE_URL });
  bus.subscribe('alerts', alerts.handlers);
  // Webhooks: route and stop events into the outbox (order events come from the orders trigger).
  const webhooks = createWebhooksModule({ db, config, log, now: deps.webhookNow });
  bus.subscribe('webhooks', webhooks.handlers);

  // GET /api/metrics and the HTTP latency histogram, only with METRICS_TOKEN.
  mountMetrics({ app, api, config, db, log, io: realtime.io, ingest: realtime.ingest });
  api.use(planningRoutes(db, planner));
  // API keys, and GET /orders?updatedSince= (the feed for polling clients) before the orders routes.
  api.use(apiKeyRoutes(db));
  // Bulk edit and export: before the orders routes, so /orders/export is not an order id.
  api.use(bulkOrdersRoutes({ db, config, takeOffRoutes: takeOffRoutes({ config, bus }) }));
  api.use(
    ordersRoutes({
      db,
      config,
      log,
      takeOffRoutes: takeOffRoutes({ config, bus }),
    }),
  );
  // Intake rules run inside the orders import (automation/), edited and tried here.
  api.use(automationRoutes({ db, config }));
  // Hold and release: a held order's stop comes off its route like a cancelled one's.
  api.use(holdRoutes({ db, takeOffRoutes: takeOffRoutes({ config, bus }) }));
  // Reschedule (one order or many): failed, skipped, held or imported orders get new days.
  api.use(rescheduleRoutes({ db, takeOffRoutes: takeOffRoutes({ config, bus }) }));
  api.use(dispatchRoutes({ db, config, bus }));
  api.use(driverRoutes({ db, config, limits: rateLimits, disconnectDriver: realtime.disconnectDriver }));
  api.use(accessSendRoutes({ db, config }));
  api.use(trackingRoutes(db));
  // GPS trackers (OsmAnd / Traccar Client): device keys, and their fixes into the /driver pipeline.
  api.use(trackerRoutes({ db, config, ingest: realtime.ingest }));
  // Shop intake (Shopify, WooCommerce): signed webhooks become orders (raw body read below).
  api.use(shopRoutes({ db, config }));
  api.use(comms.api);
  api.use(alerts.api);
  api.use(webhooks.api);
  // The audit trail (admins) and each order's chain of custody.
  api.use(auditRoutes(db));
  // A person's data: export and erasure requests (GDPR articles 15 and 17).
  api.use(privacyRoutes(db));
  api.use(analyticsRoutes(db));
  // Baselines (the customer's own routes) and a plan's savings against one.
  api.use(savingsRoutes({ db, config }));
  // Plan schedules and order templates, and the scheduler loop that runs them.
  const schedules = createSchedulesModule({ db, config, log, bus, planner, clock: deps.clock });
  api.use(schedules.api);
  const retention = startRetentionJob(db, config, log);
  // Holds with an end release themselves, checked every minute.
  const holdRelease = startHoldReleaseJob(db, log);
  api.use(() => {
    throw new AppError('not_found', 'No such API route');
  });
  // Shop webhooks are signed over their raw bytes: read before the API's JSON parser.
  app.use('/api/intake', intakeRawBody());
  app.use('/api', api);
  // The driver app first: the dispatcher app answers every other path with its index.html.
  app.get('/t/:token', comms.page);
  const driverPwa = singlePageApp(DRIVER_PWA_DIST);
  if (driverPwa) app.use('/driver', driverPwa);
  const web = singlePageApp(WEB_DIST);
  if (web) app.use(web);
  app.use(errorHandler(log));

  return {
    app,
    server,
    io: realtime.io,
    planner,
    bus,
    comms,
    alerts: alerts.service,
    schedules,
    rateLimits,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      }),
    close: async () => {
      // Running plans are aborted and marked failed (nothing of them is written) before the
      // database goes; Socket.IO closes the HTTP server with its own connections.
      await schedules.close();
      await planner.close();
      retention.stop();
      await holdRelease.stop();
      await realtime.ingest.drain();
      await comms.close();
      await bus.drain();
      await alerts.close();
      await webhooks.close();
      server.closeAllConnections();
      await realtime.close();
      await rateLimits.close();
      await stopIdleRowThreads();
    },
  };
}
