/**
 * The operations the OpenAPI document describes: the integration surface (what API keys may call,
 * and the webhooks and trackers endpoints), each with the zod schemas of `shared` that the route
 * itself parses its query and body with — so the document cannot drift from the validation.
 */
import {
  AutomationRuleInput,
  AutomationRulePatch,
  CreateApiKeyRequest,
  CreateOrderTemplate,
  CreatePlanSchedule,
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
  ReorderRulesRequest,
  ReplayQuery,
  RoutesQuery,
  ServiceMappingInput,
  UpdateOrderTemplate,
  UpdatePlanSchedule,
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

type Method = Operation['method'];

/** An operation's own fields: `tag` (and a scope the whole tag shares) are given once by `tagged`. */
type Entry = Omit<Operation, 'method' | 'path' | 'tag'>;

/**
 * One tag's operations, keyed `'<method> <path>'` as the routes' header comments write them, in
 * the order the document lists them. `scope`: the API key scope of every entry (null: each entry
 * gives its own, if any).
 */
function tagged(tag: string, scope: ApiKeyScope | null, entries: Record<`${Method} ${string}`, Entry>): Operation[] {
  return Object.entries(entries).map(([key, entry]) => {
    const [method, path] = key.split(' ') as [Method, string];
    return { method, path, tag, ...(scope ? { scope } : {}), ...entry };
  });
}

/** Automation (sessions of admins and dispatchers): intake rules, plan schedules, recurring orders. */
const AUTOMATION: Operation[] = [
  ...tagged('Intake rules', null, {
    'get /automation-rules': {
      summary: 'Every intake rule, in the order they run on imported and created orders',
      ok: { '200': 'The rules' },
    },
    'post /automation-rules': {
      summary: 'Add a rule (conditions on a column or field → actions); it runs last',
      body: AutomationRuleInput,
      ok: { '201': 'The rule' },
    },
    'post /automation-rules/service-mapping': {
      summary: 'Add a service mapping: "column = value → actions" as one rule',
      body: ServiceMappingInput,
      ok: { '201': 'The rule' },
    },
    'post /automation-rules/reorder': {
      summary: 'Put the rules in a new order (every rule id, once)',
      body: ReorderRulesRequest,
      ok: { '200': 'The rules, in the new order' },
    },
    'post /automation-rules/test': {
      summary:
        'Try the rules on a file (multipart/form-data as the orders import takes it; form fields `rules`, a JSON list to try instead of the saved ones, and `mapping`): each row before and after the rules; nothing is written',
      ok: { '200': '{ rows, matched, truncated, results: [{ row, ref, rulesApplied, changes, errors }] }' },
    },
    'patch /automation-rules/{id}': {
      summary: 'Change a rule (any field; enabled: false switches it off)',
      body: AutomationRulePatch,
      ok: { '200': 'The rule' },
    },
    'delete /automation-rules/{id}': { summary: 'Delete a rule', ok: { '204': 'Deleted' } },
  }),
  ...tagged('Plan schedules', null, {
    'get /plan-schedules': {
      summary: 'Every plan schedule with its next runs and its last runs',
      ok: { '200': '{ items }' },
    },
    'post /plan-schedules': {
      summary: 'Plan (and optionally publish) days ahead on a cron schedule, in the depot’s time zone',
      body: CreatePlanSchedule,
      ok: { '201': 'The schedule' },
    },
    'get /plan-schedules/{id}': { summary: 'One schedule', ok: { '200': 'The schedule' } },
    'patch /plan-schedules/{id}': {
      summary: 'Change a schedule (any field)',
      body: UpdatePlanSchedule,
      ok: { '200': 'The schedule' },
    },
    'delete /plan-schedules/{id}': {
      summary: 'Delete a schedule (its runs go with it; the plans it made stay)',
      ok: { '204': 'Deleted' },
    },
  }),
  ...tagged('Recurring orders', null, {
    'get /order-templates': { summary: 'Every order template with its next dates', ok: { '200': '{ items }' } },
    'post /order-templates': {
      summary: 'Add a template (an order and its recurrence rule, RFC 5545); the orders due are generated',
      body: CreateOrderTemplate,
      ok: { '201': 'The template and `generation`' },
    },
    'get /order-templates/{id}': { summary: 'One template', ok: { '200': 'The template' } },
    'patch /order-templates/{id}': {
      summary: 'Change a template (paused: true stops future occurrences)',
      body: UpdateOrderTemplate,
      ok: { '200': 'The template' },
    },
    'delete /order-templates/{id}': {
      summary: 'Delete a template (the orders it generated stay)',
      ok: { '204': 'Deleted' },
    },
    'post /order-templates/{id}/generate': {
      summary: 'Generate the template’s orders due now',
      ok: { '200': 'What was generated' },
    },
  }),
];

export const OPERATIONS: Operation[] = [
  ...tagged('Orders', null, {
    'get /orders': {
      summary: 'List orders (filters), or with updatedSince the orders changed since, oldest change first',
      scope: 'orders:read',
      query: OrderListQuery,
      ok: { '200': 'A page of orders' },
    },
    'get /orders#feed': {
      summary: 'Orders changed since a time, for polling clients: continue with the answer’s cursor',
      scope: 'orders:read',
      query: OrdersFeedQuery,
      ok: { '200': '{ items, cursor, hasMore }' },
    },
    'post /orders': {
      summary: 'Create or update up to 500 orders by ref; answered order by order',
      scope: 'orders:write',
      body: CreateOrdersRequest,
      ok: { '200': '{ results: [{ ref, status: created|updated|unchanged|rejected, id?, errors? }] }' },
    },
    'get /orders/{id}': { summary: 'One order', scope: 'orders:read', ok: { '200': 'The order' } },
    'patch /orders/{id}': {
      summary: 'Change an order (validated like an import row)',
      scope: 'orders:write',
      body: OrderPatch,
      ok: { '200': 'The order' },
    },
    'delete /orders/{id}': { summary: 'Cancel an order', scope: 'orders:write', ok: { '200': 'The cancelled order' } },
  }),
  ...tagged('Tracking', 'tracking:read', {
    'get /routes': { summary: 'The routes of a day with their stops', query: RoutesQuery, ok: { '200': 'Routes' } },
    'get /tracking/latest': {
      summary: 'The latest position of each driver of a day',
      query: DriverDayQuery,
      ok: { '200': 'Positions' },
    },
  }),
  ...tagged('Planning', 'plans:write', {
    'post /plans': { summary: 'Start a plan', body: PlanRequest, ok: { '202': 'The plan, running' } },
    'post /dispatch/publish': {
      summary: 'Publish a day’s routes to the drivers',
      body: PublishRequest,
      ok: { '200': 'What was published' },
    },
  }),
  ...tagged('Webhooks', 'webhooks:manage', {
    'post /webhooks': {
      summary: 'Subscribe a URL to events; the signing secret is answered once (generated when none is given)',
      body: CreateWebhookRequest,
      ok: { '201': 'The subscription with its secret' },
    },
    'get /webhooks': { summary: 'The subscriptions', ok: { '200': '{ items }' } },
    'patch /webhooks/{id}': {
      summary: 'Change a subscription; enabled: true resumes one turned off after failing',
      body: UpdateWebhookRequest,
      ok: { '200': 'The subscription' },
    },
    'delete /webhooks/{id}': { summary: 'Delete a subscription', ok: { '204': 'Deleted' } },
    'get /webhooks/{id}/deliveries': {
      summary: 'The delivery log, newest first',
      query: DeliveriesQuery,
      ok: { '200': '{ items }' },
    },
    'post /webhooks/{id}/replay': {
      summary: 'Send every event of the subscription’s types since `from` again (same event ids)',
      query: ReplayQuery,
      ok: { '200': '{ queued }' },
    },
  }),
  ...tagged('API keys', null, {
    'post /api-keys': {
      summary: 'Create an API key (admins; the key is answered once)',
      body: CreateApiKeyRequest,
      ok: { '201': '{ id, key, … }' },
    },
    'get /api-keys': { summary: 'The API keys (admins)', ok: { '200': '{ items }' } },
    'delete /api-keys/{id}': { summary: 'Revoke an API key (admins)', ok: { '200': 'The revoked key' } },
  }),
  ...tagged('GPS trackers', null, {
    'post /drivers/{id}/trackers': {
      summary: 'A device key for a driver’s GPS tracker (answered once)',
      body: CreateTrackerRequest,
      ok: { '201': '{ id, key, … }' },
    },
    'get /positions/osmand': {
      summary: 'One fix, OsmAnd / Traccar Client protocol (the device key as id)',
      auth: 'none',
      query: OsmAndPosition,
      ok: { '200': '{ status: accepted|duplicate|rejected, reason? }' },
    },
    'post /positions/osmand': {
      summary: 'One fix, Traccar Client JSON form',
      auth: 'none',
      body: OsmAndJson,
      ok: { '200': '{ status: accepted|duplicate|rejected, reason? }' },
    },
  }),
  ...tagged('Shop intake', null, {
    'post /intake/connections': {
      summary: 'Connect a shop: its webhook signing secret (admins)',
      body: CreateShopConnectionRequest,
      ok: { '201': 'The connection' },
    },
    'post /intake/shopify': {
      summary: 'Shopify orders/paid webhook (X-Shopify-Hmac-Sha256, X-Shopify-Shop-Domain)',
      auth: 'none',
      ok: { '201': 'Order created', '200': 'Duplicate or ignored' },
    },
    'post /intake/woocommerce': {
      summary: 'WooCommerce order webhook (X-WC-Webhook-Signature, X-WC-Webhook-Source)',
      auth: 'none',
      ok: { '201': 'Order created', '200': 'Duplicate or ignored' },
    },
  }),
  ...AUTOMATION,
];
