/**
 * Every API route with an id in its path answers a malformed id with 400 naming the parameter
 * (not 404, not 500): the routes are walked from the app's own router, so a new one is covered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestApp, type TestApp } from '../../test/harness.ts';
import { seedDriverDay } from '../../test/support/seeded-driver-day.ts';

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** [method, path] of every route under `stack`, nested routers included (all mounted at /api). */
function walk(stack: Layer[]): [string, string][] {
  return stack.flatMap((l): [string, string][] => {
    if (l.route) {
      const paths = Array.isArray(l.route.path) ? l.route.path : [l.route.path];
      const methods = Object.keys(l.route.methods).filter((m) => m !== '_all');
      return paths.flatMap((p) => methods.map((m): [string, string] => [m.toUpperCase(), p]));
    }
    return l.handle?.stack ? walk(l.handle.stack) : [];
  });
}

describe('id path parameters', () => {
  let t: TestApp;
  /** A driver's access token, for the phone's `/driver/…` routes. */
  let driverToken: string;
  beforeAll(async () => {
    t = await startTestApp();
    const day = await seedDriverDay(t.db, t.org.id);
    driverToken = (await readJson(await t.api(`/drivers/${day.driverId}/access`, { method: 'POST', body: '{}' })))
      .token;
  });
  afterAll(() => t.close());

  it('answers a malformed id with 400 naming the parameter, on every route that takes one', async () => {
    const router = (t.app.app as unknown as { router: { stack: Layer[] } }).router;
    const routes = walk(router.stack).filter(([, p]) => /:\w*(?:id|Id)\b/.test(p));
    expect(routes.length).toBeGreaterThan(30);
    const wrong: string[] = [];
    for (const [method, path] of routes) {
      const param = /:(\w*(?:id|Id))\b/.exec(path)![1]!;
      // Every id in the path is malformed; any other parameter gets a plausible value.
      const url = path.replace(/:(\w+)/g, (_, name: string) => (/(?:id|Id)$/.test(name) ? 'not-an-id' : 'x'));
      const phone = path.startsWith('/driver/');
      const res = await t.api(url, {
        method,
        as: phone ? null : 'admin',
        headers: { 'content-type': 'application/json', ...(phone ? { authorization: `Bearer ${driverToken}` } : {}) },
        body: method === 'GET' || method === 'HEAD' ? undefined : '{}',
      });
      const body = res.headers.get('content-type')?.includes('json') ? await readJson(res) : await res.text();
      const message = typeof body === 'object' ? String(body?.error?.message ?? '') : '';
      if (res.status !== 400 || !message.includes(param)) {
        wrong.push(`${method} ${path}: ${res.status} ${message || String(body).replace(/\s+/g, ' ').slice(0, 400)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
