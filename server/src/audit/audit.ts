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
