/**
 * Integrations over HTTP: API keys, webhook subscriptions, the orders feed for polling clients,
 * GPS tracker device keys and shop connections (Shopify, WooCommerce).
 */
import { z } from 'zod';

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a zone' });

export const API_KEY_SCOPES = [
  'orders:read',
  'orders:write',
  'tracking:read',
  'webhooks:manage',
  'plans:write',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** `POST /api/api-keys`. */
export const CreateApiKeyRequest = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, 'needs at least one scope'),
});
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequest>;

/** An API key as listed (never the key itself: only its first characters). */
export interface ApiKey {
  id: string;
  name: string;
  /** The key's first characters (`tk_live_ab12…`), to recognise it. */
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The answer of `POST /api/api-keys`: the only time the key is shown. */
export interface CreatedApiKey extends ApiKey {
  key: string;
}

export const WEBHOOK_EVENTS = [
  'order.created',
  'order.updated',
  'order.planned',
  'order.dispatched',
  'order.in_progress',
  'order.delivered',
  'order.failed',
  'order.cancelled',
  'order.rescheduled',
  'route.published',
  'route.started',
  'route.completed',
  'stop.eta_changed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

const webhookUrl = z
  .string()
  .trim()
  .url('must be an http(s) URL')
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');

/** `POST /api/webhooks`: a secret is generated when none is given. */
export const CreateWebhookRequest = z.object({
  url: webhookUrl,
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'needs at least one event'),
  secret: z.string().min(16, 'must be at least 16 characters').max(200).optional(),
  description: z.string().trim().max(200).optional(),
});
export type CreateWebhookRequest = z.infer<typeof CreateWebhookRequest>;

/** `PATCH /api/webhooks/:id`: re-enabling a disabled subscription resumes its deliveries. */
export const UpdateWebhookRequest = z
  .object({
    url: webhookUrl,
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'needs at least one event'),
    enabled: z.boolean(),
    description: z.string().trim().max(200),
  })
  .partial();
export type UpdateWebhookRequest = z.infer<typeof UpdateWebhookRequest>;

export interface WebhookSubscription {
  id: string;
  url: string;
  events: WebhookEventType[];
  description: string;
  enabled: boolean;
  /** Why it was turned off (`failing` after WEBHOOK_DISABLE_AFTER_DAYS of failures), or null. */
  disabledReason: string | null;
  /** Since when every delivery failed (null while the receiver answers). */
  failingSince: string | null;
  createdAt: string;
  /** Deliveries waiting (due now or backing off). */
  pending: number;
}

/** The answer of `POST /api/webhooks`: the signing secret, shown once. */
export interface CreatedWebhook extends WebhookSubscription {
  secret: string;
}

export const DELIVERY_STATUSES = ['pending', 'delivered'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One event's delivery to one subscription, with its last attempt. */
export interface WebhookDelivery {
  id: string;
  eventId: string;
  type: WebhookEventType;
  occurredAt: string;
  status: DeliveryStatus;
  attempts: number;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

export const DeliveriesQuery = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** `POST /api/webhooks/:id/replay?from=`: every event of the subscription's types since `from`, again. */
export const ReplayQuery = z.object({ from: instant });

/** The body POSTed to a subscriber. `id` is the event's: a receiver ignores an id it has seen. */
export interface WebhookEventBody {
  id: string;
  type: WebhookEventType;
  occurredAt: string;
  data: Record<string, unknown>;
}

/** `GET /api/orders?updatedSince=`: polling clients page through changes with `cursor`. */
export const OrdersFeedQuery = z.object({
  updatedSince: instant,
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type OrdersFeedQuery = z.infer<typeof OrdersFeedQuery>;

/** `POST /api/drivers/:id/trackers`: a device key for the Traccar Client app or a vehicle tracker. */
export const CreateTrackerRequest = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100),
});

export interface TrackerDevice {
  id: string;
  driverId: string;
  driverName: string;
  name: string;
  /** The key's first characters. */
  prefix: string;
  createdAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

export interface CreatedTrackerDevice extends TrackerDevice {
  /** The device identifier to enter in the tracker (shown once). */
  key: string;
}

/**
 * One OsmAnd / Traccar Client fix, from the query string or a form body. `timestamp` is Unix
 * seconds or milliseconds, or an ISO date-time; `speed` is in knots (the protocol's unit).
 */
export const OsmAndPosition = z.object({
  id: z.string().min(8, 'must be a device key').max(200),
  lat: z.coerce.number().min(-90).max(90),
  lon: z.coerce.number().min(-180).max(180),
  timestamp: z.union([z.coerce.number().positive(), instant]).optional(),
  speed: z.coerce.number().min(0).optional(),
  bearing: z.coerce.number().min(0).max(360).optional(),
  accuracy: z.coerce.number().min(0).optional(),
});
export type OsmAndPosition = z.infer<typeof OsmAndPosition>;

/** The JSON form Traccar Client sends (`{ device_id, location: { timestamp, coords: {…} } }`). */
export const OsmAndJson = z.object({
  device_id: z.string().min(8).max(200),
  location: z.object({
    timestamp: z.union([instant, z.number().positive()]),
    coords: z.object({
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
      accuracy: z.number().min(0).optional(),
      speed: z.number().optional(),
      heading: z.number().optional(),
    }),
  }),
});
export type OsmAndJson = z.infer<typeof OsmAndJson>;

export const SHOP_PLATFORMS = ['shopify', 'woocommerce'] as const;
export type ShopPlatform = (typeof SHOP_PLATFORMS)[number];

/** `POST /api/intake/connections`: the shop's webhook signing secret, to check its orders. */
export const CreateShopConnectionRequest = z.object({
  platform: z.enum(SHOP_PLATFORMS),
  /** Shopify: `my-shop.myshopify.com` (X-Shopify-Shop-Domain); WooCommerce: the site URL (X-WC-Webhook-Source). */
  shop: z.string().trim().min(3).max(300),
  secret: z.string().min(8, 'must be at least 8 characters').max(500),
});
export type CreateShopConnectionRequest = z.infer<typeof CreateShopConnectionRequest>;

export interface ShopConnection {
  id: string;
  platform: ShopPlatform;
  shop: string;
  createdAt: string;
  lastOrderAt: string | null;
}
