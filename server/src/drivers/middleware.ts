/** Driver-token authentication for `/api/driver/*` (the phone's bearer token, not a user session). */
import type { RequestHandler } from 'express';
import { tokenFrom } from '../auth/middleware.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import type { DriverPrincipal } from './access-repo.ts';
import { driverForToken } from './access-service.ts';

declare global {
  namespace Express {
    interface Request {
      driver?: DriverPrincipal;
    }
  }
}

/** 401 unless the bearer token is a live driver token; sets `req.driver`. */
export function requireDriver(db: Db): RequestHandler {
  return async (req, _res, next) => {
    const token = tokenFrom(req);
    const driver = token ? await driverForToken(db, token) : null;
    if (!driver)
      throw new AppError('unauthorized', 'Sign in again: this driver link or code is unknown, expired or revoked');
    req.driver = driver;
    next();
  };
}

/** The signed-in driver of a request that passed `requireDriver`. */
export function driverOf(req: { driver?: DriverPrincipal }): DriverPrincipal {
  if (!req.driver) throw new AppError('unauthorized', 'Sign in with your driver link or code first');
  return req.driver;
}
