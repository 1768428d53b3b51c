import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';

// Issue 11, item 6 (the generic part): bad input answers 400 naming the field, never 500 —
// a malformed session cookie, NUL bytes in parameters and bodies, impossible dates, and JSON
// bodies that are malformed or nested absurdly deep.

const ADMIN = { email: 'input@example.com', password: 'fault-password-3' };

describe('bad input answers 4xx naming the field', () => {
  let server: ServerProcess;
  let admin: ApiClient;
  beforeAll(async () => {
    ({ server } = await startOnFreshDatabase('tournee_fault_http_input', ADMIN, { LOG_LEVEL: 'warn' }));
    admin = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
  });
  afterAll(() => server?.stop());

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server.baseUrl}${path}`, { headers: { authorization: `Bearer ${admin.token}`, ...headers } });
  const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

  it('treats a malformed session cookie as no session', async () => {
    const cookie = { cookie: 'tournee_session=%E0' };
    expect((await fetch(`${server.baseUrl}/api/health`, { headers: cookie })).status).toBe(200);
    expect((await fetch(`${server.baseUrl}/api/client-config`, { headers: cookie })).status).toBe(200);
    const me = await fetch(`${server.baseUrl}/api/auth/me`, { headers: cookie });
    expect(me.status).toBe(401);
    expect((await errorOf(me)).code).toBe('unauthorized');
    expect((await fetch(`${server.baseUrl}/api/orders`, { headers: cookie })).status).toBe(401);
    // A bearer token still works beside a broken cookie.
    expect((await get('/api/auth/me', cookie)).status).toBe(200);
  });

  it('refuses a NUL byte in a query parameter, naming it', async () => {
    const res = await get('/api/orders?q=abc%00def');
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('bad_request');
    expect(error.message).toMatch(/\bq\b.*NUL/);
  });

  it('refuses a NUL byte in a JSON body string, naming the field', async () => {
    const res = await fetch(`${server.baseUrl}/api/depots`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Depot\u0000North',
        address: 'x',
        location: { type: 'Point', coordinates: [2, 48] },
      }),
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/\bname\b.*NUL/);
  });

  it.each([
    ['/api/orders?to=2026-13-45', 'to'],
    ['/api/orders?from=2026-02-30', 'from'],
    ['/api/tracking/latest?date=2026-99-99', 'date'],
    ['/api/routes?date=2026-04-31', 'date'],
    ['/api/planning/calendar?from=2026-01-01&to=2026-00-10', 'to'],
    ['/api/route-sheets?date=2026-13-01', 'date'],
    ['/api/shifts?from=2026-02-29', 'from'],
  ])('refuses the impossible date in %s, naming %s', async (path, field) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('bad_request');
    expect(error.message).toMatch(new RegExp(`\\b${field}\\b.*date`));
  });

  it('refuses malformed JSON, naming the body', async () => {
    const res = await fetch(`${server.baseUrl}/api/depots`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: '{"name": "unterminated',
    });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('bad_request');
    expect(error.message).toMatch(/body/i);
  });

  it('refuses JSON nested 200,000 deep, naming the body, and keeps serving', async () => {
    for (const path of ['/api/depots', '/api/dispatch/edits', '/api/auth/login']) {
      const res = await fetch(`${server.baseUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
        body: `{"a":${'['.repeat(200_000)}${']'.repeat(200_000)}}`,
      });
      expect(res.status, path).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe('bad_request');
      expect(error.message).toMatch(/body.*deep/i);
    }
    expect((await get('/api/health')).status).toBe(200);
  });
});
