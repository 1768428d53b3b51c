import type { Role, User } from '@tournee/shared';
import { parseCookie } from 'cookie';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Actor } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { userForToken } from './service.ts';

export const SESSION_COOKIE = 'tournee_session';

declare global {
  // Express merges its Request type with this global namespace.
  namespace Express {
    interface Request {
      user?: User;
      token?: string;
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

/** Resolves the caller's user, if any; routes decide with `requireRole` whether one is needed. */
export function authenticate(db: Db): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const token = tokenFrom(req);
    // An API key already resolved the caller (api-keys/middleware.ts): no session to look up.
    if (token && !req.apiKey) {
      const user = await userForToken(db, token);
      if (user) {
        req.user = user;
        req.token = token;
      }
    }
    next();
  };
}

/** 401 without a valid session, 403 when the user's role is not among `roles`. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) throw new AppError('unauthorized', 'Sign in first: no valid session token');
    if (!roles.includes(req.user.role)) {
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
