/**
 * SQL of the audit trail's reading side: an organisation's events, filtered, newest first, one
 * page at a time on the (org_id, at DESC, id DESC) index (migration 016).
 */
import type { AuditEvent } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { EventsRow } from '../db/rows/events.ts';
import { type AuditCursor, encodeCursor } from './cursor.ts';

export interface AuditFilter {
  orgId: string;
  entity?: string;
  entityId?: string;
  userId?: string;
  action?: string;
  from: Date | null;
  to: Date | null;
}

type Row = Pick<EventsRow, 'action' | 'entity' | 'entity_id' | 'user_id'> & {
  /** `id::text`. */
  id: string;
  at_text: string;
  user_email: string | null;
  details: Record<string, unknown>;
};

/** One page of events after `cursor` (newest first), and the cursor of the next page. */
export async function listEvents(
  db: Db,
  f: AuditFilter,
  cursor: AuditCursor | null,
  limit: number,
): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
  const params: unknown[] = [f.orgId];
  const where = ['e.org_id = $1'];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.entity) add('e.entity = ?', f.entity);
  if (f.entityId) add('e.entity_id = ?', f.entityId);
  if (f.userId) add('e.user_id = ?::uuid', f.userId);
  if (f.action) add('e.action = ?', f.action);
  if (f.from) add('e.at >= ?', f.from);
  if (f.to) add('e.at < ?', f.to);
  if (cursor) {
    params.push(cursor.at, cursor.id);
    where.push(`(e.at, e.id) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`);
  }
  params.push(limit + 1);
  const { rows } = await db.query<Row>(
    `SELECT e.id::text AS id,
            to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_text,
            e.action, e.entity, e.entity_id, e.user_id, u.email AS user_email, e.details
       FROM events e LEFT JOIN users u ON u.id = e.user_id
      WHERE ${where.join(' AND ')}
      ORDER BY e.at DESC, e.id DESC
      LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toEvent),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.at_text, id: last.id }) : null,
  };
}

const toEvent = (r: Row): AuditEvent => ({
  id: r.id,
  at: r.at_text,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  userId: r.user_id,
  userEmail: r.user_email,
  details: r.details ?? {},
});
