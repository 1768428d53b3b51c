/**
 * The SQL of a person's data access and erasure (GDPR articles 15 and 17): everything of one
 * organisation tied to a phone number or an email.
 */
import type { Db } from '../db/db.ts';
import { ANONYMISE_ORDER_SET } from './retention-repo.ts';

export interface Lookup {
  orgId: string;
  /** Every written form of the phone number (E.164, national digits, as typed). */
  phones: string[];
  email: string | null;
}

export async function matchingOrderIds(db: Db, l: Lookup): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM orders WHERE org_id = $1
       AND ((phone IS NOT NULL AND phone = ANY($2::text[])) OR ($3::text IS NOT NULL AND lower(email) = lower($3)))
     ORDER BY created_at`,
    [l.orgId, l.phones, l.email],
  );
  return rows.map((r) => r.id);
}

export async function exportOrders(db: Db, ids: string[]) {
  const { rows } = await db.query(
    `SELECT id, ref, name, phone, email, address, notes, status, date_from::text AS "dateFrom", date_to::text AS "dateTo",
            ST_Y(location::geometry) AS lat, ST_X(location::geometry) AS lon, created_at AS "createdAt",
            anonymised_at AS "anonymisedAt"
     FROM orders WHERE id = ANY($1::uuid[]) ORDER BY created_at`,
    [ids],
  );
  return rows;
}

export async function exportNotifications(db: Db, l: Lookup, ids: string[]) {
  const { rows } = await db.query(
    `SELECT id, order_id AS "orderId", channel, trigger, recipient, subject, body, status, created_at AS "createdAt",
            sent_at AS "sentAt"
     FROM notifications WHERE org_id = $1 AND (order_id = ANY($2::uuid[]) OR recipient = ANY($3::text[])
       OR ($4::text IS NOT NULL AND lower(recipient) = lower($4)))
     ORDER BY created_at`,
    [l.orgId, ids, l.phones, l.email],
  );
  return rows;
}

export async function exportRatings(db: Db, ids: string[]) {
  const { rows } = await db.query(
    `SELECT order_id AS "orderId", rating, comment, at FROM ratings WHERE order_id = ANY($1::uuid[]) ORDER BY at`,
    [ids],
  );
  return rows;
}

export async function exportStopEvents(db: Db, ids: string[]) {
  const { rows } = await db.query(
    `SELECT s.order_id AS "orderId", e.type, e.reason, e.note, e.recipient_name AS "recipientName", e.device_at AS at
     FROM stop_events e JOIN stops s ON s.id = e.stop_id WHERE s.order_id = ANY($1::uuid[]) ORDER BY e.device_at`,
    [ids],
  );
  return rows;
}

/** Proofs with their bytes (base64), so the export is complete. */
export async function exportProofs(db: Db, ids: string[]) {
  const { rows } = await db.query(
    `SELECT s.order_id AS "orderId", p.kind, p.content_type AS "contentType", p.created_at AS "createdAt",
            encode(p.data, 'base64') AS "dataBase64"
     FROM proof_files p JOIN stop_events e ON e.id = p.stop_event_id JOIN stops s ON s.id = e.stop_id
     WHERE s.order_id = ANY($1::uuid[]) ORDER BY p.created_at`,
    [ids],
  );
  return rows;
}

export async function anonymiseOrders(db: Db, ids: string[], now: Date): Promise<number> {
  const { rowCount } = await db.query(`UPDATE orders SET ${ANONYMISE_ORDER_SET} WHERE id = ANY($1::uuid[])`, [
    ids,
    now,
  ]);
  return rowCount ?? 0;
}

export async function deleteProofsOf(db: Db, ids: string[]): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM proof_files p USING stop_events e, stops s
     WHERE e.id = p.stop_event_id AND s.id = e.stop_id AND s.order_id = ANY($1::uuid[])`,
    [ids],
  );
  return rowCount ?? 0;
}

export async function deleteRatingsOf(db: Db, ids: string[]): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM ratings WHERE order_id = ANY($1::uuid[])', [ids]);
  return rowCount ?? 0;
}

