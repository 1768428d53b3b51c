/**
 * Customer notifications (the outbox the dispatcher reads), the organisation's notification
 * settings and the public tracking page's view of one order. The tracking view never carries
 * anything of another customer: no other stop, no route line.
 */
import { z } from 'zod';
import type { GeoPoint, TimeWindow } from './orders.ts';
import { LocalDateField } from './time.ts';

export const NOTIFY_TRIGGERS = [
  'published',
  'started',
  'next',
  'eta_moved',
  'delivered',
  'failed',
  'rescheduled',
  // Optional (off by default): "your driver is N stops away", before "next".
  'proximity',
] as const;
export type NotifyTrigger = (typeof NOTIFY_TRIGGERS)[number];

export const NOTIFY_STATUSES = ['pending', 'sending', 'sent', 'delivered', 'failed', 'suppressed'] as const;
export type NotifyStatus = (typeof NOTIFY_STATUSES)[number];
export type NotifyChannel = 'sms' | 'email';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM');

/** `organisations.settings.notify`: every field optional, defaults in `DEFAULT_NOTIFY_SETTINGS`. */
export const NotifySettings = z.object({
  triggers: z.partialRecord(z.enum(NOTIFY_TRIGGERS), z.boolean()).optional(),
  channels: z.object({ sms: z.boolean().optional(), email: z.boolean().optional() }).optional(),
  /** No message is sent between `start` and `end` (local time of the depot; may span midnight). */
  quietHours: z.object({ start: HHMM, end: HHMM }).nullable().optional(),
  /** "You are next" once the ETA is this close (minutes). */
  nextWithinMin: z.number().int().min(1).max(180).optional(),
  /** `proximity`: told once the customer is this many stops away (or fewer, before "next"). */
  proximityStops: z.number().int().min(1).max(10).optional(),
  /** A new message once the ETA moved this much from the last one told (minutes). */
  etaMovedMin: z.number().int().min(5).max(600).optional(),
  /** Where a customer re-books after a failed delivery (shown in the "failed" message). */
  rebookUrl: z.string().url().nullable().optional(),
  rebookPhone: z.string().max(40).nullable().optional(),
});
export type NotifySettings = z.infer<typeof NotifySettings>;

export const DEFAULT_NOTIFY_SETTINGS = {
  triggers: {
    published: true,
    started: true,
    next: true,
    eta_moved: true,
    delivered: true,
    failed: true,
    rescheduled: true,
    proximity: false,
  },
  channels: { sms: true, email: true },
  quietHours: { start: '21:00', end: '08:00' },
  nextWithinMin: 15,
  proximityStops: 2,
  etaMovedMin: 20,
  rebookUrl: null,
  rebookPhone: null,
} satisfies Required<NotifySettings>;

/**
 * An organisation's notification settings with every default filled in (see `DEFAULT_NOTIFY_SETTINGS`):
 * what `GET /api/notifications/settings` (and `PUT`) answers, and what the server sends by.
 */
export interface ResolvedNotifySettings {
  triggers: Record<NotifyTrigger, boolean>;
  channels: { sms: boolean; email: boolean };
  quietHours: { start: string; end: string } | null;
  nextWithinMin: number;
  proximityStops: number;
  etaMovedMin: number;
  rebookUrl: string | null;
  rebookPhone: string | null;
}

/** One message of the outbox as the dispatcher sees it. */
export interface Notification {
  id: string;
  orderId: string | null;
  channel: NotifyChannel;
  trigger: NotifyTrigger;
  recipient: string;
  locale: string;
  subject: string | null;
  body: string;
  status: NotifyStatus;
  attempts: number;
  nextAttemptAt: string;
  provider: string | null;
  providerId: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** `GET /api/notifications?orderId=&status=` */
export const NotificationsQuery = z.object({
  orderId: z.uuid({ message: 'must be an order id (uuid)' }).optional(),
  status: z.enum(NOTIFY_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type NotificationsQuery = z.infer<typeof NotificationsQuery>;

/** `POST /api/track/:token/rating` */
export const RatingRequest = z.object({
  rating: z.number().int('must be a whole number').min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
  comment: z.string().trim().max(1000, 'at most 1000 characters').default(''),
});
export type RatingRequest = z.infer<typeof RatingRequest>;

/** `rescheduled`: after a failed or skipped visit, the order waits for another day (`reschedule.next`). */
export type TrackStatus = 'scheduled' | 'on_the_way' | 'arrived' | 'delivered' | 'failed' | 'rescheduled' | 'cancelled';

/** A day the customer may move the delivery to, with the windows offered that day (depot's local time). */
export interface OfferedDay {
  date: string;
  windows: TimeWindow[];
}

const HHMMWindow = z
  .object({ start: HHMM, end: HHMM })
  .refine((w) => w.start < w.end, { message: 'must end after it starts', path: ['end'] });

/** `POST /api/track/:token/reschedule`: one of the offered days, and optionally one of its windows. */
export const TrackRescheduleRequest = z.object({
  date: LocalDateField,
  window: HHMMWindow.nullable().optional(),
});
export type TrackRescheduleRequest = z.infer<typeof TrackRescheduleRequest>;

/** The answer to a reschedule; a replay of the same request gets the same answer (nothing changes twice). */
export interface TrackRescheduleResult {
  date: string;
  window: TimeWindow | null;
  /** When the change was made (the first time the request was received). */
  at: string;
}

/** `GET /api/track/:token` and `track:update` on `/track`: one order, nothing else. */
export interface TrackView {
  status: TrackStatus;
  customerName: string;
  address: string;
  orgName: string;
  timeZone: string;
  localDate: string | null;
  /** The band told to the customer (`announced`), or the plan's band before any message. */
  window: { from: string; to: string } | null;
  /** The slot the customer booked: the order's windows on the delivery day (ISO instants); empty = any time. */
  bookedWindows: { start: string; end: string }[];
  /**
   * What the messages said (the last band told), null before any message; `outside` when it was
   * early or late for the booked slot (the message said so).
   */
  announced: { start: string; end: string; outside: 'early' | 'late' | null } | null;
  /** `updatedAt` is the instant of the driver fix the ETA rests on; `stale` after 5 min without one. */
  eta: { at: string; low: string; high: string; updatedAt: string; stale: boolean } | null;
  /** How many stops the driver still has to do before this one (null before the route starts). */
  stopsBefore: number | null;
  /** Only when the driver is one or two stops away (`stopsBefore` ≤ 1) or at the door. */
  driver: { location: GeoPoint; at: string } | null;
  destination: GeoPoint;
  delivery: {
    at: string | null;
    recipientName: string | null;
    reason: string | null;
    proofKinds: ('photo' | 'signature')[];
  } | null;
  rating: { rating: number; comment: string } | null;
  canRate: boolean;
  /** The code to give the driver, when the delivery requires one and is still to come; else null. */
  deliveryCode: string | null;
  reschedule: {
    /** The page offers another day now: after a failure, or before the route starts when `beforeStart`. */
    allowed: boolean;
    /** The organisation lets customers move a delivery whose route has not started (`customerReschedule`). */
    beforeStart: boolean;
    /** Empty when not allowed. */
    days: OfferedDay[];
    /** The days the order now waits for, once moved (by the customer or a redelivery); null otherwise. */
    next: { dateFrom: string; dateTo: string; windows: TimeWindow[] } | null;
  };
}

/** `/track` namespace: `auth.token` is the link's token; the socket only hears its own order. */
export interface TrackServerEvents {
  'track:update': (v: TrackView) => void;
  'track:driver': (d: { location: GeoPoint; at: string }) => void;
}
