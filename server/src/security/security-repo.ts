/** The SQL of two-factor sign-in, sessions and the organisation's security settings. */
import type { Role, User } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { SessionsRow } from '../db/rows/sessions.ts';
import type { UsersRow } from '../db/rows/users.ts';
import { storedSettings } from '../org/repo.ts';
import { writeSettingsSection } from '../org/settings-repo.ts';

export interface TotpState {
  secret: string | null;
  enabledAt: Date | null;
  lastStep: number | null;
}

export async function totpState(db: Db, userId: string, lock = false): Promise<TotpState> {
  const { rows } = await db.query<Pick<UsersRow, 'totp_secret' | 'totp_enabled_at' | 'totp_last_step'>>(
    `SELECT totp_secret, totp_enabled_at, totp_last_step FROM users WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [userId],
  );
  const r = rows[0];
  return {
    secret: r?.totp_secret ?? null,
    enabledAt: r?.totp_enabled_at ?? null,
    lastStep: r?.totp_last_step == null ? null : Number(r.totp_last_step),
  };
}

/** A new secret awaiting its first code (two-factor stays off until then). */
export async function setPendingSecret(db: Db, userId: string, secret: string) {
  await db.query('UPDATE users SET totp_secret = $2, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = $1', [
    userId,
    secret,
  ]);
}

export async function enableTotp(db: Db, userId: string, step: number) {
  await db.query('UPDATE users SET totp_enabled_at = now(), totp_last_step = $2 WHERE id = $1', [userId, step]);
}

export async function disableTotp(db: Db, userId: string) {
  await db.query('UPDATE users SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = $1', [
    userId,
  ]);
  await db.query('DELETE FROM recovery_codes WHERE user_id = $1', [userId]);
}

export async function setLastStep(db: Db, userId: string, step: number) {
  await db.query('UPDATE users SET totp_last_step = $2 WHERE id = $1', [userId, step]);
}

export async function replaceRecoveryCodes(db: Db, userId: string, hashes: string[]) {
  await db.query('DELETE FROM recovery_codes WHERE user_id = $1', [userId]);
  await db.query('INSERT INTO recovery_codes (user_id, code_hash) SELECT $1, unnest($2::text[])', [userId, hashes]);
}

/** Marks an unused recovery code used; false when it matches none. */
export async function useRecoveryCode(db: Db, userId: string, hash: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL',
    [userId, hash],
  );
  return (rowCount ?? 0) > 0;
}

export async function recoveryCodesLeft(db: Db, userId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL',
    [userId],
  );
  return rows[0]?.n ?? 0;
}

export async function insertChallenge(
  db: Db,
  c: { tokenHash: string; userId: string; ip: string; userAgent: string | null; ttlS: number },
) {
  await db.query(
    `INSERT INTO mfa_challenges (token_hash, user_id, ip, user_agent, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
    [c.tokenHash, c.userId, c.ip, c.userAgent, c.ttlS],
  );
}

/** A live challenge, locked for the rest of the transaction (one code checked at a time). */
export async function lockChallenge(
  db: Db,
  tokenHash: string,
  maxFailures: number,
): Promise<{ userId: string; ip: string; userAgent: string | null } | null> {
  const { rows } = await db.query<{ user_id: string; ip: string; user_agent: string | null }>(
    `SELECT user_id, ip, user_agent FROM mfa_challenges
     WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() AND failures < $2 FOR UPDATE`,
    [tokenHash, maxFailures],
  );
  const r = rows[0];
  return r ? { userId: r.user_id, ip: r.ip, userAgent: r.user_agent } : null;
}

export async function settleChallenge(db: Db, tokenHash: string, ok: boolean) {
  await db.query(
    ok
      ? 'UPDATE mfa_challenges SET used_at = now() WHERE token_hash = $1'
      : 'UPDATE mfa_challenges SET failures = failures + 1 WHERE token_hash = $1',
    [tokenHash],
  );
  if (Math.random() < 0.02) await db.query("DELETE FROM mfa_challenges WHERE expires_at < now() - interval '1 day'");
}

/** What the auth middleware needs about a live session: its user, id, and the 2FA duty. */
export interface SessionContext {
  user: User;
  sessionId: string;
  totpEnabled: boolean;
  mfaRequiredRoles: Role[];
}

export async function sessionContext(db: Db, tokenHash: string): Promise<SessionContext | null> {
  const { rows } = await db.query<
    Pick<UsersRow, 'id' | 'org_id' | 'email' | 'name' | 'driver_id'> & {
      role: Role;
      session_id: string;
      totp_enabled: boolean;
    }
  >(
    `SELECT u.id, u.org_id, u.email, u.name, u.role, u.driver_id, s.id AS session_id,
            u.totp_enabled_at IS NOT NULL AS totp_enabled
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`,
    [tokenHash],
  );
  const r = rows[0];
  if (!r) return null;
  const security = (await storedSettings(db, r.org_id, 'security')) as { mfaRequiredRoles?: unknown } | null;
  const required = security?.mfaRequiredRoles;
  return {
    user: { id: r.id, orgId: r.org_id, email: r.email, name: r.name, role: r.role, driverId: r.driver_id },
    sessionId: r.session_id,
    totpEnabled: r.totp_enabled,
    mfaRequiredRoles: Array.isArray(required) ? (required.filter((x) => typeof x === 'string') as Role[]) : [],
  };
}

/** The session's user has a role the organisation requires two-factor of, and has not set it up. */
export async function mustEnrolTotp(db: Db, tokenHash: string): Promise<boolean> {
  const ctx = await sessionContext(db, tokenHash);
  return !!ctx?.mfaRequiredRoles.includes(ctx.user.role) && !ctx.totpEnabled;
}

/** Notes the session's use, at most once a minute (a write per request would be wasteful). */
export async function touchSession(db: Db, tokenHash: string) {
  await db.query(
    `UPDATE sessions SET last_seen_at = now()
     WHERE token_hash = $1 AND (last_seen_at IS NULL OR last_seen_at < now() - interval '1 minute')`,
    [tokenHash],
  );
}

export async function setSessionClient(db: Db, tokenHash: string, client: { ip: string; userAgent: string | null }) {
  await db.query('UPDATE sessions SET ip = $2, user_agent = $3, last_seen_at = now() WHERE token_hash = $1', [
    tokenHash,
    client.ip,
    client.userAgent,
  ]);
}

export type SessionRow = Pick<
  SessionsRow,
  'id' | 'user_id' | 'token_hash' | 'user_agent' | 'ip' | 'created_at' | 'last_seen_at'
> &
  Pick<UsersRow, 'email'>;

/** Live sessions of one user, or of every user of the organisation (`userId` null). */
export async function liveSessions(db: Db, orgId: string, userId: string | null): Promise<SessionRow[]> {
  const { rows } = await db.query<SessionRow>(
    `SELECT s.id, s.user_id, u.email, s.token_hash, s.user_agent, s.ip, s.created_at, s.last_seen_at
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE u.org_id = $1 AND ($2::uuid IS NULL OR s.user_id = $2) AND s.revoked_at IS NULL AND s.expires_at > now()
     ORDER BY coalesce(s.last_seen_at, s.created_at) DESC`,
    [orgId, userId],
  );
  return rows;
}

/** Revokes live sessions matching the filter; answers the revoked ones. */
export async function revokeSessions(
  db: Db,
  where: { orgId: string; userId: string | null; sessionId: string | null; exceptHash?: string | null },
): Promise<{ id: string; token_hash: string; user_id: string }[]> {
  const { rows } = await db.query<{ id: string; token_hash: string; user_id: string }>(
    `UPDATE sessions s SET revoked_at = now() FROM users u
     WHERE u.id = s.user_id AND u.org_id = $1 AND ($2::uuid IS NULL OR s.user_id = $2)
       AND ($3::uuid IS NULL OR s.id = $3) AND ($4::text IS NULL OR s.token_hash <> $4)
       AND s.revoked_at IS NULL AND s.expires_at > now()
     RETURNING s.id, s.token_hash, s.user_id`,
    [where.orgId, where.userId, where.sessionId, where.exceptHash ?? null],
  );
  return rows;
}

export { orgSettings } from '../org/settings-repo.ts';

/** Writes one key of the organisation's settings, leaving the others as they are. */
export async function setOrgSetting(db: Db, orgId: string, key: 'security' | 'retention', value: unknown) {
  await writeSettingsSection(db, orgId, key, value);
}

export async function setPasswordHash(db: Db, userId: string, hash: string) {
  await db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [userId, hash]);
}

export async function passwordHashOf(db: Db, userId: string): Promise<string | null> {
  const { rows } = await db.query<{ password_hash: string | null }>('SELECT password_hash FROM users WHERE id = $1', [
    userId,
  ]);
  return rows[0]?.password_hash ?? null;
}
