/**
 * Two-factor sign-in, sessions, password change and the organisation's security settings:
 *   POST   /api/auth/totp                 { challenge, code } → the session (second step of sign-in)
 *   GET    /api/auth/totp                 this user's two-factor status
 *   POST   /api/auth/totp/enroll          a new secret (otpauth URI) for the authenticator app
 *   POST   /api/auth/totp/verify          { code } → on, with ten recovery codes shown once
 *   POST   /api/auth/totp/disable         { code }
 *   GET    /api/auth/sessions             own sessions (admin: the organisation's)
 *   DELETE /api/auth/sessions/:id         ends one (its sockets too)
 *   DELETE /api/auth/sessions[?userId=]   ends all others of the user (admin: of any user)
 *   POST   /api/auth/password             { currentPassword, newPassword }
 *   GET    /api/security/settings, PATCH  (admin) two-factor duty, password sign-in, retention
 */
import { ChangePasswordRequest, TotpSignInRequest, TotpVerifyRequest, UpdateSecuritySettings } from '@tournee/shared';
import { Router } from 'express';
import { z } from 'zod';
import { recordEvent } from '../audit/audit.ts';
import { setSessionCookie } from '../auth/cookie.ts';
import { actorOf, requireRole } from '../auth/middleware.ts';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import { assertStrongPassword } from '../auth/service.ts';
import { hashToken } from '../auth/tokens.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { idOf } from '../fleet/http.ts';
import { parse, Uuid } from '../http/validate.ts';
import * as mfa from './mfa.ts';
import { oidcRoutes } from './oidc-routes.ts';
import * as repo from './security-repo.ts';
import * as sessions from './sessions.ts';
import { orgSecurity, updateOrgSecurity } from './settings.ts';

const STAFF = ['admin', 'dispatcher', 'viewer'] as const;
const RevokeAllQuery = z.object({ userId: Uuid.optional() });
const TotpDisableRequest = z.object({ code: z.string().trim().min(6).max(40) });

export function securityRoutes(db: Db, config: Config, hooks: { onLogout?: (tokenHash: string) => void } = {}): Router {
  const router = Router();
  const staff = requireRole(...STAFF);
  const user = (req: Express.Request) => {
    if (!req.user) throw new AppError('unauthorized', 'Sign in first: no valid session token');
    return req.user;
  };
  const endSockets = (hashes: string[]) => {
    for (const h of hashes) hooks.onLogout?.(h);
  };

  // Single sign-on, when configured.
  router.use(oidcRoutes(db, config));

  router.post('/auth/totp', async (req, res) => {
    const body = parse(TotpSignInRequest, req.body);
    const { session } = await mfa.completeSignIn(db, body, config.SESSION_TTL_HOURS);
    setSessionCookie(res, config, session);
    res.json(session);
  });
  router.get('/auth/totp', staff, async (req, res) => {
    res.json(await mfa.totpStatus(db, user(req)));
  });
  router.post('/auth/totp/enroll', staff, async (req, res) => {
    res.json(await mfa.enrollTotp(db, user(req), 'Tournée'));
  });
  router.post('/auth/totp/verify', staff, async (req, res) => {
    res.json(await mfa.confirmTotp(db, user(req), parse(TotpVerifyRequest, req.body).code));
  });
  router.post('/auth/totp/disable', staff, async (req, res) => {
    const me = user(req);
    const { security } = await orgSecurity(db, me.orgId);
    if ((security.mfaRequiredRoles as string[]).includes(me.role)) {
      throw new AppError(
        'forbidden',
        'Your organisation requires two-factor sign-in for your role: it cannot be turned off',
      );
    }
    await mfa.disableTotp(db, me, parse(TotpDisableRequest, req.body).code);
    res.status(204).end();
  });

  router.get('/auth/sessions', staff, async (req, res) => {
    res.json({ items: await sessions.listSessions(db, user(req), req.sessionId) });
  });
  router.delete('/auth/sessions/:id', staff, async (req, res) => {
    endSockets(await sessions.revokeOne(db, user(req), idOf(req.params)));
    res.status(204).end();
  });
  router.delete('/auth/sessions', staff, async (req, res) => {
    const { userId } = parse(RevokeAllQuery, req.query, 'query');
    const keepHash = req.token ? hashToken(req.token) : null;
    const revoked = await sessions.revokeAll(db, user(req), { targetUserId: userId, keepHash });
    endSockets(revoked);
    res.json({ revokedSessions: revoked.length });
  });

  router.post('/auth/password', staff, async (req, res) => {
    const me = user(req);
    const body = parse(ChangePasswordRequest, req.body);
    const stored = await repo.passwordHashOf(db, me.id);
    if (!stored || !(await verifyPassword(body.currentPassword, stored))) {
      throw new AppError('bad_request', 'currentPassword: not your current password', {
        details: [{ field: 'currentPassword', message: 'wrong password' }],
      });
    }
    assertStrongPassword(body.newPassword, [me.email, me.name], 'newPassword');
    const hash = await hashPassword(body.newPassword);
    const keepHash = req.token ? hashToken(req.token) : null;
    const revoked = await db.transaction(async (tx) => {
      await repo.setPasswordHash(tx, me.id, hash);
      await recordEvent(tx, actorOf(req), 'change_password', 'user', me.id, { email: me.email });
      // Whoever knew the old password is signed out; this browser stays signed in.
      return repo.revokeSessions(tx, { orgId: me.orgId, userId: me.id, sessionId: null, exceptHash: keepHash });
    });
    endSockets(revoked.map((r) => r.token_hash));
    res.status(204).end();
  });

  router.get('/security/settings', requireRole('admin'), async (req, res) => {
    res.json(await orgSecurity(db, actorOf(req).orgId));
  });
  router.patch('/security/settings', requireRole('admin'), async (req, res) => {
    res.json(await updateOrgSecurity(db, actorOf(req), parse(UpdateSecuritySettings, req.body ?? {})));
  });
  return router;
}
