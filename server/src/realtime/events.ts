/**
 * What the domain services tell the outside world, without knowing about Socket.IO: the
 * realtime layer implements it with rooms, tests and the worker process with a no-op.
 */
import type {
  DriverPositionEvent,
  PlanProgressEvent,
  PlanStatusEvent,
  RouteChangedEvent,
  RouteEtasEvent,
  RoutePublishedEvent,
  StopStatusEvent,
} from '@tournee/shared';

export interface DispatchEvents {
  planProgress(orgId: string, e: PlanProgressEvent): void;
  planStatus(orgId: string, e: PlanStatusEvent): void;
  routePublished(orgId: string, e: RoutePublishedEvent): void;
  /** Also tells the drivers' sockets following the route (`route:<id>` on `/driver`). */
  routeChanged(orgId: string, e: RouteChangedEvent): void;
  /** To the day room of `e.localDate`. */
  routeEtas(orgId: string, e: RouteEtasEvent): void;
  /** To the day room of `e.localDate`. */
  driverPosition(orgId: string, e: DriverPositionEvent): void;
  /** To the day room of `e.localDate`. */
  stopStatus(orgId: string, e: StopStatusEvent): void;
}

export const noEvents: DispatchEvents = {
  planProgress() {},
  planStatus() {},
  routePublished() {},
  routeChanged() {},
  routeEtas() {},
  driverPosition() {},
  stopStatus() {},
};
