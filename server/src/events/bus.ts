/**
 * The domain-event bus: services publish what happened (a plan's progress, a route published or
 * changed, a stop's status, a driver's position, a route's fresh ETAs) and every consumer —
 * realtime fan-out, customer notifications, live ETAs, alerts — subscribes to it in `app.ts`, the
 * one file that shows who listens to what. Nothing patches a shared object at run time.
 *
 * Rules:
 * - Publish after the transaction that made the change has committed (every service does its
 *   writes in `db.transaction(...)` and publishes once it returned), so no subscriber sees an
 *   event whose rows a rollback took back.
 * - Handlers run in the order they subscribed, synchronously inside `publish`: the realtime
 *   fan-out's socket emits keep the order of events. A handler that throws is logged with the
 *   event and subscriber names and skipped; the others and the publisher carry on.
 * - A handler that returns a promise is not awaited by the publisher: publishers are HTTP
 *   requests, driver acks and position flushes (2,000 fixes/s), and a slow consumer (an SMS
 *   provider, an ETA recompute) must not hold them up. Its rejection is logged like a throw;
 *   `drain()` waits for the ones still running (tests, shutdown). A consumer that needs order
 *   (the notify listener, per route) chains its own work.
 */
import type {
  Alert,
  DriverPositionEvent,
  PlanProgressEvent,
  PlanStatusEvent,
  RouteChangedEvent,
  RoutePublishedEvent,
  StopStatusEvent,
} from '@tournee/shared';
import type { RouteEtas } from '../eta/service.ts';
import type { Logger } from '../logger.ts';

/** Every domain event, by type, with its payload; each names the organisation it belongs to. */
export interface DomainEventMap {
  planProgress: PlanProgressEvent & { orgId: string };
  planStatus: PlanStatusEvent & { orgId: string };
  /** One day's routes published (to the drivers too). */
  routePublished: RoutePublishedEvent & { orgId: string };
  /** A route's stops or times changed (edit, insert, re-plan, lock, cancellation). */
  routeChanged: RouteChangedEvent & { orgId: string };
  /** A driver's stop event was applied (started, arrived, delivered, failed…). */
  stopStatus: StopStatusEvent & { orgId: string };
  /** A driver's latest position moved forward. */
  driverPosition: DriverPositionEvent & { orgId: string };
  /** The ETA engine recomputed a route's remaining ETAs. */
  etasChanged: RouteEtas & { orgId: string };
  /** An alert opened, was acknowledged or resolved (the socket event name says which). */
  alertChanged: { orgId: string; event: 'alert:new' | 'alert:acknowledged' | 'alert:resolved'; alert: Alert };
}

export type DomainEventType = keyof DomainEventMap;
export type DomainHandler<K extends DomainEventType> = (payload: DomainEventMap[K]) => void | Promise<void>;
/** One consumer's handlers, at most one per event type. */
export type DomainHandlers = { [K in DomainEventType]?: DomainHandler<K> };

/** What services get: they publish, they do not subscribe. */
export interface DomainPublisher {
  publish<K extends DomainEventType>(type: K, payload: DomainEventMap[K]): void;
}

export interface DomainEvents extends DomainPublisher {
  /** Adds `handler` for `type` under the consumer's name (logged with its failures). */
  on<K extends DomainEventType>(type: K, subscriber: string, handler: DomainHandler<K>): void;
  /** Adds one consumer's handlers, one per event type it listens to. */
  subscribe(subscriber: string, handlers: DomainHandlers): void;
  /** The names of the consumers of `type`, in the order they run. */
  subscribers(type: DomainEventType): string[];
  /** Resolves once no async handler is running (including those started meanwhile). */
  drain(): Promise<void>;
}

interface Entry {
  subscriber: string;
  handler: (payload: never) => void | Promise<void>;
}

/** The ids that tell which event failed, for the log line (never the whole payload). */
function idsOf(payload: object): Record<string, unknown> {
  const p = payload as Record<string, unknown>;
  const ids: Record<string, unknown> = {};
  for (const k of ['orgId', 'planId', 'routeId', 'stopId', 'driverId', 'localDate'])
    if (p[k] !== undefined) ids[k] = p[k];
  return ids;
}

export function createDomainEvents(deps: { log: Logger }): DomainEvents {
  const handlers = new Map<DomainEventType, Entry[]>();
  const running = new Set<Promise<void>>();
  const failed = (type: DomainEventType, subscriber: string, payload: object, err: unknown) =>
    deps.log.error({ err, event: type, subscriber, ...idsOf(payload) }, 'domain event subscriber failed');

  const on = <K extends DomainEventType>(type: K, subscriber: string, handler: DomainHandler<K>) => {
    const list = handlers.get(type) ?? [];
    list.push({ subscriber, handler: handler as Entry['handler'] });
    handlers.set(type, list);
  };

  return {
    publish(type, payload) {
      const list = handlers.get(type);
      if (!list) return;
      for (const { subscriber, handler } of list) {
        try {
          const out = (handler as (p: typeof payload) => void | Promise<void>)(payload);
          if (out && typeof out.then === 'function') {
            const p: Promise<void> = out
              .catch((err: unknown) => failed(type, subscriber, payload, err))
              .finally(() => running.delete(p));
            running.add(p);
          }
        } catch (err) {
          failed(type, subscriber, payload, err);
        }
      }
    },
    on,
    subscribe(subscriber, hs) {
      for (const type of Object.keys(hs) as DomainEventType[]) {
        const h = hs[type];
        if (h) on(type, subscriber, h as DomainHandler<typeof type>);
      }
    },
    subscribers: (type) => (handlers.get(type) ?? []).map((e) => e.subscriber),
    async drain() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
