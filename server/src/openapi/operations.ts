/**
 * The operations the OpenAPI document describes: the integration surface (what API keys may call,
 * and the webhooks and trackers endpoints), each with the zod schemas of `shared` that the route
 * itself parses its query and body with — so the document cannot drift from the validation.
 */
import {
  CreateApiKeyRequest,
  CreateOrdersRequest,
  CreateShopConnectionRequest,
  CreateTrackerRequest,
  CreateWebhookRequest,
  DeliveriesQuery,
  DriverDayQuery,
  OrderListQuery,
  OrderPatch,
  OrdersFeedQuery,
  OsmAndJson,
  OsmAndPosition,
  PlanRequest,
  PublishRequest,
  ReplayQuery,
  RoutesQuery,
  UpdateWebhookRequest,
} from '@tournee/shared';
import type { ApiKeyScope } from '@tournee/shared';
import type { z } from 'zod';

export interface Operation {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** OpenAPI path, `{id}` for path parameters. */
  path: string;
  tag: string;
  summary: string;
  /** The API key scope that unlocks it (api-keys/scopes.ts); absent: sessions only, or its own credential. */
  scope?: ApiKeyScope;
  /** `none`: no session or key (a signature or device key instead). */
  auth?: 'none';
  query?: z.ZodType;
  body?: z.ZodType;
  /** Status codes answered besides the error ones. */
  ok: Record<string, string>;
}

