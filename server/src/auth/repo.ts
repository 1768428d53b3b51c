import type { Role, User } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { UsersRow } from '../db/rows/users.ts';

/** The columns a `User` is made of. */
export type UserColumns = Pick<UsersRow, 'id' | 'org_id' | 'email' | 'name' | 'driver_id'> & { role: Role };

type UserRow = UserColumns & Pick<UsersRow, 'password_hash'>;

/** A `users` row as the API's `User` (also the common part of an admin's `UserAccount`). */
export const toUser = (r: UserColumns): User => ({
  id: r.id,
  orgId: r.org_id,
  email: r.email,
  name: r.name,
  role: r.role,
  driverId: r.driver_id,
});

export async function findUserByEmail(db: Db, email: string) {
  const { rows } = await db.query<UserRow>(
    'SELECT * FROM users WHERE lower(email) = lower($1) AND disabled_at IS NULL',
    [email],
  );
  const row = rows[0];
  return row ? { user: toUser(row), passwordHash: row.password_hash } : null;
}

export async function insertUser(
  db: Db,
  u: { orgId: string; email: string; name: string; role: Role; passwordHash: string; driverId?: string | null },
): Promise<User> {
  const { rows } = await db.query<UserRow>(
    `INSERT INTO users (org_id, email, name, role, password_hash, driver_id)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
    [u.orgId, u.email, u.name, u.role, u.passwordHash, u.driverId ?? null],
  );
  return toUser(rows[0]!);
}

export async function insertSession(db: Db, tokenHash: string, userId: string, expiresAt: Date) {
  await db.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
    tokenHash,
    userId,
    expiresAt,
  ]);
}

export async function findSessionUser(db: Db, tokenHash: string): Promise<User | null> {
  const { rows } = await db.query<UserRow>(
    `SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`,
    [tokenHash],
  );
  return rows[0] ? toUser(rows[0]) : null;
}

/** A live session's user and expiry (null when unknown, revoked, expired or the user is disabled). */
export async function findSession(db: Db, tokenHash: string): Promise<{ user: User; expiresAt: Date } | null> {
  const { rows } = await db.query<UserRow & { session_expires_at: Date }>(
    `SELECT u.*, s.expires_at AS session_expires_at FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`,
    [tokenHash],
  );
  const row = rows[0];
  return row ? { user: toUser(row), expiresAt: new Date(row.session_expires_at) } : null;
}

/** Which of these sessions are still live (not revoked, not expired, user not disabled). */
export async function liveSessionHashes(db: Db, tokenHashes: string[]): Promise<Set<string>> {
  if (tokenHashes.length === 0) return new Set();
  const { rows } = await db.query<{ token_hash: string }>(
    `SELECT s.token_hash FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = ANY($1::text[]) AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`,
    [tokenHashes],
  );
  return new Set(rows.map((r) => r.token_hash));
}

export async function revokeSession(db: Db, tokenHash: string) {
  await db.query('UPDATE sessions SET revoked_at = now() WHERE token_hash = $1', [tokenHash]);
}
