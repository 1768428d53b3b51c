import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const login = (email: string, password: string) =>
  fetch(`${t.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });

const me = (token: string) => fetch(`${t.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });

async function invite(role: 'admin' | 'dispatcher', name: string = role) {
  const res = await t.api('/users', {
    method: 'POST',
    body: JSON.stringify({ email: `${name}-${Math.random().toString(36).slice(2)}@test.local`, name, role }),
  });
  expect(res.status).toBe(201);
  return readJson(res);
}

const auditOf = async (userId: string) =>
  (
    await t.db.query<{ action: string; user_id: string; details: Record<string, unknown> }>(
      "SELECT action, user_id, details FROM events WHERE entity = 'user' AND entity_id = $1 AND action NOT LIKE 'auth.%' ORDER BY id",
      [userId],
    )
  ).rows;

describe('user management', () => {
  it('invites a user with a temporary password shown once, with which they sign in', async () => {
    const user = await invite('dispatcher', 'Dana');
    expect(user.temporaryPassword).toMatch(/^\S{16,}$/);
    expect((await login(user.email, user.temporaryPassword)).status).toBe(200);
    const listed = (await readJson(await t.api('/users'))).items.find((u: { id: string }) => u.id === user.id);
    expect(listed).toMatchObject({ email: user.email, role: 'dispatcher', disabledAt: null });
    expect(listed.temporaryPassword).toBeUndefined();
    expect((await auditOf(user.id))[0]).toMatchObject({ action: 'create', details: { invited: true } });
  });

  it('disables a user: sign-in refused, the open session answers 401, and re-enabling lets them in again', async () => {
    const user = await invite('dispatcher');
    const { token } = await readJson(await login(user.email, user.temporaryPassword));
    expect((await me(token)).status).toBe(200);

    const res = await t.api(`/users/${user.id}/disable`, { method: 'POST' });
    expect(res.status).toBe(200);
    const body = await readJson(res);
    expect(body.user.disabledAt).not.toBeNull();
    expect(body.revokedSessions).toBe(1);

    expect((await me(token)).status).toBe(401);
    expect((await login(user.email, user.temporaryPassword)).status).toBe(401);
    expect(
      (await readJson(await t.api('/users'))).items.find((u: { id: string }) => u.id === user.id).disabledAt,
    ).not.toBeNull();
    expect((await auditOf(user.id)).map((e) => e.action)).toEqual(['create', 'disable']);

    expect((await t.api(`/users/${user.id}/enable`, { method: 'POST' })).status).toBe(200);
    expect((await login(user.email, user.temporaryPassword)).status).toBe(200);
    // The old session stays ended: re-enabling does not revive it.
    expect((await me(token)).status).toBe(401);
  });

  it('ends the disabled user’s open /dispatch socket at once, without waiting for a re-check', async () => {
    const user = await invite('dispatcher');
    const { token } = await readJson(await login(user.email, user.temporaryPassword));
    const socket: Socket = await new Promise((resolve, reject) => {
      const s = connect(`${t.baseUrl}/dispatch`, { auth: { token }, transports: ['websocket'], forceNew: true });
      s.once('connect', () => resolve(s));
      s.once('connect_error', reject);
    });
    try {
      expect((await t.api(`/users/${user.id}/disable`, { method: 'POST' })).status).toBe(200);
      // The app re-checks sessions every minute; this must happen well before.
      await expect.poll(() => socket.connected, { timeout: 15_000 }).toBe(false);
    } finally {
      socket.disconnect();
    }
  });

  it('refuses to disable or demote the last enabled admin with a 409 saying why', async () => {
    const { admin } = t.org.users;
    const demoteSelf = () =>
      t.api(`/users/${admin.id}`, { method: 'PATCH', body: JSON.stringify({ role: 'dispatcher' }) });
    const alone = await demoteSelf();
    expect(alone.status).toBe(409);
    expect((await readJson(alone)).error.message).toMatch(/last enabled admin/);

    // A second admin may be demoted and promoted back while the first remains.
    const other = await invite('admin', 'Olga');
    const setRole = (role: string) => t.api(`/users/${other.id}`, { method: 'PATCH', body: JSON.stringify({ role }) });
    expect((await setRole('dispatcher')).status).toBe(200);
    expect((await setRole('admin')).status).toBe(200);
    // A disabled admin does not count: the first is the last enabled one again.
    expect((await t.api(`/users/${other.id}/disable`, { method: 'POST' })).status).toBe(200);
    expect((await demoteSelf()).status).toBe(409);
    const self = await t.api(`/users/${admin.id}/disable`, { method: 'POST' });
    expect(self.status).toBe(409);
    expect((await readJson(self)).error.message).toMatch(/your own account/);
    expect((await readJson(await t.api('/auth/me'))).user.role).toBe('admin');
  });

  it('resets a password: the old one and the open sessions stop working, the new one signs in', async () => {
    const user = await invite('dispatcher');
    const { token } = await readJson(await login(user.email, user.temporaryPassword));
    const res = await t.api(`/users/${user.id}/reset-password`, { method: 'POST' });
    expect(res.status).toBe(200);
    const reset = await readJson(res);
    expect(reset.temporaryPassword).not.toBe(user.temporaryPassword);
    expect(reset.revokedSessions).toBe(1);
    expect((await me(token)).status).toBe(401);
    expect((await login(user.email, user.temporaryPassword)).status).toBe(401);
    expect((await login(user.email, reset.temporaryPassword)).status).toBe(200);
    const audit = await auditOf(user.id);
    expect(audit.at(-1)).toMatchObject({ action: 'reset_password', user_id: t.org.users.admin.id });
    expect(JSON.stringify(audit)).not.toContain(reset.temporaryPassword);
  });

  it('changes a role, audited with before and after, and the new role applies to the open session', async () => {
    const user = await invite('dispatcher');
    const { token } = await readJson(await login(user.email, user.temporaryPassword));
    const res = await t.api(`/users/${user.id}`, { method: 'PATCH', body: JSON.stringify({ role: 'admin' }) });
    expect(res.status).toBe(200);
    expect((await readJson(res)).role).toBe('admin');
    expect((await readJson(await me(token))).user.role).toBe('admin');
    expect((await auditOf(user.id)).at(-1)).toMatchObject({
      action: 'update',
      user_id: t.org.users.admin.id,
      details: { changed: { role: { from: 'dispatcher', to: 'admin' } } },
    });
  });

  it('names the bad field: an unknown role, a taken email, a missing password length', async () => {
    const bad = await t.api(`/users/${t.org.users.dispatcher.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ role: 'boss' }),
    });
    expect(bad.status).toBe(400);
    expect((await readJson(bad)).error.details[0].field).toBe('role');
    const taken = await t.api('/users', {
      method: 'POST',
      body: JSON.stringify({ email: t.org.users.dispatcher.email, role: 'dispatcher' }),
    });
    expect(taken.status).toBe(409);
    expect((await readJson(taken)).error.details[0].field).toBe('email');
  });

  it('lets only admins manage users', async () => {
    const res = await t.api(`/users/${t.org.users.driver.id}/disable`, { method: 'POST', as: 'dispatcher' });
    expect(res.status).toBe(403);
    const other = await t.api('/users/00000000-0000-4000-8000-000000000000/disable', { method: 'POST' });
    expect(other.status).toBe(404);
  });
});
