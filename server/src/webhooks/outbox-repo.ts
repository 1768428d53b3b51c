/**
 * The webhook outbox. Rule: an event is enqueued once, in the transaction of the change (order
 * events by the trigger of migration 022, route and stop events here), with one delivery row per
 * subscription that wants it; a delivery is sent at least once (a crash between the receiver's 2xx
 * and the mark sends it again: receivers de-duplicate by event id).
 *
 * Several server processes send side by side: a sender claims due rows with FOR UPDATE SKIP
 * LOCKED and leases them (`lease_until`); a delivery is only due once every earlier delivery of
 * the same subject (order or route) to the same subscription is done, so a subscriber gets one
 * order's events in the order they happened, whoever sends them.
 */
import type { Db } from '../db/db.ts';
import type { WebhookDeliveriesRow } from '../db/rows/webhook_deliveries.ts';
import type { WebhookEventsRow } from '../db/rows/webhook_events.ts';
import type { WebhookSubscriptionsRow } from '../db/rows/webhook_subscriptions.ts';

export interface NewEvent {
  orgId: string;
  type: string;
  subjectId: string;
  occurredAt: Date;
  data: Record<string, unknown>;
  /** At most one event of this type per subject, ever (a route starts and completes once). */
  once?: boolean;
}

/** Writes the event and its deliveries when a subscription wants it; false when none does. */
export async function enqueueEvent(db: Db, e: NewEvent): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>(
    `WITH subs AS (
       SELECT id FROM webhook_subscriptions WHERE org_id = $1 AND enabled AND $2 = ANY (events)
     ), ev AS (
       INSERT INTO webhook_events (org_id, type, subject_id, occurred_at, data)
       SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM subs)
          AND NOT ($6 AND EXISTS (SELECT 1 FROM webhook_events WHERE org_id = $1 AND type = $2 AND subject_id = $3))
       RETURNING id
     ), d AS (
       INSERT INTO webhook_deliveries (subscription_id, event_id, subject_id)
       SELECT subs.id, ev.id, $3 FROM subs, ev RETURNING 1
     )
     SELECT count(*)::int AS n FROM d`,
    [e.orgId, e.type, e.subjectId, e.occurredAt, JSON.stringify(e.data), e.once ?? false],
  );
  return rows[0]!.n > 0;
}

/** A claimed delivery with what the POST needs. */
export interface ClaimedDelivery {
  id: string;
  subscriptionId: string;
  url: string;
  secret: string;
  eventId: string;
  type: string;
  occurredAt: Date;
  data: Record<string, unknown>;
  attempts: number;
  failingSince: Date | null;
}

/**
 * Leases up to `limit` deliveries due at `now` (at most one per subject and subscription) for
 * `leaseMs`. Due-ness follows the sender's clock (backoff is business time); the lease follows the
 * database's (it guards a POST under way, which takes real time, whatever clock a process keeps).
 */
export async function claimDue(db: Db, now: Date, leaseMs: number, limit: number): Promise<ClaimedDelivery[]> {
  return db.transaction(async (tx) => {
    const claimed = await tx.query<{ id: string }>(
      `WITH due AS (
         SELECT d.id FROM webhook_deliveries d
           JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.enabled
          WHERE d.status = 'pending' AND d.next_attempt_at <= $1
            AND (d.lease_until IS NULL OR d.lease_until <= clock_timestamp())
            AND NOT EXISTS (
              SELECT 1 FROM webhook_deliveries e
               WHERE e.subscription_id = d.subscription_id AND e.subject_id = d.subject_id
                 AND e.status = 'pending' AND e.id < d.id)
          ORDER BY d.id LIMIT $3
          FOR UPDATE OF d SKIP LOCKED
       )
       UPDATE webhook_deliveries w SET lease_until = clock_timestamp() + make_interval(secs => $2::float8 / 1000)
         FROM due WHERE w.id = due.id RETURNING w.id::text AS id`,
      [now, leaseMs, limit],
    );
    if (claimed.rows.length === 0) return [];
    const { rows } = await tx.query<
      Pick<WebhookDeliveriesRow, 'subscription_id' | 'attempts'> &
        Pick<WebhookSubscriptionsRow, 'url' | 'secret' | 'failing_since'> &
        Pick<WebhookEventsRow, 'type' | 'occurred_at'> & {
          /** The delivery's, `d.id::text`. */
          id: string;
          /** The event's. */
          event_id: string;
          data: Record<string, unknown>;
        }
    >(
      `SELECT d.id::text AS id, d.subscription_id, s.url, s.secret, e.id AS event_id, e.type, e.occurred_at, e.data,
              d.attempts, s.failing_since
         FROM webhook_deliveries d
         JOIN webhook_subscriptions s ON s.id = d.subscription_id
         JOIN webhook_events e ON e.id = d.event_id
        WHERE d.id = ANY ($1::bigint[]) ORDER BY d.id`,
      [claimed.rows.map((r) => r.id)],
    );
    return rows.map((r) => ({
      id: r.id,
      subscriptionId: r.subscription_id,
      url: r.url,
      secret: r.secret,
      eventId: r.event_id,
      type: r.type,
      occurredAt: r.occurred_at,
      data: r.data,
      attempts: r.attempts,
      failingSince: r.failing_since,
    }));
  });
}

