import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestApp, type TestApp } from '../../test/harness.ts';
import { scopeFor } from './scopes.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ API_KEY_RATE_PER_MINUTE: '1000' });
});
afterAll(() => t.close());

const createKey = async (scopes: string[], name = 'ERP') => {
  const res = await t.api('/api-keys', { method: 'POST', body: JSON.stringify({ name, scopes }) });
  expect(res.status).toBe(201);
  return (await readJson(res)) as { id: string; key: string; prefix: string };
};

const withKey = (key: string, path: string, init: RequestInit = {}) =>
  fetch(`${t.baseUrl}/api${path}`, {
    ...init,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers },
  });

const order = (ref: string, name: string) => ({
  ref,
  name,
  address: '1 place Bellecour, Lyon',
  lat: 45.7578,
  lon: 4.832,
  date: '2026-06-02',
});

describe('API keys', () => {
  it('shows the key once, stores only its hash, and lists it with its prefix', async () => {
    const created = await createKey(['orders:read']);
    expect(created.key).toMatch(/^tk_live_[\w-]{32}$/);
    expect(created.prefix).toBe(`${created.key.slice(0, 12)}…`);
    const stored = await t.db.query<{ key_hash: string }>('SELECT key_hash FROM api_keys WHERE id = $1', [created.id]);
    expect(stored.rows[0]!.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.rows[0]!.key_hash).not.toContain(created.key.slice(8));
    const list = await readJson(await t.api('/api-keys'));
    const listed = list.items.find((k: { id: string }) => k.id === created.id);
    expect(listed).toMatchObject({ name: 'ERP', scopes: ['orders:read'], revokedAt: null });
    expect(listed.key).toBeUndefined();
    const audit = await t.db.query('SELECT 1 FROM events WHERE action = $1 AND entity_id = $2', [
      'api_key.create',
      created.id,
    ]);
    expect(audit.rows).toHaveLength(1);
  });

  it('refuses a write without orders:write with a 403 naming the scope', async () => {
    const { key } = await createKey(['orders:read']);
    const res = await withKey(key, '/orders', {
      method: 'POST',
      body: JSON.stringify({ orders: [order('K-1', 'Refused')] }),
    });
    expect(res.status).toBe(403);
    expect((await readJson(res)).error.message).toContain('orders:write');
    expect((await t.db.query("SELECT 1 FROM orders WHERE ref = 'K-1'")).rows).toHaveLength(0);
    // Reading is within its scope.
    expect((await withKey(key, '/orders?limit=5')).status).toBe(200);
  });

  it('upserts orders idempotently by ref with orders:write, and records when the key was last used', async () => {
    const { id, key } = await createKey(['orders:write', 'orders:read']);
    const post = async (orders: unknown[]) => {
      const res = await withKey(key, '/orders', { method: 'POST', body: JSON.stringify({ orders }) });
      expect(res.status).toBe(200);
      return (await readJson(res)).results.map((r: { status: string }) => r.status);
    };
    expect(await post([order('K-2', 'Mme Roux'), order('K-3', 'M. Blanc')])).toEqual(['created', 'created']);
    expect(await post([order('K-2', 'Mme Roux'), order('K-3', 'M. Blanc')])).toEqual(['unchanged', 'unchanged']);
    expect(await post([order('K-2', 'Mme Roux-Martin')])).toEqual(['updated']);
    const rows = await t.db.query<{ name: string }>(
      "SELECT name FROM orders WHERE org_id = $1 AND ref IN ('K-2', 'K-3') ORDER BY ref",
      [t.org.id],
    );
    expect(rows.rows.map((r) => r.name)).toEqual(['Mme Roux-Martin', 'M. Blanc']);
    await expect
      .poll(async () => (await t.db.query('SELECT last_used_at FROM api_keys WHERE id = $1', [id])).rows[0])
      .toMatchObject({ last_used_at: expect.any(Date) });
  });

  it('refuses routes no scope covers, unknown keys and revoked keys', async () => {
    const { id, key } = await createKey([
      'orders:read',
      'orders:write',
      'tracking:read',
      'webhooks:manage',
      'plans:write',
    ]);
    const users = await withKey(key, '/users');
    expect(users.status).toBe(403);
    expect((await readJson(users)).error.message).toContain('API keys cannot call GET /api/users');
    expect((await withKey(key, '/api-keys')).status).toBe(403);
    expect((await withKey('tk_live_not-a-key-at-all', '/orders')).status).toBe(401);
    expect((await t.api(`/api-keys/${id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await withKey(key, '/orders')).status).toBe(401);
  });

  it('lets only admins manage keys', async () => {
    const res = await t.api('/api-keys', { as: 'dispatcher' });
    expect(res.status).toBe(403);
  });

  it('pages the orders changed since a time, oldest change first, with a cursor', async () => {
    const { key } = await createKey(['orders:read', 'orders:write'], 'poller');
    const since = new Date(Date.now() - 1000).toISOString();
    const orders = Array.from({ length: 5 }, (_, i) => order(`FEED-${i}`, `Feed ${i}`));
    const post = await withKey(key, '/orders', { method: 'POST', body: JSON.stringify({ orders }) });
    expect(post.status).toBe(200);
    const read = async (cursor?: string) =>
      readJson(
        await withKey(
          key,
          `/orders?updatedSince=${encodeURIComponent(since)}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        ),
      );
    // Fresh changes are held back a moment (a transaction still running could commit older ones).
    await expect.poll(async () => (await read()).items.length, { timeout: 10_000 }).toBe(3);
    // Page after page until the feed is dry: every order once, in the order of their changes.
    const seen: { ref: string; updatedAt: string }[] = [];
    let page = await read();
    expect(page.hasMore).toBe(true);
    for (let n = 0; page.items.length > 0 && n < 10; n++) {
      seen.push(...page.items);
      const next = await read(page.cursor);
      if (next.items.length === 0) expect(next.cursor).toBe(page.cursor);
      page = next;
    }
    const refs = seen.map((o) => o.ref).filter((r) => r.startsWith('FEED-'));
    expect(refs.sort()).toEqual(['FEED-0', 'FEED-1', 'FEED-2', 'FEED-3', 'FEED-4']);
    expect(new Set(seen.map((o) => o.ref)).size).toBe(seen.length);
    const times = seen.map((o) => o.updatedAt);
    expect([...times].sort()).toEqual(times);
    const bad = await withKey(key, '/orders?updatedSince=yesterday');
    expect(bad.status).toBe(400);
    expect((await readJson(bad)).error.message).toContain('updatedSince');
  });
});

describe('scopeFor', () => {
  it('maps each route to the scope a key needs, and nothing to routes keys may not call', () => {
    expect(scopeFor('GET', '/orders/123')).toBe('orders:read');
    expect(scopeFor('POST', '/orders')).toBe('orders:write');
    expect(scopeFor('DELETE', '/webhooks/1')).toBe('webhooks:manage');
    expect(scopeFor('POST', '/plans')).toBe('plans:write');
    expect(scopeFor('GET', '/tracking/latest')).toBe('tracking:read');
    expect(scopeFor('GET', '/ordersx')).toBeNull();
    expect(scopeFor('POST', '/users')).toBeNull();
  });
});

describe('per-key rate limit', () => {
  it('shares one budget per key between two server instances over the same Redis', async () => {
    const env = { API_KEY_RATE_PER_MINUTE: '3', REDIS_URL: process.env.REDIS_URL_TEST ?? 'redis://127.0.0.1:6379' };
    const [one, two] = [await startTestApp(env), await startTestApp(env)];
    try {
      await Promise.all([one.app.rateLimits.ready(), two.app.rateLimits.ready()]);
      expect(one.app.rateLimits.store).toBe('redis');
      const res = await one.api('/api-keys', {
        method: 'POST',
        body: JSON.stringify({ name: 'x', scopes: ['orders:read'] }),
      });
      const { key } = await readJson(res);
      const call = (s: TestApp) =>
        fetch(`${s.baseUrl}/api/orders?limit=1`, { headers: { authorization: `Bearer ${key}` } });
      // Three requests spread over both instances use the key's minute; the fourth, on either, waits.
      expect([(await call(one)).status, (await call(two)).status, (await call(one)).status]).toEqual([200, 200, 200]);
      const fourth = await call(two);
      expect(fourth.status).toBe(429);
      expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(fourth.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      expect((await call(one)).status).toBe(429);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('answers 429 with Retry-After over HTTP', async () => {
    const small = await startTestApp({ API_KEY_RATE_PER_MINUTE: '2' });
    try {
      const res = await small.api('/api-keys', {
        method: 'POST',
        body: JSON.stringify({ name: 'x', scopes: ['orders:read'] }),
      });
      const { key } = await readJson(res);
      const call = () => fetch(`${small.baseUrl}/api/orders?limit=1`, { headers: { authorization: `Bearer ${key}` } });
      expect((await call()).status).toBe(200);
      expect((await call()).status).toBe(200);
      const third = await call();
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await small.close();
    }
  });
});
