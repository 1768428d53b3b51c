/** The SQL of single sign-on accounts. */
import type { Role, User } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { UsersRow } from '../db/rows/users.ts';

type Row = Pick<UsersRow, 'id' | 'org_id' | 'email' | 'name' | 'driver_id' | 'oidc_subject' | 'disabled_at'> & {
  role: Role;
};

const found = (r: Row | undefined) =>
  r
    ? {
        user: { id: r.id, orgId: r.org_id, email: r.email, name: r.name, role: r.role, driverId: r.driver_id } as User,
        subject: r.oidc_subject,
        disabled: r.disabled_at !== null,
      }
    : null;

export async function findBySubject(db: Db, subject: string) {
  const { rows } = await db.query<Row>('SELECT * FROM users WHERE oidc_subject = $1', [subject]);
  return found(rows[0]);
}

/** By email, disabled accounts included (they are refused, not recreated). */
export async function findByEmail(db: Db, email: string) {
  const { rows } = await db.query<Row>('SELECT * FROM users WHERE lower(email) = lower($1)', [email]);
  return found(rows[0]);
}

export async function linkSubject(db: Db, userId: string, subject: string) {
  await db.query('UPDATE users SET oidc_subject = $2 WHERE id = $1', [userId, subject]);
}

/** Every organisation with its settings as stored, oldest first. */
export { allOrgSettings as organisations } from '../org/settings-repo.ts';

/**
 * A refused single sign-on in the audit trail, filed like a failed password sign-in: under the
 * account's organisation, or none when no account matched (see audit/sign-ins.ts).
 */
export async function recordSsoFailure(
  db: Db,
  user: { id: string; orgId: string } | null,
  details: Record<string, unknown>,
) {
  await db.query(
    `INSERT INTO events (org_id, user_id, action, entity, entity_id, details) VALUES ($1, NULL, 'auth.sign_in_failed', 'user', $2, $3)`,
    [user?.orgId ?? null, user?.id ?? null, JSON.stringify(details)],
  );
}