export async function markDelivered(db: Db, id: string, now: Date, status: number): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ subscription_id: string }>(
      `UPDATE webhook_deliveries SET status = 'delivered', delivered_at = $2, last_attempt_at = $2, attempts = attempts + 1,
              last_status_code = $3, last_error = NULL, lease_until = NULL
        WHERE id = $1 RETURNING subscription_id`,
      [id, now, status],
    );
    if (rows[0]) {
      await tx.query(
        'UPDATE webhook_subscriptions SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL',
        [rows[0].subscription_id],
      );
    }
  });
}

/**
 * Records a failed attempt and when to try again; the subscription is turned off once it has been
 * failing for `disableAfterMs` (its deliveries wait, and go when it is turned back on).
 */
export async function markFailed(
  db: Db,
  d: { id: string; subscriptionId: string },
  o: { now: Date; retryAt: Date; status: number | null; error: string; disableAfterMs: number },
): Promise<{ disabled: boolean }> {
  return db.transaction(async (tx) => {
    await tx.query(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = $2, next_attempt_at = $3,
              last_status_code = $4, last_error = $5, lease_until = NULL
        WHERE id = $1 AND status = 'pending'`,
      [d.id, o.now, o.retryAt, o.status, o.error.slice(0, 1000)],
    );
    const { rows } = await tx.query<{ enabled: boolean }>(
      `UPDATE webhook_subscriptions SET failing_since = coalesce(failing_since, $2),
              enabled = enabled AND coalesce(failing_since, $2) > $2::timestamptz - make_interval(secs => $3::float8 / 1000),
              disabled_reason = CASE WHEN enabled AND coalesce(failing_since, $2) <= $2::timestamptz - make_interval(secs => $3::float8 / 1000)
                                     THEN 'failing' ELSE disabled_reason END
        WHERE id = $1 RETURNING enabled`,
      [d.subscriptionId, o.now, o.disableAfterMs],
    );
    return { disabled: rows[0] ? !rows[0].enabled : false };
  });
}

/**
 * Replays the subscription's events since `from`: every event of its types is delivered again
 * (with the same event id), in the order they happened. Returns how many deliveries were queued.
 */
export async function replaySince(db: Db, orgId: string, subscriptionId: string, from: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `WITH s AS (SELECT id, events FROM webhook_subscriptions WHERE id = $2 AND org_id = $1),
     reset AS (
       UPDATE webhook_deliveries d SET status = 'pending', next_attempt_at = now(), lease_until = NULL, delivered_at = NULL
         FROM webhook_events e
        WHERE d.subscription_id = $2 AND e.id = d.event_id AND e.occurred_at >= $3 RETURNING d.event_id
     ), added AS (
       INSERT INTO webhook_deliveries (subscription_id, event_id, subject_id)
       SELECT s.id, e.id, e.subject_id FROM webhook_events e, s
        WHERE e.org_id = $1 AND e.occurred_at >= $3 AND e.type = ANY (s.events)
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries x WHERE x.subscription_id = s.id AND x.event_id = e.id)
        ORDER BY e.occurred_at
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM reset)::int + (SELECT count(*) FROM added)::int AS n`,
    [orgId, subscriptionId, from],
  );
  return rows[0]!.n;
}

/**
 * Forgets events older than `before` once every delivery of theirs is done (their deliveries go
 * with them): the log and replays reach back that far. Returns how many events went.
 */
export async function pruneDelivered(db: Db, before: Date): Promise<number> {
  const r = await db.query(
    `DELETE FROM webhook_events e WHERE e.occurred_at < $1
       AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status = 'pending')`,
    [before],
  );
  return r.rowCount;
}
