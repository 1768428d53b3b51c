import type { CreatedUser, LoginOutcome, LoginResponse, Role, User } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import { recordSignIn, SIGN_IN, SIGN_IN_FAILED, SIGN_OUT } from '../audit/sign-ins.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { hasTotp, openChallenge } from '../security/challenge.ts';
import { judgePassword } from '../security/password-policy.ts';
import { setSessionClient } from '../security/security-repo.ts';
import { orgSecurity } from '../security/settings.ts';
import { generatePassword, hashPassword, verifyPassword } from './password.ts';
import { emailTaken } from './user-admin-repo.ts';
import * as repo from './repo.ts';
import type { SignInLimit } from './sign-in-limit.ts';
import { hashToken, newToken } from './tokens.ts';

export interface LoginPolicy {
  /** The sign-in budgets (auth/sign-in-limit.ts). */
  limit: SignInLimit;
  sessionTtlHours: number;
  /** Single sign-on is configured: an organisation may then turn password sign-in off. */
  ssoConfigured?: boolean;
}

// Verifying against a real hash when the email is unknown keeps both answers equally slow,
// so response times do not reveal which emails have accounts.
let dummyHash: Promise<string> | null = null;

const tooMany = () =>
  new AppError('too_many_requests', 'Too many failed sign-ins; try again in a minute', {
    headers: { 'Retry-After': '60' },
  });

/**
 * Checks the password and opens a session. The attempt is reserved (counted) before scrypt runs,
 * so parallel requests cannot all slip past the limit; a refused attempt answers 429 unevaluated.
 */
export async function login(
  db: Db,
  policy: LoginPolicy,
  input: { email: string; password: string; ip: string; userAgent?: string | null },
): Promise<LoginOutcome> {
  const settle = await policy.limit.reserve(input.email, input.ip);
  if (!settle) throw tooMany();
  const found = await repo.findUserByEmail(db, input.email);
  dummyHash ??= hashPassword('not-a-real-password');
  let ok = false;
  if (found?.passwordHash) ok = await verifyPassword(input.password, found.passwordHash);
  else await verifyPassword(input.password, await dummyHash);
  await settle(Boolean(found && ok));
  const who = { email: input.email, ip: input.ip };
  if (!found || !ok) {
    const reason = found ? 'wrong_password' : 'unknown_email';
    await recordSignIn(db, SIGN_IN_FAILED, found?.user ?? null, { ...who, reason });
    throw new AppError('unauthorized', 'Wrong email or password');
  }
  const client = { ip: input.ip, userAgent: input.userAgent ?? null };
  // Drivers sign in with their links and codes; staff may be held to single sign-on.
  if (policy.ssoConfigured && found.user.role !== 'driver') {
    const { security } = await orgSecurity(db, found.user.orgId);
    if (!security.passwordSignIn) {
      throw new AppError('forbidden', 'Password sign-in is turned off for this organisation: use single sign-on');
    }
  }
  // Two-factor on: the password alone opens no session, only a challenge for the code.
  if (await hasTotp(db, found.user.id)) {
    return { mfaRequired: true, challenge: await openChallenge(db, found.user, client) };
  }
  const session = await openSession(db, found.user, policy.sessionTtlHours, client);
  await recordSignIn(db, SIGN_IN, found.user, who);
  return session;
}

/** A new session; `client` (address, user agent) is what the sessions list shows of it. */
export async function openSession(
  db: Db,
  user: User,
  ttlHours: number,
  client?: { ip: string; userAgent: string | null },
): Promise<LoginResponse> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  await repo.insertSession(db, hashToken(token), user.id, expiresAt);
  if (client) await setSessionClient(db, hashToken(token), client);
  return { token, user, expiresAt: expiresAt.toISOString() };
}

export async function userForToken(db: Db, token: string): Promise<User | null> {
  return repo.findSessionUser(db, hashToken(token));
}

/** The live session of a token, with its hash (the name of its socket room) and expiry. */
export async function sessionForToken(
  db: Db,
  token: string,
): Promise<{ user: User; tokenHash: string; expiresAt: Date } | null> {
  const tokenHash = hashToken(token);
  const session = await repo.findSession(db, tokenHash);
  return session ? { ...session, tokenHash } : null;
}

/**
 * Revokes the session (audited as `user`'s sign-out, from `ip`); returns its hash so the caller
 * can end the sockets opened with it.
 */
export async function logout(db: Db, token: string, who?: { user: User; ip: string }): Promise<string> {
  const tokenHash = hashToken(token);
  await repo.revokeSession(db, tokenHash);
  if (who) await recordSignIn(db, SIGN_OUT, who.user, { email: who.user.email, ip: who.ip });
  return tokenHash;
}

/**
 * Creates an account. Without a password this is an invitation: a temporary password is made,
 * stored hashed and answered once (`temporaryPassword`) for the admin to hand over.
 */
export async function createUser(
  db: Db,
  actor: Actor,
  input: { email: string; name: string; role: Role; password?: string; driverId?: string | null },
): Promise<CreatedUser> {
  if (input.password) assertStrongPassword(input.password, [input.email, input.name]);
  const temporaryPassword = input.password ? undefined : generatePassword();
  const passwordHash = await hashPassword(input.password ?? temporaryPassword!);
  return db.transaction(async (tx) => {
    // Disabled accounts keep their email: it cannot be given to a new account.
    if (await emailTaken(tx, input.email)) {
      throw new AppError('conflict', `email: a user with email ${input.email} already exists`, {
        details: [{ field: 'email', message: 'already used by another account' }],
      });
    }
    const user = await repo.insertUser(tx, { ...input, orgId: actor.orgId, passwordHash });
    await recordEvent(tx, actor, 'create', 'user', user.id, {
      email: user.email,
      role: user.role,
      invited: temporaryPassword !== undefined,
    });
    return temporaryPassword ? { ...user, temporaryPassword } : user;
  });
}

/** 400 naming the `field` and why, when a chosen password is too short or too easy to guess. */
export function assertStrongPassword(password: string, personal: string[] = [], field = 'password'): void {
  const verdict = judgePassword(password, personal);
  if (verdict.ok) return;
  throw new AppError('bad_request', `${field}: ${verdict.reason}`, {
    details: [{ field, message: verdict.reason ?? 'too weak' }],
  });
}
