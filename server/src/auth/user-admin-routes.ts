/**
 * Admin-only user management (audited; the SQL is in user-admin-repo.ts):
 *   GET   /api/users                      every account, disabled ones included
 *   PATCH /api/users/:id                  { role?, name? }; demoting the last admin is a 409
 *   POST  /api/users/:id/disable          signs the user out everywhere; the last admin is a 409
 *   POST  /api/users/:id/enable
 *   POST  /api/users/:id/reset-password   a new temporary password, answered once
 * (`POST /api/users`, the invitation, is in routes.ts with the other sign-in routes.)
 */
import { UpdateUserRequest } from '@tournee/shared';
import { Router } from 'express';
import type { Db } from '../db/db.ts';
import { idOf } from '../fleet/http.ts';
import { parse } from '../http/validate.ts';
import { actorOf, requireRole } from './middleware.ts';
import * as users from './user-admin.ts';

export function userAdminRoutes(db: Db, hooks: { onLogout?: (tokenHash: string) => void } = {}): Router {
  const router = Router();
  const admin = requireRole('admin');
  // Revoked sessions also lose their open sockets, on every process.
  const endSockets = (hashes: string[]) => {
    for (const h of hashes) hooks.onLogout?.(h);
  };

  router.get('/users', admin, async (req, res) => {
    res.json({ items: await users.listAccounts(db, actorOf(req).orgId) });
  });
  router.patch('/users/:id', admin, async (req, res) => {
    res.json(await users.updateUser(db, actorOf(req), idOf(req.params), parse(UpdateUserRequest, req.body ?? {})));
  });
  router.post('/users/:id/disable', admin, async (req, res) => {
    const { revokedHashes, ...out } = await users.disableUser(db, actorOf(req), idOf(req.params));
    endSockets(revokedHashes);
    res.json(out);
  });
  router.post('/users/:id/enable', admin, async (req, res) => {
    res.json(await users.enableUser(db, actorOf(req), idOf(req.params)));
  });
  router.post('/users/:id/reset-password', admin, async (req, res) => {
    const { revokedHashes, ...out } = await users.resetPassword(db, actorOf(req), idOf(req.params));
    endSockets(revokedHashes);
    res.json(out);
  });
  return router;
}
