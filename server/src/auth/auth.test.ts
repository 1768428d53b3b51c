import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestApp, TEST_PASSWORD, type TestApp } from '../../test/harness.ts';

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

describe('auth', () => {
  it('answers health without a session', async () => {
    const res = await fetch(`${t.baseUrl}/api/health`);
    expect(res.status).toBe(200);
    expect(await readJson(res)).toMatchObject({ status: 'ok' });
  });

  it('refuses an API call without a token with 401', async () => {
    const res = await t.api('/auth/me', { as: null });
    expect(res.status).toBe(401);
    expect((await readJson(res)).error.code).toBe('unauthorized');
  });

  it('signs in with the right password and gives a token and an HttpOnly cookie', async () => {
    const res = await login(t.org.users.dispatcher.email, TEST_PASSWORD);
    expect(res.status).toBe(200);
    const body = await readJson(res);
    expect(body.user).toMatchObject({ role: 'dispatcher', orgId: t.org.id });
    expect(body.user.passwordHash).toBeUndefined();
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/tournee_session=/);
    expect(cookie).toMatch(/HttpOnly/i);

    const byBearer = await fetch(`${t.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${body.token}` } });
    expect((await readJson(byBearer)).user.email).toBe(t.org.users.dispatcher.email);
    const byCookie = await fetch(`${t.baseUrl}/api/auth/me`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(byCookie.status).toBe(200);
  });

  it('answers a bad password with 401 and the sixth failure in a minute with 429', async () => {
    const email = t.org.users.admin.email;
    for (let i = 1; i <= 5; i++) {
      const res = await login(email, 'wrong password');
      expect(res.status, `attempt ${i}`).toBe(401);
    }
    const sixth = await login(email, 'wrong password');
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('retry-after')).toBe('60');
    // Even the right password waits out the minute from the address that failed.
    expect((await login(email, TEST_PASSWORD)).status).toBe(429);
  });

  it('evaluates no more than the limit of many parallel wrong passwords', async () => {
    const email = `nobody-${t.org.id}@test.local`;
    const statuses = await Promise.all(Array.from({ length: 60 }, () => login(email, 'wrong').then((r) => r.status)));
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(t.config.LOGIN_MAX_FAILURES_PER_MINUTE);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
  });

  it('forbids a driver from admin-only routes with 403', async () => {
    const res = await t.api('/users', { as: 'driver' });
    expect(res.status).toBe(403);
  });

  it('logs out: the token stops working', async () => {
    const res = await login(t.org.users.driver.email, TEST_PASSWORD);
    const { token } = await readJson(res);
    const headers = { authorization: `Bearer ${token}` };
    expect((await fetch(`${t.baseUrl}/api/auth/logout`, { method: 'POST', headers })).status).toBe(204);
    expect((await fetch(`${t.baseUrl}/api/auth/me`, { headers })).status).toBe(401);
  });

  it('records the creation of a user in the audit trail', async () => {
    const res = await t.api('/users', {
      method: 'POST',
      body: JSON.stringify({ email: `new-${t.org.id}@test.local`, role: 'dispatcher', password: 'long enough pw' }),
    });
    expect(res.status).toBe(201);
    const user = await readJson(res);
    const ev = await t.db.query('SELECT * FROM events WHERE entity = $1 AND entity_id = $2', ['user', user.id]);
    expect(ev.rows).toHaveLength(1);
    expect(ev.rows[0]).toMatchObject({ action: 'create', user_id: t.org.users.admin.id });
  });
});
