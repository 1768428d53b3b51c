/**
 * The outbox (table `notifications`): **enqueued once, delivered at least once.**
 *
 * A message is written once per idempotency key (a trigger firing twice writes nothing new).
 * Senders claim due rows with `FOR UPDATE SKIP LOCKED`, so two senders never claim the same row
 * at once. A claim is a lease (NOTIFY_LEASE_MS, a minute by default), renewed by the sender
 * while the provider call is in flight (`extendLease`), so a slow provider is never raced by a
 * second sender. Delivery is not exactly-once: the provider's accept and our `markSent` are two
 * systems, and the same message goes out again when
 *   - the sender dies (crash, kill -9, lost machine) after the provider accepted the message and
 *     before `markSent` committed: the lease runs out and another sender resends it;
 *   - `markSent` fails (database down at that moment): same, after the lease;
 *   - the provider accepted but the answer was lost (timeout, connection reset): recorded as an
 *     error and retried after the backoff;
 *   - a dispatcher resends it (`requeue`), on purpose.
 * Receivers can recognise repeats where the channel allows: every send of a row carries the same
 * key (an email's Message-ID is derived from it; see providers.ts for SMS).
 */
import type { Notification, NotificationsQuery, NotifyChannel, NotifyStatus, NotifyTrigger } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { NotificationsRow } from '../db/rows/notifications.ts';

export interface NewMessage {
  orgId: string;
  /** Null for a message about no order (a driver's sign-in link). */
  orderId: string | null;
  routeId: string | null;
  channel: NotifyChannel;
  trigger: NotifyTrigger | 'driver_access';
  key: string;
  recipient: string;
  locale: string;
  subject: string | null;
  body: string;
  html: string | null;
  /** `suppressed` (opted out, quiet hours) is written too, so the dispatcher sees why. */
  status?: 'pending' | 'suppressed';
  notBefore?: Date;
  note?: string;
}

