import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestApp, type TestApp } from '../../test/harness.ts';
import { totpCode } from './totp.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const post = (path: string, body: unknown, token?: string) =>
  fetch(`${t.baseUrl}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

const PASSWORD = 'plum lantern orbit 42';

/** A new staff user with a known password, signed in (no two-factor yet). */
async function newUser(role: 'admin' | 'dispatcher' | 'viewer') {
  const email = `${role}-${Math.random().toString(36).slice(2)}@test.local`;
  const res = await t.api('/users', {
    method: 'POST',
    body: JSON.stringify({ email, role, name: role, password: PASSWORD }),
  });
  expect(res.status).toBe(201);
  const { token } = await readJson(await post('/auth/login', { email, password: PASSWORD }));
  return { email, token: token as string, id: (await readJson(res)).id as string };
}

/** Enrols and confirms two-factor; the app's first code is of the previous step, so "now" stays usable. */
async function enrol(token: string) {
  const enrolled = await readJson(await post('/auth/totp/enroll', {}, token));
  expect(enrolled.otpauthUri).toMatch(/^otpauth:\/\/totp\/.+secret=/);
  const verified = await post('/auth/totp/verify', { code: totpCode(enrolled.secret, Date.now() - 30_000) }, token);
  expect(verified.status).toBe(200);
  const { recoveryCodes } = await readJson(verified);
  return { secret: enrolled.secret as string, recoveryCodes: recoveryCodes as string[] };
}

async function challengeFor(email: string) {
  const res = await post('/auth/login', { email, password: PASSWORD });
  expect(res.status).toBe(200);
  const body = await readJson(res);
  expect(body).toEqual({ mfaRequired: true, challenge: expect.any(String) });
  expect(res.headers.get('set-cookie')).toBeNull();
  return body.challenge as string;
}

describe('two-factor sign-in', () => {
  it('asks for the code after the password, accepts it once, refuses a replay and an out-of-window code', async () => {
    const u = await newUser('dispatcher');
    const { secret, recoveryCodes } = await enrol(u.token);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    // Only hashes are stored.
    const stored = await t.db.query<{ code_hash: string }>('SELECT code_hash FROM recovery_codes WHERE user_id = $1', [
      u.id,
    ]);
    expect(stored.rows).toHaveLength(10);
    expect(stored.rows.map((r) => r.code_hash)).not.toContain(recoveryCodes[0]);

    const code = totpCode(secret);
    const ok = await post('/auth/totp', { challenge: await challengeFor(u.email), code });
    expect(ok.status).toBe(200);
    const session = await readJson(ok);
    expect(session.token).toEqual(expect.any(String));
    expect(ok.headers.get('set-cookie')).toContain('tournee_session=');
    const me = await fetch(`${t.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${session.token}` } });
    expect(me.status).toBe(200);

    // The same code again, with a fresh password step: a replay within its window.
    const replay = await post('/auth/totp', { challenge: await challengeFor(u.email), code });
    expect(replay.status).toBe(401);
    expect((await readJson(replay)).error.message).toMatch(/already used|Wrong two-factor code/);

    const stale = await post('/auth/totp', {
      challenge: await challengeFor(u.email),
      code: totpCode(secret, Date.now() - 5 * 60_000),
    });
    expect(stale.status).toBe(401);

    // A used challenge cannot be answered again, even with a good code.
    const challenge = await challengeFor(u.email);
    expect((await post('/auth/totp', { challenge, code: recoveryCodes[0] })).status).toBe(200);
    expect((await post('/auth/totp', { challenge, code: totpCode(secret, Date.now() + 30_000) })).status).toBe(401);
    // A recovery code works once.
    expect((await post('/auth/totp', { challenge: await challengeFor(u.email), code: recoveryCodes[0] })).status).toBe(
      401,
    );
    expect((await post('/auth/totp', { challenge: await challengeFor(u.email), code: recoveryCodes[1] })).status).toBe(
      200,
    );

    const actions = (
      await t.db.query<{ action: string }>(
        "SELECT action FROM events WHERE entity_id = $1 AND action LIKE 'auth.%' ORDER BY id",
        [u.id],
      )
    ).rows.map((r) => r.action);
    expect(actions).toContain('auth.totp_enabled');
    expect(actions).toContain('auth.totp_failed');
    expect(actions).toContain('auth.recovery_code_used');
    expect(actions.filter((a) => a === 'auth.sign_in').length).toBeGreaterThanOrEqual(3);
  });

  it('locks a challenge after five wrong codes', async () => {
    const u = await newUser('dispatcher');
    const { secret } = await enrol(u.token);
    const challenge = await challengeFor(u.email);
    for (let i = 0; i < 5; i++) expect((await post('/auth/totp', { challenge, code: '000000' })).status).toBe(401);
    expect((await post('/auth/totp', { challenge, code: totpCode(secret) })).status).toBe(401);
  });

  it('mandatory for a role: a dispatcher without it can only enrol; with it, works again', async () => {
    const u = await newUser('dispatcher');
    const set = await t.api('/security/settings', {
      method: 'PATCH',
      body: JSON.stringify({ security: { mfaRequiredRoles: ['dispatcher'] } }),
    });
    expect(set.status).toBe(200);
    try {
      const auth = { authorization: `Bearer ${u.token}` };
      for (const path of ['/orders', '/vehicles', '/drivers', '/audit', '/auth/sessions']) {
        const res = await fetch(`${t.baseUrl}/api${path}`, { headers: auth });
        expect(res.status, path).toBe(403);
        expect((await readJson(res)).error.message).toMatch(/requires two-factor sign-in/);
      }
      expect((await post('/vehicles', { name: 'x' }, u.token)).status).toBe(403);
      // Nor the live socket.
      const refused = await new Promise<string>((resolve) => {
        const s = connect(`${t.baseUrl}/dispatch`, {
          auth: { token: u.token },
          transports: ['websocket'],
          forceNew: true,
        });
        s.once('connect', () => {
          s.disconnect();
          resolve('connected');
        });
        s.once('connect_error', (err) => {
          s.disconnect();
          resolve(err.message);
        });
      });
      expect(refused).toMatch(/two-factor/);
      expect((await fetch(`${t.baseUrl}/api/auth/me`, { headers: auth })).status).toBe(200);
      expect((await fetch(`${t.baseUrl}/api/auth/totp`, { headers: auth })).status).toBe(200);
      await enrol(u.token);
      expect((await fetch(`${t.baseUrl}/api/orders`, { headers: auth })).status).toBe(200);
      // Required: it cannot be turned off.
      expect((await post('/auth/totp/disable', { code: '123456' }, u.token)).status).toBe(403);
      // The admin's role is not required: unaffected.
      expect((await t.api('/orders')).status).toBe(200);
    } finally {
      await t.api('/security/settings', {
        method: 'PATCH',
        body: JSON.stringify({ security: { mfaRequiredRoles: [] } }),
      });
    }
  });
});
