import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';

/** POST /api/driver/session with a wrong code from the loopback address `from`; the status. */
function tryCode(baseUrl: string, from: string): Promise<number> {
  const body = JSON.stringify({ code: 'ZZZZ-ZZZZ' });
  return new Promise((resolve, reject) => {
    const req = request(
      new URL('/api/driver/session', baseUrl),
      {
        method: 'POST',
        localAddress: from,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('driver code sign-in limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DRIVER_CODE_MAX_FAILURES_PER_MINUTE: '10' });
  });
  afterAll(() => t.close());

  // An address of its own (127.0.0.x all reach the loopback server), so no other test is limited.
  it('checks at most 10 codes a minute from one address, however many arrive at once', async () => {
    const statuses = await Promise.all(Array.from({ length: 150 }, () => tryCode(t.baseUrl, '127.0.0.23')));
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(140);
    // Another address still gets its own budget.
    expect(await tryCode(t.baseUrl, '127.0.0.24')).toBe(401);
  });
});
