import type { LoginResponse } from '@tournee/shared';
import type { Response } from 'express';
import type { Config } from '../config.ts';
import { SESSION_COOKIE } from './middleware.ts';

/** The HttpOnly session cookie the browser apps use (the token is also answered for API clients). */
export function setSessionCookie(res: Response, config: Pick<Config, 'COOKIE_SECURE'>, session: LoginResponse): void {
  res.cookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.COOKIE_SECURE,
    path: '/',
    expires: new Date(session.expiresAt),
  });
}
