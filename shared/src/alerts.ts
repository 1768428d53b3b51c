/**
 * The dispatcher's alerts inbox: what needs a human's eye during the day, opened by the server
 * when it detects a condition and resolved by it when the condition ends (a dispatcher may
 * acknowledge an alert meanwhile). One alert at most is open per type and subject (a route, a
 * stop, a message), so two processes detecting the same thing make one alert.
 */
import { z } from 'zod';
import { LocalDateField } from './time.ts';

export const ALERT_TYPES = [
  'late_risk',
  'stale_gps',
  'off_route',
  'failed_delivery',
  'route_not_started',
  'message_failed',
  'pod_missing',
  /** A plan schedule's run: what it planned or published (server/src/schedules/). */
  'plan_schedule',
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export interface Alert {
  id: string;
  type: AlertType;
  status: AlertStatus;
  /** The day (the route's, in the depot's zone) whose room and inbox the alert belongs to. */
  localDate: string;
  routeId: string | null;
  stopId: string | null;
  orderId: string | null;
  driverId: string | null;
  /** What the detector saw: `distanceM`, `etaAt`/`windowEndAt`, `lastFixAt`, `reason`, `error`… */
  details: Record<string, unknown>;
  openedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
}

/** `GET /api/alerts?date=YYYY-MM-DD&status=open,acknowledged` (status defaults to open and acknowledged). */
export const AlertsQuery = z.object({
  date: LocalDateField,
  status: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').map((x) => x.trim()) : ['open', 'acknowledged']))
    .pipe(z.array(z.enum(ALERT_STATUSES, { message: 'must be open, acknowledged or resolved' })).min(1)),
});
export type AlertsQuery = z.infer<typeof AlertsQuery>;

/** Thresholds of the detectors, in the organisation's settings (`alerts`). */
export const AlertSettings = z
  .object({
    /** Minutes a live ETA may pass the end of the stop's window before `late_risk`. @default 10 */
    lateRiskMin: z.number().int('must be whole minutes').min(0).max(240),
    /** Minutes without a fix on a started route before `stale_gps`. @default 5 */
    staleGpsMin: z.number().int('must be whole minutes').min(1).max(120),
    /** Metres from the route line that count as off the route. @default 500 */
    offRouteM: z.number().int('must be whole metres').min(50).max(20_000),
    /** Consecutive fixes that far before `off_route`. @default 3 */
    offRouteFixes: z.number().int('must be a whole number').min(1).max(20),
    /** Minutes after the shift start with the route not started before `route_not_started`. @default 15 */
    notStartedMin: z.number().int('must be whole minutes').min(1).max(240),
    /**
     * Minutes after a delivery (its event received) for the proof files its order requires to
     * arrive (they follow the event in their own request) before `pod_missing`. Optional in a
     * request, for clients written before it. @default 2
     */
    podGraceMin: z.number().int('must be whole minutes').min(1).max(240).default(2),
  })
  .strict();
export type AlertSettings = z.infer<typeof AlertSettings>;

export const DEFAULT_ALERTS: AlertSettings = {
  lateRiskMin: 10,
  staleGpsMin: 5,
  offRouteM: 500,
  offRouteFixes: 3,
  notStartedMin: 15,
  podGraceMin: 2,
};
