/** SQL of the admin's user management: accounts with their status, roles, passwords and sessions. */
import type { Role, UserAccount } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { UsersRow } from '../db/rows/users.ts';
import { toUser, type UserColumns } from './repo.ts';

type AccountRow = UserColumns & Pick<UsersRow, 'disabled_at' | 'created_at'>;

const toAccount = (r: AccountRow): UserAccount => ({
  ...toUser(r),
  disabledAt: r.disabled_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
});

const COLUMNS = 'id, org_id, email, name, role, driver_id, disabled_at, created_at';

/** Every account of the organisation, disabled ones included, by email. */
export async function listAccounts(db: Db, orgId: string): Promise<UserAccount[]> {
  const { rows } = await db.query<AccountRow>(`SELECT ${COLUMNS} FROM users WHERE org_id = $1 ORDER BY lower(email)`, [
    orgId,
  ]);
  return rows.map(toAccount);
}

/**
 * Locks the organisation's admin rows and the target row for the rest of the transaction, so two
 * admins demoting each other at once cannot both pass the last-admin check. Returns the target.
 */
export async function lockAccount(db: Db, orgId: string, id: string): Promise<UserAccount | null> {
  await db.query("SELECT id FROM users WHERE org_id = $1 AND role = 'admin' ORDER BY id FOR UPDATE", [orgId]);
  const { rows } = await db.query<AccountRow>(`SELECT ${COLUMNS} FROM users WHERE org_id = $1 AND id = $2 FOR UPDATE`, [
    orgId,
    id,
  ]);
  return rows[0] ? toAccount(rows[0]) : null;
}

/** Enabled admins of the organisation other than `exceptId`. */
export async function countOtherActiveAdmins(db: Db, orgId: string, exceptId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM users WHERE org_id = $1 AND role = 'admin' AND disabled_at IS NULL AND id <> $2",
    [orgId, exceptId],
  );
  return rows[0]?.n ?? 0;
}

export async function setDisabled(db: Db, id: string, disabled: boolean): Promise<UserAccount> {
  const { rows } = await db.query<AccountRow>(
    `UPDATE users SET disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, now()) END WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, disabled],
  );
  return toAccount(rows[0]!);
}

export async function setRoleAndName(db: Db, id: string, v: { role: Role; name: string }): Promise<UserAccount> {
  const { rows } = await db.query<AccountRow>(
    `UPDATE users SET role = $2, name = $3 WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, v.role, v.name],
  );
  return toAccount(rows[0]!);
}

export async function setPasswordHash(db: Db, id: string, passwordHash: string): Promise<void> {
  await db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, passwordHash]);
}

/** Revokes every live session of the user; returns their token hashes (to end their sockets). */
export async function revokeUserSessions(db: Db, userId: string): Promise<string[]> {
  const { rows } = await db.query<{ token_hash: string }>(
    `UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
     RETURNING token_hash`,
    [userId],
  );
  return rows.map((r) => r.token_hash);
}

/** Whether any account (any organisation, disabled ones too) already has this email. */
export async function emailTaken(db: Db, email: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM users WHERE lower(email) = lower($1)', [email]);
  return rows.length > 0;
}
