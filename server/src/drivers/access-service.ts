/**
 * Driver access: a dispatcher issues a link (with a long token) and a short code; the driver's
 * app signs in with either. Only hashes are stored. A code sign-in opens its own access row
 * (same expiry, no code), so revoking a driver revokes every device signed in either way.
 */
import { randomInt } from 'node:crypto';
import type { DriverAccess, DriverSession } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import type { Db } from '../db/db.ts';
import { AppError, notFound } from '../errors.ts';
import type { RateLimit } from '../http/rate-limit.ts';
import * as repo from './access-repo.ts';

// No 0/O, 1/I/L: read aloud over the phone or typed on a small keyboard without mistakes.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

/** A random 8-character code (about 40 bits; code sign-ins are rate-limited per address). */
export function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** Codes are compared without case, spaces or dashes ("abcd-efgh" = "ABCDEFGH"). */
export const normaliseCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

/** Issues a new link and code for a driver of the actor's organisation. */
export async function issueAccess(
  db: Db,
  actor: Actor,
  driverId: string,
  opts: { ttlHours: number; baseUrl: string },
): Promise<DriverAccess> {
  const token = newToken();
  const code = newCode();
  const expiresAt = new Date(Date.now() + opts.ttlHours * 3600_000);
  await db.transaction(async (tx) => {
    const d = await tx.query('SELECT 1 FROM drivers WHERE id = $1 AND org_id = $2 AND deleted_at IS NULL', [
      driverId,
      actor.orgId,
    ]);
    if (d.rows.length === 0) throw notFound('Driver');
    const id = await repo.insertAccess(tx, {
      orgId: actor.orgId,
      driverId,
      tokenHash: hashToken(token),
      codeHash: hashToken(code),
      expiresAt,
      createdBy: actor.userId,
    });
    await recordEvent(tx, actor, 'issue_access', 'driver', driverId, { accessId: id, expiresAt });
  });
  const link = `${opts.baseUrl.replace(/\/$/, '')}/driver/#token=${encodeURIComponent(token)}`;
  return { token, link, code: `${code.slice(0, 4)}-${code.slice(4)}`, expiresAt: expiresAt.toISOString() };
}

/** Revokes every live link, code and signed-in device of a driver. */
export async function revokeDriverAccess(db: Db, actor: Actor, driverId: string): Promise<number> {
  return db.transaction(async (tx) => {
    const d = await tx.query('SELECT 1 FROM drivers WHERE id = $1 AND org_id = $2', [driverId, actor.orgId]);
    if (d.rows.length === 0) throw notFound('Driver');
    const n = await repo.revokeAccess(tx, driverId);
    await recordEvent(tx, actor, 'revoke_access', 'driver', driverId, { revoked: n });
    return n;
  });
}

/** The driver a bearer token belongs to, or null when it is unknown, revoked or expired. */
export function driverForToken(db: Db, token: string): Promise<repo.DriverPrincipal | null> {
  return repo.principalByToken(db, hashToken(token));
}

const toSession = (p: repo.DriverPrincipal, token: string): DriverSession => ({
  token,
  driver: { id: p.driverId, name: p.driverName },
  orgId: p.orgId,
  expiresAt: p.expiresAt.toISOString(),
});

/**
 * Signs a driver's app in: with the link's token (checked and echoed), or with the code (a new
 * token). Failures count against the caller's address: past its budget (`limit`, per address), 429.
 */
export async function openDriverSession(
  db: Db,
  input: { code: string } | { token: string },
  ctx: { ip: string; limit: RateLimit },
): Promise<DriverSession> {
  // The attempt is taken before the code is checked (atomically), so parallel guesses share one
  // budget; a right code or token gives it back, a refused one does not count.
  if ((await ctx.limit.take(ctx.ip)) !== null) {
    await ctx.limit.refund(ctx.ip);
    throw new AppError('too_many_requests', 'Too many wrong codes; try again in a minute', {
      headers: { 'Retry-After': '60' },
    });
  }
  if ('token' in input) {
    const p = await driverForToken(db, input.token);
    if (!p) throw new AppError('unauthorized', 'token: this sign-in link is unknown, expired or revoked');
    await ctx.limit.refund(ctx.ip);
    return toSession(p, input.token);
  }
  const p = await repo.principalByCode(db, hashToken(normaliseCode(input.code)));
  if (!p) throw new AppError('unauthorized', 'code: this code is unknown, expired or revoked');
  await ctx.limit.refund(ctx.ip);
  const token = newToken();
  await db.transaction(async (tx) => {
    await repo.insertAccess(tx, {
      orgId: p.orgId,
      driverId: p.driverId,
      tokenHash: hashToken(token),
      codeHash: null,
      expiresAt: p.expiresAt,
      createdBy: null,
    });
    await recordEvent(tx, { userId: null, orgId: p.orgId, role: 'driver' }, 'sign_in_code', 'driver', p.driverId);
  });
  return toSession({ ...p }, token);
}
