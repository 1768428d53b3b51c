/** The organisation's settings as `GET/PATCH /api/organisation` read and answer them. */
import { z } from 'zod';
import { AlertSettings } from './alerts.ts';
import { AnalyticsSettings } from './analytics.ts';
import { isPhoneCountry } from './phone.ts';
import { FAIL_REASONS } from './tracking.ts';
import { WorkingTimeSettings } from './working-time.ts';

function isLocale(s: string): boolean {
  try {
    return Intl.getCanonicalLocales(s).length === 1;
  } catch {
    return false;
  }
}

/** Dimension names become import headers (`demand_kg`), so they are short lower-case words. */
const Dimension = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,31}$/, 'must be a lower-case name such as kg, m3 or parcels');

/**
 * Automatic redelivery: a stop failed (or skipped) with one of `reasons` puts its order back to
 * imported for the `offsetDays`-th working day after the failed day; once it has had
 * `maxAttempts` visits it goes on hold (`max_attempts`) instead.
 */
export const RedeliverySettings = z
  .object({
    /** Re-queue failed orders without a dispatcher. @default false */
    auto: z.boolean(),
    /** Visits after which an order is held instead of re-queued. @default 2 */
    maxAttempts: z.number().int('must be a whole number').min(1).max(10),
    /** Working days (days with a shift that can serve the order) after the failed day. @default 1 */
    offsetDays: z.number().int('must be a whole number').min(1).max(14),
    /** Failure reasons that re-queue (the driver app's FAIL_REASONS, and `skipped` for a skipped stop). */
    reasons: z
      .array(z.enum([...FAIL_REASONS, 'skipped']))
      .max(FAIL_REASONS.length + 1)
      .refine((r) => new Set(r).size === r.length, { message: 'must not repeat a reason' }),
  })
  .strict();
export type RedeliverySettings = z.infer<typeof RedeliverySettings>;

/** Redelivery of an organisation that never set it: off, with the usual figures ready. */
export const DEFAULT_REDELIVERY: RedeliverySettings = {
  auto: false,
  maxAttempts: 2,
  offsetDays: 1,
  reasons: ['absent', 'no_access'],
};

/** What customers may do from their tracking page besides following the delivery. */
export const CustomerRescheduleSettings = z
  .object({
    /**
     * Customers may move a delivery to another day before its route starts (after a failed
     * visit they always may). @default false
     */
    beforeStart: z.boolean(),
  })
  .strict();
export type CustomerRescheduleSettings = z.infer<typeof CustomerRescheduleSettings>;

export const DEFAULT_CUSTOMER_RESCHEDULE: CustomerRescheduleSettings = { beforeStart: false };

export const UpdateOrganisationRequest = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(200),
    /** Capacity and demand dimensions, in vector order. */
    dimensions: z
      .array(Dimension)
      .min(1, 'needs at least one dimension')
      .max(8, 'at most 8 dimensions')
      .refine((d) => new Set(d).size === d.length, { message: 'must not repeat a dimension' }),
    /** Service time of an order that gives none, in seconds. */
    defaultServiceS: z.number().int('must be whole seconds').min(0).max(86_400),
    /** ISO 3166 country code national phone numbers are read in. */
    defaultCountry: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isPhoneCountry, { message: 'must be a two-letter country code such as FR' }),
    /** Language of messages to customers (BCP 47, such as fr or en-GB). */
    locale: z.string().trim().refine(isLocale, { message: 'must be a language tag such as fr or en-GB' }),
    /** Import column mapping remembered from the last import: `{ "their header": "canonical field" }`. */
    importMapping: z
      .record(z.string().max(200), z.string().max(64))
      .refine((m) => Object.keys(m).length <= 200, { message: 'at most 200 remembered columns' }),
    /** Automatic redelivery of failed deliveries. */
    redelivery: RedeliverySettings,
    /** Customers changing the day from the tracking page. */
    customerReschedule: CustomerRescheduleSettings,
    /** Thresholds of the dispatchers' alerts (late risk, stale GPS, off route, route not started, proof grace). */
    alerts: AlertSettings,
    /** Analytics: the on-time tolerance. */
    analytics: AnalyticsSettings,
    /** Drivers' working-time rules the planner enforces (weekly hours, daily rest, driving before a break). */
    workingTime: WorkingTimeSettings,
  })
  .partial();
export type UpdateOrganisationRequest = z.infer<typeof UpdateOrganisationRequest>;

export interface Organisation {
  id: string;
  name: string;
  dimensions: string[];
  defaultServiceS: number;
  defaultCountry: string;
  locale: string;
  importMapping: Record<string, string>;
  redelivery: RedeliverySettings;
  customerReschedule: CustomerRescheduleSettings;
  alerts: AlertSettings;
  analytics: AnalyticsSettings;
  workingTime: WorkingTimeSettings;
}
