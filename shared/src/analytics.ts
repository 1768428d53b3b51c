/**
 * Analytics over delivered days: what `GET /api/analytics/summary`, `/api/analytics/stops`,
 * `/api/analytics/service-times` and `/api/ratings` take and answer. Days are the routes' local
 * dates (the depot's zone); every figure is computed in SQL from stops, stop times, positions,
 * ratings and messages.
 */
import { z } from 'zod';
import { LocalDateField } from './time.ts';

export const ANALYTICS_GROUP_BY = ['day', 'driver', 'vehicle', 'depot'] as const;
export type AnalyticsGroupBy = (typeof ANALYTICS_GROUP_BY)[number];

/** The longest range one summary reads (a bit more than a year). */
export const ANALYTICS_MAX_DAYS = 400;

const DateRange = z
  .object({ from: LocalDateField, to: LocalDateField })
  .refine((r) => r.from <= r.to, { message: 'must not be before from', path: ['to'] })
  .refine((r) => (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 < ANALYTICS_MAX_DAYS, {
    message: `must be less than ${ANALYTICS_MAX_DAYS} days after from`,
    path: ['to'],
  });

/** `GET /api/analytics/summary?from&to&groupBy=day|driver|vehicle|depot&format=json|csv|xlsx` */
export const AnalyticsSummaryQuery = z.intersection(
  DateRange,
  z.object({
    groupBy: z.enum(ANALYTICS_GROUP_BY, { message: 'must be day, driver, vehicle or depot' }).default('day'),
    format: z.enum(['json', 'csv', 'xlsx'], { message: 'must be json, csv or xlsx' }).default('json'),
  }),
);
export type AnalyticsSummaryQuery = z.infer<typeof AnalyticsSummaryQuery>;

/** One group's figures (a day, a driver, a vehicle or a depot), or the total of the range. */
export interface AnalyticsRow {
  /** The day (YYYY-MM-DD) or the driver's, vehicle's or depot's id; null for the total. */
  key: string | null;
  /** The day, or the driver's, vehicle's or depot's name. */
  label: string;
  routes: number;
  stops: number;
  delivered: number;
  failed: number;
  /** Failed stops by the driver's reason (`absent`, `no_access`, …; `unknown` without one). */
  failedByReason: Record<string, number>;
  skipped: number;
  /** Stops with an actual arrival: the base of `onTimePct`. */
  arrived: number;
  onTime: number;
  /** Arrivals inside one of the order's windows (± the organisation's tolerance), in %, one decimal; null with no arrival. */
  onTimePct: number | null;
  /** Minutes past the window's end, over the late arrivals only. */
  lateAvgMin: number | null;
  lateP90Min: number | null;
  plannedKm: number;
  /** From the driver's stored positions on the route (consecutive fixes, on the sphere). */
  actualKm: number;
  plannedDrivingS: number;
  actualDrivingS: number;
  plannedServiceS: number;
  actualServiceS: number;
  /** Seconds worked past the shift's end (last fix or departure after it). */
  overtimeS: number;
  ratingAvg: number | null;
  ratingCount: number;
  messagesSent: number;
  messagesFailed: number;
  /** Vehicle costs (fixed + per km + per hour, actual where known) over delivered stops; null with none delivered. */
  costPerDelivered: number | null;
}

export interface AnalyticsSummary {
  from: string;
  to: string;
  groupBy: AnalyticsGroupBy;
  onTimeToleranceMin: number;
  groups: AnalyticsRow[];
  total: AnalyticsRow;
}

export const ANALYTICS_OUTCOMES = ['all', 'delivered', 'failed', 'skipped', 'on_time', 'late', 'pending'] as const;
export type AnalyticsOutcome = (typeof ANALYTICS_OUTCOMES)[number];

/** `GET /api/analytics/stops?from&to&driverId&vehicleId&depotId&date&outcome` — the stops behind a figure. */
export const AnalyticsStopsQuery = z.intersection(
  DateRange,
  z.object({
    driverId: z.uuid({ message: 'must be a driver id' }).optional(),
    vehicleId: z.uuid({ message: 'must be a vehicle id' }).optional(),
    depotId: z.uuid({ message: 'must be a depot id' }).optional(),
    outcome: z.enum(ANALYTICS_OUTCOMES, { message: `must be one of ${ANALYTICS_OUTCOMES.join(', ')}` }).default('all'),
    limit: z.coerce.number().int().min(1).max(2000).default(500),
  }),
);
export type AnalyticsStopsQuery = z.infer<typeof AnalyticsStopsQuery>;

export interface AnalyticsStop {
  stopId: string;
  orderId: string | null;
  orderRef: string;
  customer: string;
  address: string;
  localDate: string;
  driverId: string | null;
  driverName: string | null;
  vehicleName: string;
  status: string;
  reason: string | null;
  plannedArrivalAt: string | null;
  actualArrivalAt: string | null;
  onTime: boolean | null;
  lateMin: number | null;
}

/** `GET /api/ratings?from&to` */
export const RatingsQuery = DateRange;
export type RatingsQuery = z.infer<typeof RatingsQuery>;

export interface RatingItem {
  orderId: string;
  orderRef: string;
  customer: string;
  rating: number;
  comment: string;
  at: string;
  localDate: string | null;
  driverName: string | null;
}

/** `GET /api/analytics/service-times?address=…&visits=N` (address optional: every customer seen). */
export const ServiceTimesQuery = z.object({
  address: z.string().trim().min(1).max(500).optional(),
  visits: z.coerce.number().int().min(1).max(50).default(5),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});
export type ServiceTimesQuery = z.infer<typeof ServiceTimesQuery>;

/** The median actual service time at one address over its last `visits` visits. */
export interface LearnedServiceTime {
  /** The address as normalised for matching (lower case, single spaces). */
  addressKey: string;
  address: string;
  visits: number;
  medianServiceS: number;
  /** `medianServiceS` in whole minutes (at least 1): the default `service_min` of the next orders. */
  serviceMin: number;
}

/** The organisation's analytics settings (`analytics`). */
export const AnalyticsSettings = z
  .object({
    /** Minutes an arrival may be outside its window and still count as on time. @default 0 */
    onTimeToleranceMin: z.number().int('must be whole minutes').min(0).max(240),
    /**
     * Imported rows without service_min take the median service time of the last this many
     * visits at their address (0: the organisation's default service time instead). @default 5
     */
    serviceTimeVisits: z.number().int('must be a whole number').min(0).max(50),
  })
  .strict();
export type AnalyticsSettings = z.infer<typeof AnalyticsSettings>;

export const DEFAULT_ANALYTICS: AnalyticsSettings = { onTimeToleranceMin: 0, serviceTimeVisits: 5 };
