import type { Role } from '@tournee/shared';
import type { Db } from '../db/db.ts';

/** Who does a write: every service that writes takes one, and records it in the audit trail. */
export interface Actor {
  userId: string | null;
  orgId: string;
  role: Role | 'system';
}

export const systemActor = (orgId: string): Actor => ({ userId: null, orgId, role: 'system' });

/**
 * Appends one audit event. Call it with the same transaction as the write it describes,
 * so the trail never claims a write that was rolled back.
 */
export async function recordEvent(
  db: Db,
  actor: Actor,
  action: string,
  entity: string,
  entityId: string | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  await db.query(
    'INSERT INTO events (org_id, user_id, action, entity, entity_id, details) VALUES ($1, $2, $3, $4, $5, $6)',
    [actor.orgId, actor.userId, action, entity, entityId, JSON.stringify(details)],
  );
}

/**
 * Inserts a new row with `insert` and records its 'create' event in the same transaction;
 * answers the new id.
 */
export function insertRecorded(
  db: Db,
  actor: Actor,
  entity: string,
  details: Record<string, unknown>,
  insert: (tx: Db) => Promise<string>,
): Promise<string> {
  return db.transaction(async (tx) => {
    const id = await insert(tx);
    await recordEvent(tx, actor, 'create', entity, id, details);
    return id;
  });
}

/** Appends many audit events in one statement (set-based writes: one event per row changed). */
export async function recordEvents(
  db: Db,
  actor: Actor,
  events: { action: string; entity: string; entityId: string | null; details?: Record<string, unknown> }[],
): Promise<void> {
  if (events.length === 0) return;
  await db.query(
    `INSERT INTO events (org_id, user_id, action, entity, entity_id, details)
     SELECT $1, $2, e.action, e.entity, e.entity_id, coalesce(e.details, '{}')
       FROM jsonb_to_recordset($3::jsonb) AS e(action text, entity text, entity_id text, details jsonb)`,
    [
      actor.orgId,
      actor.userId,
      JSON.stringify(
        events.map((e) => ({ action: e.action, entity: e.entity, entity_id: e.entityId, details: e.details ?? {} })),
      ),
    ],
  );
}
