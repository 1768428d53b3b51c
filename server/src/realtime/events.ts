/**
 * What the domain services tell the outside world, without knowing about Socket.IO: the
 * realtime layer implements it with rooms, tests and the worker process with a no-op.
 */
import type { PlanProgressEvent, PlanStatusEvent, RouteChangedEvent, RoutePublishedEvent } from '@tournee/shared';

export interface DispatchEvents {
  planProgress(orgId: string, e: PlanProgressEvent): void;
  planStatus(orgId: string, e: PlanStatusEvent): void;
  routePublished(orgId: string, e: RoutePublishedEvent): void;
  routeChanged(orgId: string, e: RouteChangedEvent): void;
}

export const noEvents: DispatchEvents = {
  planProgress() {},
  planStatus() {},
  routePublished() {},
  routeChanged() {},
};
