/**
 * Sign-ins, sign-outs and failed sign-ins in the audit trail. A failed attempt names the email
 * tried and the client's address, never the password. It is filed under the organisation of the
 * account it aimed at; an email that matches no account belongs to no organisation (org_id null):
 * no organisation's admin is shown the addresses strangers typed, and the row is still there for
 * whoever runs the server. Attempts refused unevaluated (rate limit, 429) are not recorded, so an
 * attacker hammering the form cannot grow the trail faster than the limit lets them guess.
 */
import type { User } from '@tournee/shared';
import type { Db } from '../db/db.ts';

export const SIGN_IN = 'auth.sign_in';
export const SIGN_OUT = 'auth.sign_out';
export const SIGN_IN_FAILED = 'auth.sign_in_failed';

export type SignInAction = typeof SIGN_IN | typeof SIGN_OUT | typeof SIGN_IN_FAILED;

/** Records one sign-in event; `user` is the account concerned (null: no account has that email). */
export async function recordSignIn(
  db: Db,
  action: SignInAction,
  user: Pick<User, 'id' | 'orgId'> | null,
  details: { email: string; ip: string; reason?: 'wrong_password' | 'unknown_email' },
): Promise<void> {
  // The user id is the subject (entity) of the event; as its actor only for what they did themselves.
  const actorId = action === SIGN_IN_FAILED ? null : (user?.id ?? null);
  await db.query(
    `INSERT INTO events (org_id, user_id, action, entity, entity_id, details) VALUES ($1, $2, $3, 'user', $4, $5)`,
    [user?.orgId ?? null, actorId, action, user?.id ?? null, JSON.stringify(details)],
  );
}
