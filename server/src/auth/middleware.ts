import type { Role, User } from '@tournee/shared';
import { parseCookie } from 'cookie';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Actor } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { sessionContext, touchSession } from '../security/security-repo.ts';
import { hashToken } from './tokens.ts';

export const SESSION_COOKIE = 'tournee_session';

declare global {
  // Express merges its Request type with this global namespace.
  namespace Express {
    interface Request {
      user?: User;
      token?: string;
      /** The id of the caller's session (the one `GET /api/auth/sessions` marks current). */
      sessionId?: string;
    }
  }
}

/**
 * The session token in a Cookie header. Parsed with the `cookie` package, which keeps a value it
 * cannot URL-decode (`%E0`) as it is: such a token matches no session, so the caller is simply
 * not signed in (never a 500).
 */
export function cookieToken(header: string | undefined): string | null {
  if (!header) return null;
  return parseCookie(header)[SESSION_COOKIE] || null;
}

/** The session token from `Authorization: Bearer …` or, failing that, the session cookie. */
export function tokenFrom(req: Request): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return cookieToken(req.headers.cookie);
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * What a signed-in user may always do about their own account, whatever their role allows
 * otherwise: sign out, enrol two-factor sign-in, see and end their sessions, change their password.
 */
const SELF_SERVICE = [/^\/auth\/logout$/, /^\/auth\/totp(\/|$)/, /^\/auth\/sessions(\/|$)/, /^\/auth\/password$/];
/** All a user the organisation requires two-factor of may do before enrolling. */
const ENROLMENT = [/^\/auth\/me$/, /^\/auth\/logout$/, /^\/auth\/totp(\/|$)/];

const matches = (patterns: RegExp[], path: string) => patterns.some((p) => p.test(path));

/**
 * Resolves the caller's user, if any; routes decide with `requireRole` whether one is needed.
 * Two rules hold here for every route at once, so no route can forget them:
 * - a `viewer` makes no write: any method but GET/HEAD is a 403 (their own account aside);
 * - a user whose role the organisation requires two-factor of, without it, can only enrol (403).
 */
export function authenticate(db: Db): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const token = tokenFrom(req);
    // An API key already resolved the caller (api-keys/middleware.ts): no session to look up.
    if (token && !req.apiKey) {
      const tokenHash = hashToken(token);
      const ctx = await sessionContext(db, tokenHash);
      if (ctx) {
        req.user = ctx.user;
        req.token = token;
        req.sessionId = ctx.sessionId;
        await touchSession(db, tokenHash);
        if (ctx.mfaRequiredRoles.includes(ctx.user.role) && !ctx.totpEnabled && !matches(ENROLMENT, req.path)) {
          throw new AppError(
            'forbidden',
            'Your organisation requires two-factor sign-in for your role: set it up first (Settings → Security, or POST /api/auth/totp/enroll)',
            { details: [{ field: 'mfa', message: 'mfa_enrollment_required' }] },
          );
        }
        if (ctx.user.role === 'viewer' && !READ_METHODS.has(req.method) && !matches(SELF_SERVICE, req.path)) {
          throw new AppError(
            'forbidden',
            'Your role is viewer: it can see everything a dispatcher sees but change nothing',
          );
        }
      }
    }
    next();
  };
}

/**
 * 401 without a valid session, 403 when the user's role is not among `roles`. A viewer passes
 * wherever a dispatcher may read (`authenticate` has already refused their writes).
 */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) throw new AppError('unauthorized', 'Sign in first: no valid session token');
    const viewerReads = req.user.role === 'viewer' && roles.includes('dispatcher');
    if (!roles.includes(req.user.role) && !viewerReads) {
      throw new AppError('forbidden', `This needs the role ${roles.join(' or ')}; you are ${req.user.role}`);
    }
    next();
  };
}

/** The audit actor of an authenticated request. */
export function actorOf(req: Request): Actor {
  const user = req.user;
  if (!user) throw new AppError('unauthorized', 'Sign in first: no valid session token');
  return { userId: user.id, orgId: user.orgId, role: user.role };
}
