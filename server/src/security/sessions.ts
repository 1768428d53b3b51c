/**
 * Sessions a user can see and end: their own; an admin sees and ends everyone's in the
 * organisation. Ending one is audited and answers the token hashes whose sockets must close.
 */
import type { SessionInfo, User } from '@tournee/shared';
import { type Actor, recordEvents } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { notFound } from '../errors.ts';
import * as repo from './security-repo.ts';

const actorFor = (user: User): Actor => ({ userId: user.id, orgId: user.orgId, role: user.role });

export async function listSessions(db: Db, user: User, currentId: string | undefined): Promise<SessionInfo[]> {
  const rows = await repo.liveSessions(db, user.orgId, user.role === 'admin' ? null : user.id);
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    email: r.email,
    device: r.user_agent,
    address: r.ip,
    createdAt: new Date(r.created_at).toISOString(),
    lastSeenAt: r.last_seen_at ? new Date(r.last_seen_at).toISOString() : null,
    current: r.id === currentId,
  }));
}

async function audited(db: Db, user: User, revoked: { id: string; user_id: string }[]) {
  await recordEvents(
    db,
    actorFor(user),
    revoked.map((r) => ({
      action: 'auth.session_revoked',
      entity: 'user',
      entityId: r.user_id,
      details: { session: r.id },
    })),
  );
}

/** Ends one session (one's own, or any in the organisation for an admin); 404 otherwise. */
export async function revokeOne(db: Db, user: User, sessionId: string): Promise<string[]> {
  return db.transaction(async (tx) => {
    const revoked = await repo.revokeSessions(tx, {
      orgId: user.orgId,
      userId: user.role === 'admin' ? null : user.id,
      sessionId,
    });
    if (revoked.length === 0) throw notFound('Session');
    await audited(tx, user, revoked);
    return revoked.map((r) => r.token_hash);
  });
}

/**
 * Ends every session of `targetUserId` (an admin's choice; else the caller's own) except the
 * caller's current one, so "sign out everywhere else" keeps this browser signed in.
 */
export async function revokeAll(
  db: Db,
  user: User,
  opts: { targetUserId?: string; keepHash?: string | null },
): Promise<string[]> {
  const targetUserId = user.role === 'admin' && opts.targetUserId ? opts.targetUserId : user.id;
  return db.transaction(async (tx) => {
    const revoked = await repo.revokeSessions(tx, {
      orgId: user.orgId,
      userId: targetUserId,
      sessionId: null,
      exceptHash: opts.keepHash ?? null,
    });
    await audited(tx, user, revoked);
    return revoked.map((r) => r.token_hash);
  });
}
