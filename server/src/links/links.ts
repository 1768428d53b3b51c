/**
 * Tracking links: a random 192-bit token, looked up by its SHA-256, scoped to one order. Every
 * message of an order carries the same link (`orderLink`), so the token is kept beside its hash
 * (the outbox holds it in each message's body anyway). A link lives until a day after the delivery ends (delivered or failed), and never
 * longer than TRACK_LINK_MAX_DAYS after it was created (its expiry is set when it is created;
 * later changes only bring it forward); a cancelled order's links expire at once.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/db.ts';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Tokens are 32 base64url characters; anything else is refused before a lookup. */
export const looksLikeToken = (s: string) => /^[A-Za-z0-9_-]{32}$/.test(s);

/** The longest a link lives, in days, when TRACK_LINK_MAX_DAYS does not say. */
// Longer than the five-week planning horizon plus a re-delivery, so a link sent when a far day is
// published still works on the day.
export const DEFAULT_LINK_MAX_DAYS = 60;

/**
 * A new link to the order's tracking page, expiring `maxDays` after now at the latest; answers
 * the token (shown once, in the message).
 */
export async function createLink(
  db: Db,
  orgId: string,
  orderId: string,
  maxDays: number = DEFAULT_LINK_MAX_DAYS,
): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await db.query(
    `INSERT INTO tracking_links (org_id, order_id, token_hash, token, created_at, expires_at)
     VALUES ($1, $2, $3, $4, now(), now() + make_interval(secs => $5::double precision * 86400))`,
    [orgId, orderId, hashToken(token), token, maxDays],
  );
  return token;
}

/**
 * The order's tracking link for a message: its newest link while that one lives at least another
 * day (so published, started, next, ETA moved and delivered all carry the same token), else a new
 * one. Links made before tokens were kept cannot be reused and are replaced once.
 */
export async function orderLink(
  db: Db,
  orgId: string,
  orderId: string,
  maxDays: number = DEFAULT_LINK_MAX_DAYS,
): Promise<string> {
  const { rows } = await db.query<{ token: string | null }>(
    `SELECT token FROM tracking_links
      WHERE order_id = $1 AND org_id = $2 AND (expires_at IS NULL OR expires_at > now() + interval '1 day')
      ORDER BY created_at DESC LIMIT 1`,
    [orderId, orgId],
  );
  return rows[0]?.token ?? (await createLink(db, orgId, orderId, maxDays));
}

/** The order a live token opens, or null (unknown and expired look the same). */
export async function resolveLink(db: Db, token: string): Promise<{ orgId: string; orderId: string } | null> {
  if (!looksLikeToken(token)) return null;
  const { rows } = await db.query<{ org_id: string; order_id: string }>(
    `SELECT org_id, order_id FROM tracking_links
      WHERE token_hash = $1 AND (expires_at IS NULL OR expires_at > now())`,
    [hashToken(token)],
  );
  return rows[0] ? { orgId: rows[0].org_id, orderId: rows[0].order_id } : null;
}

/** After delivery (or failure) the order's links expire a day later. */
export async function expireLinksAfterDelivery(db: Db, orderId: string, at: Date): Promise<void> {
  await db.query(
    `UPDATE tracking_links SET expires_at = $2::timestamptz + interval '1 day'
      WHERE order_id = $1 AND (expires_at IS NULL OR expires_at > $2::timestamptz + interval '1 day')`,
    [orderId, at],
  );
}

/** The public address of a token's page. */
export const linkUrl = (publicUrl: string, token: string) => `${publicUrl.replace(/\/$/, '')}/t/${token}`;

/** The orders' links expire now (a cancelled order has nothing left to track). */
export async function expireLinksNow(db: Db, orderIds: readonly string[]): Promise<number> {
  if (orderIds.length === 0) return 0;
  const res = await db.query(
    `UPDATE tracking_links SET expires_at = now()
      WHERE order_id = ANY($1::uuid[]) AND (expires_at IS NULL OR expires_at > now())`,
    [orderIds],
  );
  return res.rowCount;
}