/** Writes the message unless its key exists; true when written. */
export async function enqueue(db: Db, m: NewMessage): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO notifications (org_id, order_id, route_id, channel, trigger, idempotency_key, recipient, locale,
                                subject, body, html, status, next_attempt_at, last_error)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, COALESCE($13, now()), $14)
     ON CONFLICT (idempotency_key) DO NOTHING`,
    [
      m.orgId,
      m.orderId,
      m.routeId,
      m.channel,
      m.trigger,
      m.key,
      m.recipient,
      m.locale,
      m.subject,
      m.body,
      m.html,
      m.status ?? 'pending',
      m.notBefore ?? null,
      m.note ?? null,
    ],
  );
  return r.rowCount > 0;
}

/** Which of these keys are already in the outbox. */
export async function existingKeys(db: Db, keys: string[]): Promise<Set<string>> {
  const { rows } = await db.query<{ k: string }>(
    'SELECT idempotency_key AS k FROM notifications WHERE idempotency_key = ANY($1::text[])',
    [keys],
  );
  return new Set(rows.map((r) => r.k));
}

export type Claimed = Pick<NotificationsRow, 'id' | 'recipient' | 'subject' | 'body' | 'html' | 'attempts'> & {
  /** The row's idempotency key: the same on every send of this message. */
  key: string;
  channel: NotifyChannel;
};

/** Takes up to `limit` due messages for `leaseMs` (attempts counted at claim). */
export async function claimDue(db: Db, limit: number, leaseMs: number): Promise<Claimed[]> {
  const { rows } = await db.query<Claimed>(
    `UPDATE notifications n SET status = 'sending', attempts = n.attempts + 1, updated_at = now(),
            next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
      WHERE n.id IN (SELECT id FROM notifications
                      WHERE status IN ('pending', 'sending') AND next_attempt_at <= now()
                      ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING n.id, n.idempotency_key AS key, n.channel, n.recipient, n.subject, n.body, n.html, n.attempts`,
    [limit, leaseMs],
  );
  return rows;
}

/** Renews the lease of rows still being sent (the sender's heartbeat); how many it renewed. */
export async function extendLease(db: Db, ids: string[], leaseMs: number): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db.query(
    `UPDATE notifications SET next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
      WHERE id = ANY($1::uuid[]) AND status = 'sending'`,
    [ids, leaseMs],
  );
  return r.rowCount;
}

export async function markSent(db: Db, id: string, provider: string, providerId: string | null): Promise<void> {
  await db.query(
    `UPDATE notifications SET status = 'sent', provider = $2, provider_id = $3, sent_at = now(), last_error = NULL,
            updated_at = now() WHERE id = $1 AND status = 'sending'`,
    [id, provider, providerId],
  );
}

/** Back to pending for a later attempt, or `failed` for good (`retryAt` null). */
export async function markError(
  db: Db,
  id: string,
  provider: string,
  error: string,
  retryAt: Date | null,
): Promise<void> {
  await db.query(
    `UPDATE notifications SET status = $3, provider = $2, last_error = $4, next_attempt_at = COALESCE($5, next_attempt_at),
            updated_at = now() WHERE id = $1 AND status = 'sending'`,
    [id, provider, retryAt ? 'pending' : 'failed', error.slice(0, 1000), retryAt],
  );
}

const COLUMNS = `id, order_id, channel, trigger, recipient, locale, subject, body, status, attempts, next_attempt_at,
                 provider, provider_id, last_error, created_at, sent_at`;

type Row = Pick<
  NotificationsRow,
  | 'id'
  | 'order_id'
  | 'recipient'
  | 'locale'
  | 'subject'
  | 'body'
  | 'attempts'
  | 'next_attempt_at'
  | 'provider'
  | 'provider_id'
  | 'last_error'
  | 'created_at'
  | 'sent_at'
> & { channel: NotifyChannel; trigger: NotifyTrigger; status: NotifyStatus };

const toNotification = (r: Row): Notification => ({
  id: r.id,
  orderId: r.order_id,
  channel: r.channel,
  trigger: r.trigger,
  recipient: r.recipient,
  locale: r.locale,
  subject: r.subject,
  body: r.body,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at.toISOString(),
  provider: r.provider,
  providerId: r.provider_id,
  lastError: r.last_error,
  createdAt: r.created_at.toISOString(),
  sentAt: r.sent_at?.toISOString() ?? null,
});

export async function listNotifications(db: Db, orgId: string, q: NotificationsQuery): Promise<Notification[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM notifications
      WHERE org_id = $1 AND ($2::uuid IS NULL OR order_id = $2) AND ($3::text IS NULL OR status = $3)
      ORDER BY created_at DESC, channel LIMIT $4`,
    [orgId, q.orderId ?? null, q.status ?? null, q.limit],
  );
  return rows.map(toNotification);
}

/** A failed (or suppressed) message back in the queue with fresh attempts. */
export async function requeue(db: Db, orgId: string, id: string): Promise<Notification | null> {
  const { rows } = await db.query<Row>(
    `UPDATE notifications SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL, updated_at = now()
      WHERE org_id = $1 AND id = $2 AND status IN ('failed', 'suppressed', 'sent', 'delivered') RETURNING ${COLUMNS}`,
    [orgId, id],
  );
  return rows[0] ? toNotification(rows[0]) : null;
}

/** A provider's delivery report (Twilio status callback). */
export async function applyProviderStatus(
  db: Db,
  providerId: string,
  status: 'delivered' | 'failed',
  error: string | null,
): Promise<number> {
  const r = await db.query(
    `UPDATE notifications SET status = $2, last_error = COALESCE($3, last_error), updated_at = now()
      WHERE provider_id = $1 AND status IN ('sent', 'delivered', 'failed')`,
    [providerId, status, error],
  );
  return r.rowCount;
}
