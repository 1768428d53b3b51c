import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestApp, type TestApp } from '../../test/harness.ts';
import { loadConfig } from '../config.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const PASSWORD = 'plum lantern orbit 42';
const call = (method: string, path: string, token?: string, body?: unknown, userAgent?: string) =>
  fetch(`${t.baseUrl}/api${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(userAgent ? { 'user-agent': userAgent } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function newUser(role: 'admin' | 'dispatcher' | 'viewer') {
  const email = `${role}-${Math.random().toString(36).slice(2)}@test.local`;
  const res = await t.api('/users', {
    method: 'POST',
    body: JSON.stringify({ email, role, name: role, password: PASSWORD }),
  });
  expect(res.status).toBe(201);
  return { email, id: (await readJson(res)).id as string };
}
const signIn = async (email: string, userAgent = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0') =>
  (await readJson(await call('POST', '/auth/login', undefined, { email, password: PASSWORD }, userAgent)))
    .token as string;

const dispatchSocket = (token: string): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const s = connect(`${t.baseUrl}/dispatch`, { auth: { token }, transports: ['websocket'], forceNew: true });
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });

describe('sessions', () => {
  it('lists one’s sessions with device, address, created and last seen; an admin sees everyone’s', async () => {
    const u = await newUser('dispatcher');
    const laptop = await signIn(u.email, 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0');
    await signIn(u.email, 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1');
    const res = await call('GET', '/auth/sessions', laptop);
    expect(res.status).toBe(200);
    const { items } = await readJson(res);
    expect(items).toHaveLength(2);
    expect(items.every((s: { userId: string }) => s.userId === u.id)).toBe(true);
    expect(items.map((s: { device: string }) => s.device).sort()).toEqual([
      expect.stringContaining('Firefox'),
      expect.stringContaining('iPhone'),
    ]);
    const current = items.find((s: { current: boolean }) => s.current);
    expect(current.device).toContain('Firefox');
    expect(current.address).toMatch(/127\.0\.0\.1/);
    expect(Date.parse(current.createdAt)).not.toBeNaN();
    expect(Date.parse(current.lastSeenAt)).not.toBeNaN();
    const all = (await readJson(await t.api('/auth/sessions'))).items as { userId: string }[];
    expect(all.some((s) => s.userId === u.id)).toBe(true);
    expect(all.some((s) => s.userId === t.org.users.dispatcher.id)).toBe(true);
  });

  it('revoking a session ends its token and disconnects its socket at once; others cannot revoke it', async () => {
    const u = await newUser('dispatcher');
    const other = await newUser('dispatcher');
    const kept = await signIn(u.email);
    const doomed = await signIn(u.email, 'Mozilla/5.0 (Windows NT 10.0) Chrome/140.0');
    const socket = await dispatchSocket(doomed);
    try {
      const { items } = await readJson(await call('GET', '/auth/sessions', kept));
      const target = items.find((s: { current: boolean }) => !s.current);
      // Another dispatcher cannot end it (it is not theirs): 404, and it stays.
      expect((await call('DELETE', `/auth/sessions/${target.id}`, await signIn(other.email))).status).toBe(404);
      expect((await call('GET', '/auth/me', doomed)).status).toBe(200);
      expect((await call('DELETE', `/auth/sessions/${target.id}`, kept)).status).toBe(204);
      expect((await call('GET', '/auth/me', doomed)).status).toBe(401);
      await expect.poll(() => socket.connected, { timeout: 15_000 }).toBe(false);
      expect((await call('GET', '/auth/me', kept)).status).toBe(200);
      const audit = await t.db.query<{ action: string }>(
        "SELECT action FROM events WHERE entity_id = $1 AND action = 'auth.session_revoked'",
        [u.id],
      );
      expect(audit.rows).toHaveLength(1);
    } finally {
      socket.disconnect();
    }
  });

  it('"sign out everywhere else" keeps this session; an admin ends all of a user’s', async () => {
    const u = await newUser('dispatcher');
    const here = await signIn(u.email);
    const a = await signIn(u.email);
    const b = await signIn(u.email);
    const res = await call('DELETE', '/auth/sessions', here);
    expect(await readJson(res)).toEqual({ revokedSessions: 2 });
    for (const tok of [a, b]) expect((await call('GET', '/auth/me', tok)).status).toBe(401);
    expect((await call('GET', '/auth/me', here)).status).toBe(200);
    const byAdmin = await t.api(`/auth/sessions?userId=${u.id}`, { method: 'DELETE' });
    expect(await readJson(byAdmin)).toEqual({ revokedSessions: 1 });
    expect((await call('GET', '/auth/me', here)).status).toBe(401);
  });
});

describe('audit of sign-ins and roles', () => {
  it('records sign-in, failed sign-in, sign-out and a role change', async () => {
    const u = await newUser('dispatcher');
    expect(
      (await call('POST', '/auth/login', undefined, { email: u.email, password: 'wrong wrong wrong' })).status,
    ).toBe(401);
    const token = await signIn(u.email);
    expect((await call('POST', '/auth/logout', token)).status).toBe(204);
    expect((await t.api(`/users/${u.id}`, { method: 'PATCH', body: JSON.stringify({ role: 'viewer' }) })).status).toBe(
      200,
    );
    const { rows } = await t.db.query<{ action: string; details: Record<string, unknown> }>(
      'SELECT action, details FROM events WHERE entity_id = $1 ORDER BY id',
      [u.id],
    );
    const actions = rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.sign_in_failed', 'auth.sign_in', 'auth.sign_out', 'update']));
    expect(rows.find((r) => r.action === 'update')?.details.changed).toEqual({
      role: { from: 'dispatcher', to: 'viewer' },
    });
  });
});

interface RouteInfo {
  method: string;
  path: string;
}

/** Every route the Express app answers, from its router stacks. */
function routesOf(app: unknown): RouteInfo[] {
  const out: RouteInfo[] = [];
  // biome-ignore lint/suspicious/noExplicitAny: Express's layers are not typed
  const walk = (stack: any[], prefix: string) => {
    for (const layer of stack) {
      const here = layer.rawPath && layer.rawPath !== '/' ? prefix + layer.rawPath : prefix;
      if (layer.route) {
        for (const m of Object.keys(layer.route.methods)) {
          if (layer.route.methods[m]) out.push({ method: m.toUpperCase(), path: here });
        }
      } else if (layer.handle?.stack) walk(layer.handle.stack, here);
    }
  };
  // biome-ignore lint/suspicious/noExplicitAny: see above
  walk((app as any).router.stack, '');
  return out;
}

describe('the viewer role', () => {
  it('reads what a dispatcher reads, and no route that writes accepts it', async () => {
    const v = await newUser('viewer');
    const token = await signIn(v.email);
    for (const path of ['/orders', '/vehicles', '/drivers', '/depots', '/auth/me', '/auth/sessions']) {
      expect((await call('GET', path, token)).status, path).toBe(200);
    }
    // Admin-only reading stays admin-only.
    expect((await call('GET', '/audit', token)).status).toBe(403);
    // The dispatcher's live socket is open to it (it only reads).
    const socket = await dispatchSocket(token);
    socket.disconnect();

    const selfService = /^\/api\/auth\/(logout|totp|sessions|password)/;
    const mutating = routesOf(t.app.app).filter(
      (r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method) && r.path.startsWith('/api/') && !selfService.test(r.path),
    );
    expect(mutating.length).toBeGreaterThan(60);
    const id = '00000000-0000-4000-8000-000000000000';
    const refused: string[] = [];
    const accepted: string[] = [];
    for (const r of mutating) {
      const path = r.path
        .replace(/^\/api/, '')
        .replace(/:\w+/g, id)
        .replace(/\*\w*/g, 'x');
      const asViewer = await call(r.method, path, token, {});
      if (asViewer.status === 403) {
        refused.push(`${r.method} ${r.path}`);
        continue;
      }
      // Public endpoints (sign-in, shop webhooks, driver sign-in…) answer a viewer as anyone.
      const anonymous = await call(r.method, path, undefined, {});
      if (anonymous.status === 401 || anonymous.status === 403 || asViewer.status < 300) {
        accepted.push(`${r.method} ${r.path} → ${asViewer.status} (anonymous ${anonymous.status})`);
      }
    }
    expect(accepted).toEqual([]);
    expect(refused.length).toBeGreaterThan(60);
    // The self-service routes the viewer keeps: sign out, and the other listed ones.
    expect((await call('POST', '/auth/logout', token)).status).toBe(204);
  });
});

describe('passwords', () => {
  it('refuses a short or guessable password with the reason', async () => {
    const weak = async (password: string) => {
      const res = await t.api('/users', {
        method: 'POST',
        body: JSON.stringify({ email: `weak-${Math.random()}@test.local`, role: 'dispatcher', password }),
      });
      expect(res.status).toBe(400);
      return (await readJson(res)).error.message as string;
    };
    expect(await weak('short')).toMatch(/at least 12 characters/);
    expect(await weak('Password1234')).toMatch(/too easy to guess.*commonly used password/);
    expect(await weak('aaaaaaaaaaaaaaaa')).toMatch(/too easy to guess.*repeated/);
  });

  it('changes one’s password: the current one is checked, the new one judged, other sessions end', async () => {
    const u = await newUser('dispatcher');
    const here = await signIn(u.email);
    const elsewhere = await signIn(u.email);
    const weak = await call('POST', '/auth/password', here, { currentPassword: PASSWORD, newPassword: 'qwertyuiop12' });
    expect(weak.status).toBe(400);
    expect((await readJson(weak)).error.message).toMatch(/newPassword: it is too easy to guess/);
    const wrong = await call('POST', '/auth/password', here, {
      currentPassword: 'nope',
      newPassword: 'velvet tundra echo 93',
    });
    expect(wrong.status).toBe(400);
    const ok = await call('POST', '/auth/password', here, {
      currentPassword: PASSWORD,
      newPassword: 'velvet tundra echo 93',
    });
    expect(ok.status).toBe(204);
    expect((await call('GET', '/auth/me', elsewhere)).status).toBe(401);
    expect((await call('GET', '/auth/me', here)).status).toBe(200);
    expect(
      (await call('POST', '/auth/login', undefined, { email: u.email, password: 'velvet tundra echo 93' })).status,
    ).toBe(200);
  });

  it('refuses a weak ADMIN_PASSWORD at start, saying why', () => {
    expect(() => loadConfig({ ADMIN_PASSWORD: 'admin1234' })).toThrow(
      /ADMIN_PASSWORD: too weak: it must be at least 12/,
    );
    expect(() => loadConfig({ ADMIN_PASSWORD: 'password1234' })).toThrow(
      /ADMIN_PASSWORD: too weak: it is too easy to guess/,
    );
    expect(loadConfig({ ADMIN_PASSWORD: 'e2e-password-security' }).ADMIN_PASSWORD).toBe('e2e-password-security');
  });
});
