/**
 * `Authorization: Bearer tk_…` on /api: the key's organisation acts through it, within its scopes
 * (api-keys/scopes.ts). An unknown or revoked key is a 401; a route outside the key's scopes a 403
 * naming the scope it needs; past the per-key limit a 429 with Retry-After. The limit counts per
 * key id in the server's rate limits (http/rate-limit.ts: in Redis, every process draws on one
 * budget). Requests without a key go on to the session check (auth/middleware.ts) untouched.
 */
import type { ApiKeyScope } from '@tournee/shared';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import type { RateLimit } from '../http/rate-limit.ts';
import { hashApiKey, isApiKey } from './keys.ts';
import { principalByHash, touchKey } from './repo.ts';
import { scopeFor } from './scopes.ts';

declare global {
  namespace Express {
    interface Request {
      /** Set when the caller used an API key rather than a session. */
      apiKey?: { id: string; name: string; scopes: ApiKeyScope[] };
    }
  }
}

function bearer(req: Request): string | null {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
}

/** `limit`: requests per key id and minute (API_KEY_RATE_PER_MINUTE). */
export function apiKeyAuth(db: Db, opts: { limit: RateLimit }): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const token = bearer(req);
    if (!token || !isApiKey(token)) return next();
    const key = await principalByHash(db, hashApiKey(token));
    if (!key) throw new AppError('unauthorized', 'This API key is unknown or was revoked');
    const wait = await opts.limit.take(key.keyId);
    if (wait !== null) {
      throw new AppError('too_many_requests', `Too many requests with this API key; retry in ${wait} s`, {
        headers: { 'Retry-After': String(wait) },
      });
    }
    const needed = scopeFor(req.method, req.path);
    if (!needed) throw new AppError('forbidden', `API keys cannot call ${req.method} /api${req.path}`);
    if (!key.scopes.includes(needed)) {
      throw new AppError('forbidden', `This API key lacks the scope ${needed}`, { details: { scope: needed } });
    }
    // The key acts with the organisation's admin rights inside its scopes; the audit trail names
    // the admin who created it.
    req.user = {
      id: key.createdBy ?? key.keyId,
      orgId: key.orgId,
      email: `api-key:${key.name}`,
      name: key.name,
      role: 'admin',
      driverId: null,
    };
    req.apiKey = { id: key.keyId, name: key.name, scopes: key.scopes };
    void touchKey(db, key.keyId).catch(() => {});
    next();
  };
}
