/** The second step of a password sign-in when the account has two-factor on (see mfa.ts). */
import type { User } from '@tournee/shared';
import { hashToken, newToken } from '../auth/tokens.ts';
import type { Db } from '../db/db.ts';
import * as repo from './security-repo.ts';

const CHALLENGE_TTL_S = 300;
/** Wrong codes a challenge takes before the password must be typed again. */
export const CHALLENGE_MAX_FAILURES = 5;

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

export async function hasTotp(db: Db, userId: string): Promise<boolean> {
  return (await repo.totpState(db, userId)).enabledAt !== null;
}

/** The challenge token answered instead of a session; five minutes to give the code. */
export async function openChallenge(db: Db, user: User, client: ClientInfo): Promise<string> {
  const token = newToken();
  await repo.insertChallenge(db, { tokenHash: hashToken(token), userId: user.id, ttlS: CHALLENGE_TTL_S, ...client });
  return token;
}
