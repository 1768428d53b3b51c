/**
 * The alerts module as the app wires it: the service (detectors fed by the domain events), its
 * bus handlers, the `/api/alerts` routes and the 30-second sweep. Alert events are published on
 * the bus (`alertChanged`); the realtime fan-out sends them to the day room of the alert's date
 * on `/dispatch`.
 */
import type { Router } from 'express';
import type { Db } from '../db/db.ts';
import { createPgDb } from '../db/pg-adapter.ts';
import type { DomainHandlers, DomainPublisher } from '../events/bus.ts';
import type { Logger } from '../logger.ts';
import { alertsRoutes } from './routes.ts';
import { type AlertPublish, type Alerts, createAlerts } from './service.ts';

export type { Alerts };
import { startAlertSweep } from './sweep.ts';

export interface AlertsModule {
  service: Alerts;
  /** Subscribed to the domain-event bus in app.ts. */
  handlers: DomainHandlers;
  api: Router;
  /** Stops the sweep and waits for the writes under way. */
  close(): Promise<void>;
}

/** Publishes alert events on the bus (the realtime fan-out, and later webhooks, take them). */
export function alertPublisher(bus: DomainPublisher): AlertPublish {
  return (orgId, event, alert) => bus.publish('alertChanged', { orgId, event, alert });
}

export function createAlertsModule(deps: {
  db: Db;
  log: Logger;
  bus: DomainPublisher;
  /**
   * On PostgreSQL, the alerts get two connections of their own: an alert's write must not wait
   * behind a burst of ETA recomputes in the shared pool (position → alert:new within a second).
   */
  databaseUrl?: string;
  /** How often the sweep runs. @default 30000 */
  sweepMs?: number;
}): AlertsModule {
  const publish = alertPublisher(deps.bus);
  const own = deps.databaseUrl ? createPgDb(deps.databaseUrl, { max: 2 }) : null;
  const service = createAlerts({ db: own ?? deps.db, log: deps.log, publish });
  const sweep = startAlertSweep(service, deps.log, deps.sweepMs);
  return {
    service,
    handlers: {
      driverPosition: (e) => service.onDriverPosition(e.orgId, e),
      stopStatus: (e) => service.onStopStatus(e.orgId, e),
      etasChanged: (r) =>
        service.onEtas(r.orgId, { routeId: r.route.id, localDate: r.route.localDate, stale: r.stale, etas: r.etas }),
      routeChanged: (e) => service.onRouteChanged(e.orgId, e),
      routePublished: (e) => service.onRoutePublished(e.orgId, e),
    },
    api: alertsRoutes({ db: deps.db, publish }),
    async close() {
      sweep.stop();
      await service.drain();
      await own?.close();
    },
  };
}
