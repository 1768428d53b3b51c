import { CreateUserRequest, LoginRequest } from '@tournee/shared';
import { Router } from 'express';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import type { RateLimits } from '../http/rate-limit.ts';
import { parse } from '../http/validate.ts';
import { securityRoutes } from '../security/routes.ts';
import { setSessionCookie } from './cookie.ts';
import { actorOf, requireRole, SESSION_COOKIE } from './middleware.ts';
import * as auth from './service.ts';
import { signInLimit } from './sign-in-limit.ts';
import { userAdminRoutes } from './user-admin-routes.ts';

/**
 * Sign-in, sign-out and users. `onLogout` receives the hash of a revoked session's token, so the
 * realtime layer can end the sockets opened with it.
 */
export function authRoutes(
  db: Db,
  config: Config,
  limits: RateLimits,
  hooks: { onLogout?: (tokenHash: string) => void } = {},
): Router {
  const router = Router();
  const policy = {
    limit: signInLimit(limits, config.LOGIN_MAX_FAILURES_PER_MINUTE),
    sessionTtlHours: config.SESSION_TTL_HOURS,
    ssoConfigured: Boolean(config.OIDC_ISSUER),
  };

  router.post('/auth/login', async (req, res) => {
    const body = parse(LoginRequest, req.body);
    const userAgent = req.get('user-agent') ?? null;
    const out = await auth.login(db, policy, { ...body, ip: req.ip ?? 'unknown', userAgent });
    // With two-factor on, the answer is a challenge (`mfaRequired`), not yet a session.
    if ('token' in out) setSessionCookie(res, config, out);
    res.json(out);
  });

  router.post('/auth/logout', requireRole('admin', 'dispatcher', 'driver', 'viewer'), async (req, res) => {
    const who = req.user ? { user: req.user, ip: req.ip ?? 'unknown' } : undefined;
    if (req.token) hooks.onLogout?.(await auth.logout(db, req.token, who));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/auth/me', requireRole('admin', 'dispatcher', 'driver', 'viewer'), (req, res) => {
    res.json({ user: req.user });
  });

  router.post('/users', requireRole('admin'), async (req, res) => {
    const body = parse(CreateUserRequest, req.body);
    res.status(201).json(await auth.createUser(db, actorOf(req), body));
  });

  // Two-factor sign-in, sessions, password change, security settings (security/).
  router.use(securityRoutes(db, config, hooks));

  // List, disable, re-enable, reset password, change role (admins).
  router.use(userAdminRoutes(db, hooks));

  return router;
}
