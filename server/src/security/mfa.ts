/**
 * Two-factor sign-in: enrolment (a secret, confirmed by a first code, then ten recovery codes),
 * the challenge a password sign-in answers with, and its completion with a code. Every step is
 * audited (`auth.totp_*`).
 */
import type { LoginResponse, TotpEnabled, TotpEnrollment, TotpStatus, User } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import { recordSignIn, SIGN_IN } from '../audit/sign-ins.ts';
import { openSession } from '../auth/service.ts';
import { hashToken } from '../auth/tokens.ts';
import { CHALLENGE_MAX_FAILURES, type ClientInfo } from './challenge.ts';
import type { Db } from '../db/db.ts';
import type { UsersRow } from '../db/rows/users.ts';
import { AppError } from '../errors.ts';
import * as repo from './security-repo.ts';
import { orgSecurity } from './settings.ts';
import { acceptedStep, hashRecoveryCode, newRecoveryCodes, newTotpSecret, otpauthUri } from './totp.ts';

const actorFor = (user: User): Actor => ({ userId: user.id, orgId: user.orgId, role: user.role });

export async function totpStatus(db: Db, user: User): Promise<TotpStatus> {
  const state = await repo.totpState(db, user.id);
  const { security } = await orgSecurity(db, user.orgId);
  return {
    enabled: state.enabledAt !== null,
    required: (security.mfaRequiredRoles as string[]).includes(user.role),
    recoveryCodesLeft: await repo.recoveryCodesLeft(db, user.id),
  };
}

/** A new secret for the app; two-factor is not on until {@link confirmTotp}. Refused when already on. */
export async function enrollTotp(db: Db, user: User, issuer: string): Promise<TotpEnrollment> {
  return db.transaction(async (tx) => {
    const state = await repo.totpState(tx, user.id, true);
    if (state.enabledAt) {
      throw new AppError('conflict', 'Two-factor sign-in is already on; turn it off first to enrol another app');
    }
    const secret = newTotpSecret();
    await repo.setPendingSecret(tx, user.id, secret);
    return { secret, otpauthUri: otpauthUri(secret, user.email, issuer) };
  });
}

/** The first code from the app turns two-factor on and answers the recovery codes, once. */
export async function confirmTotp(db: Db, user: User, code: string, now = Date.now()): Promise<TotpEnabled> {
  const recoveryCodes = newRecoveryCodes();
  return db.transaction(async (tx) => {
    const state = await repo.totpState(tx, user.id, true);
    if (state.enabledAt) throw new AppError('conflict', 'Two-factor sign-in is already on');
    if (!state.secret) throw new AppError('conflict', 'Start with POST /api/auth/totp/enroll');
    const step = acceptedStep(state.secret, code, null, now);
    if (step === null) {
      throw new AppError('bad_request', 'code: not the current code of the app; check the phone’s clock', {
        details: [{ field: 'code', message: 'wrong or expired code' }],
      });
    }
    await repo.enableTotp(tx, user.id, step);
    await repo.replaceRecoveryCodes(tx, user.id, recoveryCodes.map(hashRecoveryCode));
    await recordEvent(tx, actorFor(user), 'auth.totp_enabled', 'user', user.id, { email: user.email });
    return { enabled: true, recoveryCodes };
  });
}

/** Turns two-factor off (a current code or recovery code is required: a stolen session is not enough). */
export async function disableTotp(db: Db, user: User, code: string, now = Date.now()): Promise<void> {
  await db.transaction(async (tx) => {
    const state = await repo.totpState(tx, user.id, true);
    if (!state.enabledAt || !state.secret) return;
    if (!(await checkSecondFactor(tx, user.id, state, code, now))) {
      throw new AppError('unauthorized', 'Wrong two-factor code');
    }
    await repo.disableTotp(tx, user.id);
    await recordEvent(tx, actorFor(user), 'auth.totp_disabled', 'user', user.id, { email: user.email });
  });
}

/** A TOTP code (moving the last used step on) or an unused recovery code (spending it). */
async function checkSecondFactor(
  tx: Db,
  userId: string,
  state: repo.TotpState,
  code: string,
  now: number,
): Promise<'totp' | 'recovery' | null> {
  const digits = code.replace(/\s+/g, '');
  if (/^\d{6}$/.test(digits)) {
    const step = state.secret ? acceptedStep(state.secret, digits, state.lastStep, now) : null;
    if (step === null) return null;
    await repo.setLastStep(tx, userId, step);
    return 'totp';
  }
  return (await repo.useRecoveryCode(tx, userId, hashRecoveryCode(code))) ? 'recovery' : null;
}

/**
 * Completes a sign-in with the second factor: a session on success; 401 for a wrong, replayed or
 * out-of-window code, or an unknown, expired, used or exhausted challenge.
 */
export async function completeSignIn(
  db: Db,
  input: { challenge: string; code: string },
  ttlHours: number,
  now = Date.now(),
): Promise<{ session: LoginResponse; user: User; client: ClientInfo }> {
  const challengeHash = hashToken(input.challenge);
  const outcome = await db.transaction(async (tx) => {
    const challenge = await repo.lockChallenge(tx, challengeHash, CHALLENGE_MAX_FAILURES);
    if (!challenge) return { kind: 'expired' as const };
    const { rows } = await tx.query<
      Pick<UsersRow, 'id' | 'org_id' | 'email' | 'name' | 'driver_id'> & { role: User['role'] }
    >('SELECT id, org_id, email, name, role, driver_id FROM users WHERE id = $1 AND disabled_at IS NULL', [
      challenge.userId,
    ]);
    const r = rows[0];
    if (!r) return { kind: 'expired' as const };
    const user: User = { id: r.id, orgId: r.org_id, email: r.email, name: r.name, role: r.role, driverId: r.driver_id };
    const state = await repo.totpState(tx, user.id, true);
    const used = await checkSecondFactor(tx, user.id, state, input.code, now);
    await repo.settleChallenge(tx, challengeHash, used !== null);
    const client = { ip: challenge.ip, userAgent: challenge.userAgent };
    if (!used) return { kind: 'wrong' as const, user, client };
    if (used === 'recovery') {
      await recordEvent(tx, actorFor(user), 'auth.recovery_code_used', 'user', user.id, {
        email: user.email,
        left: await repo.recoveryCodesLeft(tx, user.id),
      });
    }
    return { kind: 'ok' as const, user, client };
  });
  if (outcome.kind === 'expired') {
    throw new AppError('unauthorized', 'This sign-in has expired or was already used; enter your password again');
  }
  if (outcome.kind === 'wrong') {
    await recordEvent(
      db,
      { userId: null, orgId: outcome.user.orgId, role: 'system' },
      'auth.totp_failed',
      'user',
      outcome.user.id,
      {
        email: outcome.user.email,
        ip: outcome.client.ip,
      },
    );
    throw new AppError('unauthorized', 'Wrong two-factor code (or already used); type the current code of the app');
  }
  const session = await openSession(db, outcome.user, ttlHours);
  await repo.setSessionClient(db, hashToken(session.token), outcome.client);
  await recordSignIn(db, SIGN_IN, outcome.user, { email: outcome.user.email, ip: outcome.client.ip });
  return { session, user: outcome.user, client: outcome.client };
}
