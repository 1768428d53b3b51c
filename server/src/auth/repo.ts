import type { Role, User } from '@tournee/shared';
import type { Db } from '../db/db.ts';

interface UserRow {
  id: string;
  org_id: string;
  email: string;
  name: string;
  role: Role;
  driver_id: string | null;
  password_hash: string | null;
}

const toUser = (r: UserRow): User => ({
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

export async function listUsers(db: Db, orgId: string): Promise<User[]> {
  const { rows } = await db.query<UserRow>(
    'SELECT * FROM users WHERE org_id = $1 AND disabled_at IS NULL ORDER BY email',
    [orgId],
  );
  return rows.map(toUser);
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

export async function revokeSession(db: Db, tokenHash: string) {
  await db.query('UPDATE sessions SET revoked_at = now() WHERE token_hash = $1', [tokenHash]);
}

export async function countRecentFailures(db: Db, email: string, ip: string, windowS: number) {
  const { rows } = await db.query<{ by_email: number; by_ip: number }>(
    `SELECT count(*) FILTER (WHERE email = lower($1))::int AS by_email,
            count(*) FILTER (WHERE ip = $2)::int AS by_ip
     FROM login_failures WHERE at > now() - make_interval(secs => $3)`,
    [email, ip, windowS],
  );
  return rows[0] ?? { by_email: 0, by_ip: 0 };
}

export async function recordFailure(db: Db, email: string, ip: string) {
  await db.query('INSERT INTO login_failures (email, ip) VALUES (lower($1), $2)', [email, ip]);
  // Keep the table small: failures older than a day no longer count for anything.
  if (Math.random() < 0.01) await db.query("DELETE FROM login_failures WHERE at < now() - interval '1 day'");
}
