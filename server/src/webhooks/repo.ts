/** SQL of webhook subscriptions and their delivery log. */
import type { WebhookDelivery, WebhookEventType, WebhookSubscription } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { WebhookDeliveriesRow } from '../db/rows/webhook_deliveries.ts';
import type { WebhookSubscriptionsRow } from '../db/rows/webhook_subscriptions.ts';

type SubscriptionRow = Pick<
  WebhookSubscriptionsRow,
  'id' | 'url' | 'description' | 'enabled' | 'disabled_reason' | 'failing_since' | 'created_at'
> & {
  events: WebhookEventType[];
  pending: number;
};

const COLUMNS = `s.id, s.url, s.events, s.description, s.enabled, s.disabled_reason, s.failing_since, s.created_at,
  (SELECT count(*)::int FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.status = 'pending') AS pending`;

const toSubscription = (r: SubscriptionRow): WebhookSubscription => ({
  id: r.id,
  url: r.url,
  events: r.events,
  description: r.description,
  enabled: r.enabled,
  disabledReason: r.disabled_reason,
  failingSince: r.failing_since?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
  pending: r.pending,
});

export async function insertSubscription(
  db: Db,
  s: { orgId: string; url: string; events: string[]; secret: string; description: string; createdBy: string | null },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO webhook_subscriptions (org_id, url, events, secret, description, created_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [s.orgId, s.url, s.events, s.secret, s.description, s.createdBy],
  );
  return rows[0]!.id;
}

export async function findSubscription(db: Db, orgId: string, id: string): Promise<WebhookSubscription | null> {
  const { rows } = await db.query<SubscriptionRow>(
    `SELECT ${COLUMNS} FROM webhook_subscriptions s WHERE s.org_id = $1 AND s.id = $2`,
    [orgId, id],
  );
  return rows[0] ? toSubscription(rows[0]) : null;
}

export async function listSubscriptions(db: Db, orgId: string): Promise<WebhookSubscription[]> {
  const { rows } = await db.query<SubscriptionRow>(
    `SELECT ${COLUMNS} FROM webhook_subscriptions s WHERE s.org_id = $1 ORDER BY s.created_at`,
    [orgId],
  );
  return rows.map(toSubscription);
}

export async function updateSubscription(
  db: Db,
  orgId: string,
  id: string,
  p: { url?: string; events?: string[]; enabled?: boolean; description?: string },
): Promise<boolean> {
  const r = await db.query(
    `UPDATE webhook_subscriptions SET
       url = coalesce($3, url), events = coalesce($4, events), description = coalesce($5, description),
       enabled = coalesce($6, enabled),
       -- turned back on: its failures are forgotten, its waiting deliveries go at once
       disabled_reason = CASE WHEN $6 IS NULL THEN disabled_reason WHEN $6 THEN NULL ELSE 'manual' END,
       failing_since = CASE WHEN $6 THEN NULL ELSE failing_since END,
       updated_at = now()
     WHERE org_id = $1 AND id = $2`,
    [orgId, id, p.url ?? null, p.events ?? null, p.description ?? null, p.enabled ?? null],
  );
  if (p.enabled) {
    await db.query(
      `UPDATE webhook_deliveries SET next_attempt_at = now() WHERE subscription_id = $1 AND status = 'pending'`,
      [id],
    );
  }
  return r.rowCount > 0;
}

export async function deleteSubscription(db: Db, orgId: string, id: string): Promise<boolean> {
  const r = await db.query('DELETE FROM webhook_subscriptions WHERE org_id = $1 AND id = $2', [orgId, id]);
  return r.rowCount > 0;
}

type DeliveryRow = Pick<
  WebhookDeliveriesRow,
  'event_id' | 'attempts' | 'last_attempt_at' | 'last_status_code' | 'last_error' | 'next_attempt_at' | 'delivered_at'
> & {
  /** `id::text`. */
  id: string;
  status: WebhookDelivery['status'];
  /** The event's. */
  type: WebhookEventType;
  occurred_at: Date;
};

/** The subscription's latest deliveries, newest first. */
export async function listDeliveries(
  db: Db,
  subscriptionId: string,
  q: { status?: string; limit: number },
): Promise<WebhookDelivery[]> {
  const { rows } = await db.query<DeliveryRow>(
    `SELECT d.id::text AS id, d.event_id, e.type, e.occurred_at, d.status, d.attempts, d.last_attempt_at,
            d.last_status_code, d.last_error, d.next_attempt_at, d.delivered_at
       FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
      WHERE d.subscription_id = $1 AND ($2::text IS NULL OR d.status = $2)
      ORDER BY d.id DESC LIMIT $3`,
    [subscriptionId, q.status ?? null, q.limit],
  );
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    type: r.type,
    occurredAt: r.occurred_at.toISOString(),
    status: r.status,
    attempts: r.attempts,
    lastAttemptAt: r.last_attempt_at?.toISOString() ?? null,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at.toISOString() : null,
    deliveredAt: r.delivered_at?.toISOString() ?? null,
  }));
}