export async function deleteTrackingLinksOf(db: Db, ids: string[]): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM tracking_links WHERE order_id = ANY($1::uuid[])', [ids]);
  return rowCount ?? 0;
}

export async function redactNotificationsOf(db: Db, l: Lookup, ids: string[], now: Date): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE notifications SET recipient = '', body = '', html = NULL, subject = NULL, last_error = NULL, redacted_at = $5
     WHERE org_id = $1 AND (order_id = ANY($2::uuid[]) OR recipient = ANY($3::text[])
       OR ($4::text IS NOT NULL AND lower(recipient) = lower($4)))`,
    [l.orgId, ids, l.phones, l.email, now],
  );
  return rowCount ?? 0;
}

/** The audit trail and webhook payloads of these orders keep what happened, not their contents. */
export async function eraseOrderRecords(db: Db, orgId: string, ids: string[]): Promise<void> {
  await db.query(
    `UPDATE events SET details = '{"erased": true}'::jsonb
     WHERE org_id = $1 AND entity = 'order' AND entity_id = ANY($2::text[])`,
    [orgId, ids],
  );
  await db.query(
    `UPDATE webhook_events SET data = '{"erased": true}'::jsonb WHERE org_id = $1 AND subject_id = ANY($2::text[])`,
    [orgId, ids],
  );
}

// Staff accounts and their credentials are not a customer's data, even when an email matches.
const NOT_CUSTOMER_DATA = new Set(['users', 'sessions', 'organisations', 'drivers', 'api_keys']);

// Tables without an organisation column, reached through their parent's.
const THROUGH_PARENT: Record<string, string> = {
  import_rejections: 'import_id IN (SELECT id FROM imports WHERE org_id = $1)',
  route_versions: 'route_id IN (SELECT id FROM routes WHERE org_id = $1)',
};

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Whatever else still holds one of `needles` as text (an audit detail, an import's rejected cells,
 * a route snapshot, a template…): the text is replaced by `[erased]`, in every text and JSON
 * column of every table of the organisation's data. Answers how many rows changed.
 */
export async function scrubEverywhere(db: Db, orgId: string, needles: string[]): Promise<number> {
  if (needles.length === 0) return 0;
  const { rows: columns } = await db.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    has_org: boolean;
  }>(
    `SELECT c.table_name, c.column_name, c.data_type,
            EXISTS (SELECT 1 FROM information_schema.columns o
                     WHERE o.table_schema = c.table_schema AND o.table_name = c.table_name AND o.column_name = 'org_id') AS has_org
     FROM information_schema.columns c JOIN information_schema.tables t
       ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
     WHERE c.table_schema = current_schema() AND c.data_type IN ('text', 'character varying', 'jsonb', 'json')`,
  );
  // Longest first: "+33612345678" before its "33612345678".
  const sorted = [...new Set(needles)].sort((a, b) => b.length - a.length);
  let changed = 0;
  for (const c of columns) {
    if (NOT_CUSTOMER_DATA.has(c.table_name)) continue;
    const scope = c.has_org ? 'org_id = $1' : THROUGH_PARENT[c.table_name];
    if (!scope) continue;
    const col = ident(c.column_name);
    const asText = c.data_type === 'jsonb' || c.data_type === 'json' ? `${col}::text` : col;
    let expr = asText;
    for (let i = 0; i < sorted.length; i++) expr = `replace(${expr}, $${i + 2}, '[erased]')`;
    const cast = c.data_type === 'jsonb' ? '::jsonb' : c.data_type === 'json' ? '::json' : '';
    const any = sorted.map((_, i) => `strpos(${asText}, $${i + 2}) > 0`).join(' OR ');
    const { rowCount } = await db.query(
      `UPDATE ${ident(c.table_name)} SET ${col} = (${expr})${cast} WHERE ${scope} AND (${any})`,
      [orgId, ...sorted],
    );
    changed += rowCount ?? 0;
  }
  return changed;
}