export const OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/orders',
    tag: 'Orders',
    summary: 'List orders (filters), or with updatedSince the orders changed since, oldest change first',
    scope: 'orders:read',
    query: OrderListQuery,
    ok: { '200': 'A page of orders' },
  },
  {
    method: 'get',
    path: '/orders#feed',
    tag: 'Orders',
    summary: 'Orders changed since a time, for polling clients: continue with the answer’s cursor',
    scope: 'orders:read',
    query: OrdersFeedQuery,
    ok: { '200': '{ items, cursor, hasMore }' },
  },
  {
    method: 'post',
    path: '/orders',
    tag: 'Orders',
    summary: 'Create or update up to 500 orders by ref; answered order by order',
    scope: 'orders:write',
    body: CreateOrdersRequest,
    ok: { '200': '{ results: [{ ref, status: created|updated|unchanged|rejected, id?, errors? }] }' },
  },
  {
    method: 'get',
    path: '/orders/{id}',
    tag: 'Orders',
    summary: 'One order',
    scope: 'orders:read',
    ok: { '200': 'The order' },
  },
  {
    method: 'patch',
    path: '/orders/{id}',
    tag: 'Orders',
    summary: 'Change an order (validated like an import row)',
    scope: 'orders:write',
    body: OrderPatch,
    ok: { '200': 'The order' },
  },
  {
    method: 'delete',
    path: '/orders/{id}',
    tag: 'Orders',
    summary: 'Cancel an order',
    scope: 'orders:write',
    ok: { '200': 'The cancelled order' },
  },
  {
    method: 'get',
    path: '/routes',
    tag: 'Tracking',
    summary: 'The routes of a day with their stops',
    scope: 'tracking:read',
    query: RoutesQuery,
    ok: { '200': 'Routes' },
  },
  {
    method: 'get',
    path: '/tracking/latest',
    tag: 'Tracking',
    summary: 'The latest position of each driver of a day',
    scope: 'tracking:read',
    query: DriverDayQuery,
    ok: { '200': 'Positions' },
  },
  {
    method: 'post',
    path: '/plans',
    tag: 'Planning',
    summary: 'Start a plan',
    scope: 'plans:write',
    body: PlanRequest,
    ok: { '202': 'The plan, running' },
  },
  {
    method: 'post',
    path: '/dispatch/publish',
    tag: 'Planning',
    summary: 'Publish a day’s routes to the drivers',
    scope: 'plans:write',
    body: PublishRequest,
    ok: { '200': 'What was published' },
  },
  {
    method: 'post',
    path: '/webhooks',
    tag: 'Webhooks',
    summary: 'Subscribe a URL to events; the signing secret is answered once (generated when none is given)',
    scope: 'webhooks:manage',
    body: CreateWebhookRequest,
    ok: { '201': 'The subscription with its secret' },
  },
  {
    method: 'get',
    path: '/webhooks',
    tag: 'Webhooks',
    summary: 'The subscriptions',
    scope: 'webhooks:manage',
    ok: { '200': '{ items }' },
  },
  {
    method: 'patch',
    path: '/webhooks/{id}',
    tag: 'Webhooks',
    summary: 'Change a subscription; enabled: true resumes one turned off after failing',
    scope: 'webhooks:manage',
    body: UpdateWebhookRequest,
    ok: { '200': 'The subscription' },
  },
  {
    method: 'delete',
    path: '/webhooks/{id}',
    tag: 'Webhooks',
    summary: 'Delete a subscription',
    scope: 'webhooks:manage',
    ok: { '204': 'Deleted' },
  },
  {
    method: 'get',
    path: '/webhooks/{id}/deliveries',
    tag: 'Webhooks',
    summary: 'The delivery log, newest first',
    scope: 'webhooks:manage',
    query: DeliveriesQuery,
    ok: { '200': '{ items }' },
  },
  {
    method: 'post',
    path: '/webhooks/{id}/replay',
    tag: 'Webhooks',
    summary: 'Send every event of the subscription’s types since `from` again (same event ids)',
    scope: 'webhooks:manage',
    query: ReplayQuery,
    ok: { '200': '{ queued }' },
  },
  {
    method: 'post',
    path: '/api-keys',
    tag: 'API keys',
    summary: 'Create an API key (admins; the key is answered once)',
    body: CreateApiKeyRequest,
    ok: { '201': '{ id, key, … }' },
  },
  { method: 'get', path: '/api-keys', tag: 'API keys', summary: 'The API keys (admins)', ok: { '200': '{ items }' } },
  {
    method: 'delete',
    path: '/api-keys/{id}',
    tag: 'API keys',
    summary: 'Revoke an API key (admins)',
    ok: { '200': 'The revoked key' },
  },
  {
    method: 'post',
    path: '/drivers/{id}/trackers',
    tag: 'GPS trackers',
    summary: 'A device key for a driver’s GPS tracker (answered once)',
    body: CreateTrackerRequest,
    ok: { '201': '{ id, key, … }' },
  },
  {
    method: 'get',
    path: '/positions/osmand',
    tag: 'GPS trackers',
    summary: 'One fix, OsmAnd / Traccar Client protocol (the device key as id)',
    auth: 'none',
    query: OsmAndPosition,
    ok: { '200': '{ status: accepted|duplicate|rejected, reason? }' },
  },
  {
    method: 'post',
    path: '/positions/osmand',
    tag: 'GPS trackers',
    summary: 'One fix, Traccar Client JSON form',
    auth: 'none',
    body: OsmAndJson,
    ok: { '200': '{ status: accepted|duplicate|rejected, reason? }' },
  },
  {
    method: 'post',
    path: '/intake/connections',
    tag: 'Shop intake',
    summary: 'Connect a shop: its webhook signing secret (admins)',
    body: CreateShopConnectionRequest,
    ok: { '201': 'The connection' },
  },
  {
    method: 'post',
    path: '/intake/shopify',
    tag: 'Shop intake',
    summary: 'Shopify orders/paid webhook (X-Shopify-Hmac-Sha256, X-Shopify-Shop-Domain)',
    auth: 'none',
    ok: { '201': 'Order created', '200': 'Duplicate or ignored' },
  },
  {
    method: 'post',
    path: '/intake/woocommerce',
    tag: 'Shop intake',
    summary: 'WooCommerce order webhook (X-WC-Webhook-Signature, X-WC-Webhook-Source)',
    auth: 'none',
    ok: { '201': 'Order created', '200': 'Duplicate or ignored' },
  },
];
