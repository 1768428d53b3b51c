/**
 * Socket.IO event maps of the `/dispatch` namespace (dispatchers and admins, signed in with the
 * API's session token in `auth.token` or the session cookie).
 *
 * Rooms: every socket joins its organisation's room on connect (plan progress and status are
 * sent there); `day:join` adds the socket to the room of one local date, where route changes of
 * that day are sent. Acks follow `Ack<T>`: `{ ok: true, data }` or `{ ok: false, error }`.
 */
import type { Alert } from './alerts.ts';
import type { Ack } from './api.ts';
import type { GeoPoint } from './orders.ts';
import type { PlanProgress, PlanStatus, PlanSummary, RouteStatus, StopStatus } from './planning.ts';
import type { PositionBatch, PositionsAck, StopEventInput, StopEventResult, StopEventType } from './tracking.ts';

export interface PlanProgressEvent extends PlanProgress {
  planId: string;
}

export interface PlanStatusEvent {
  planId: string;
  status: PlanStatus;
  summary: PlanSummary | null;
  error: string | null;
}

export interface RoutePublishedEvent {
  localDate: string;
  routes: { routeId: string; version: number; driverId: string | null }[];
}

/** A route's stops or times changed (edit, urgent insertion, re-plan); `version` bumps when published. */
export interface RouteChangedEvent {
  routeId: string;
  localDate: string;
  version: number;
  reason: 'edit' | 'insert' | 'replan' | 'lock';
}

/**
 * Fresh live ETAs of a route's remaining stops, after a position or a stop event (throttled per
 * route, see ETA_THROTTLE_MS); `stale` when the driver's last fix is too old to trust them.
 */
export interface RouteEtasEvent {
  routeId: string;
  localDate: string;
  stale: boolean;
  etas: { stopId: string; etaAt: string }[];
}

/**
 * A driver's freshest accepted position, sent to the day room (`org:<orgId>:day:<localDate>`) of
 * the route the driver runs (or, without one, of the depot's today) within a second of receipt.
 * Only positions that move the driver forward in device time are sent: late points are stored
 * but never move the marker back. At most one per driver per ingest flush (~50 ms).
 */
export interface DriverPositionEvent {
  driverId: string;
  routeId: string | null;
  localDate: string;
  /** GeoJSON point, [lon, lat]. */
  location: GeoPoint;
  /** The phone's clock when the fix was taken. */
  deviceAt: string;
  receivedAt: string;
  accuracyM: number | null;
  speedMps: number | null;
  headingDeg: number | null;
}

/**
 * A stop event applied (sent once per event id, to the route's day room): the stop's new status
 * and actual times, and the route's status (`in_progress` once started, `done` when no stop is
 * left pending).
 */
export interface StopStatusEvent {
  eventId: string;
  type: StopEventType;
  stopId: string;
  routeId: string;
  orderId: string | null;
  driverId: string;
  localDate: string;
  status: StopStatus;
  routeStatus: RouteStatus;
  reason: string | null;
  deviceAt: string;
  actualArrivalAt: string | null;
  actualDepartureAt: string | null;
}

export interface DispatchServerEvents {
  'plan:progress': (e: PlanProgressEvent) => void;
  'plan:status': (e: PlanStatusEvent) => void;
  'route:published': (e: RoutePublishedEvent) => void;
  'route:changed': (e: RouteChangedEvent) => void;
  'route:etas': (e: RouteEtasEvent) => void;
  'driver:position': (e: DriverPositionEvent) => void;
  'stop:status': (e: StopStatusEvent) => void;
  /** An alert opened (to the day room of `localDate`; see alerts.ts). */
  'alert:new': (e: Alert) => void;
  /** A dispatcher acknowledged an alert (to the day room). */
  'alert:acknowledged': (e: Alert) => void;
  /** An alert's condition ended (to the day room). */
  'alert:resolved': (e: Alert) => void;
}

export interface DispatchClientEvents {
  /** Follow one day's route changes; answers the room joined. */
  'day:join': (localDate: string, ack: (a: Ack<{ room: string }>) => void) => void;
  'day:leave': (localDate: string, ack: (a: Ack<{ room: string }>) => void) => void;
}

/**
 * `/driver` namespace (the driver's token from `POST /api/driver/session` in `auth.token`).
 * Every socket joins `driver:<driverId>` and the room of each of its published routes
 * (`route:<routeId>`). A revoked or expired token is refused at connect, and a revocation
 * disconnects the driver's open sockets.
 *
 * Acks: `positions` answers once the batch is stored (or recognised as already stored): the phone
 * may delete every id in the ack from its outbox. Points are judged one by one: a point out of
 * bounds (or refused by the database) is in `rejected` and never fails the others.
 * `stop:event` answers once the event is applied (or recognised by id); its `deviceAt` has the
 * bounds of a position's (at most 2 minutes ahead of the server, not older than the retention),
 * else `bad_request` naming it. An `{ ok: false }` ack with code `forbidden` / `bad_request` /
 * `not_found` is final (the phone drops the event and shows it), `internal` is retried.
 */
export interface DriverServerEvents {
  /** A route of this driver changed after publication: fetch the day again (`version` is the new one). */
  'route:changed': (e: RouteChangedEvent) => void;
  /** A route of this driver was published. */
  'route:published': (e: { routeId: string; localDate: string; version: number }) => void;
}

export interface DriverClientEvents {
  positions: (batch: PositionBatch, ack: (a: Ack<PositionsAck>) => void) => void;
  'stop:event': (e: StopEventInput, ack: (a: Ack<StopEventResult>) => void) => void;
}
