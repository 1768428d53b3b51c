/**
 * Socket.IO event maps of the `/dispatch` namespace (dispatchers and admins, signed in with the
 * API's session token in `auth.token` or the session cookie).
 *
 * Rooms: every socket joins its organisation's room on connect (plan progress and status are
 * sent there); `day:join` adds the socket to the room of one local date, where route changes of
 * that day are sent. Acks follow `Ack<T>`: `{ ok: true, data }` or `{ ok: false, error }`.
 */
import type { Ack } from './api.ts';
import type { PlanProgress, PlanStatus, PlanSummary } from './planning.ts';

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

export interface DispatchServerEvents {
  'plan:progress': (e: PlanProgressEvent) => void;
  'plan:status': (e: PlanStatusEvent) => void;
  'route:published': (e: RoutePublishedEvent) => void;
  'route:changed': (e: RouteChangedEvent) => void;
}

export interface DispatchClientEvents {
  /** Follow one day's route changes; answers the room joined. */
  'day:join': (localDate: string, ack: (a: Ack<{ room: string }>) => void) => void;
  'day:leave': (localDate: string, ack: (a: Ack<{ room: string }>) => void) => void;
}
