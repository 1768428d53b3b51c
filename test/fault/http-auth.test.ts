import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../lib/e2e-db.ts';
import { type ServerProcess, startServerProcess } from '../lib/server-process.ts';

// Issue 11, items 3 and 11: the sign-in limit holds under concurrency, an attacker cannot lock
// the admin out, and X-Forwarded-For is believed only from the proxies TRUST_PROXY names.
// Requests come from two real loopback addresses (127.0.0.1 and 127.0.0.2), so "another address"
// is a different TCP peer, not a header the client picked.

const ADMIN = { email: 'boss@example.com', password: 'fault-password-1' };
const LIMIT = 5;

/** POST /api/auth/login from the local address `from`, with optional extra headers. */
function login(
  baseUrl: string,
  body: { email: string; password: string },
  opts: { from?: string; headers?: Record<string, string> } = {},
): Promise<number> {
  const url = new URL('/api/auth/login', baseUrl);
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        localAddress: opts.from ?? '127.0.0.1',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...opts.headers },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((acc, s) => {
    acc[s] = (acc[s] ?? 0) + 1;
    return acc;
  }, {});

// Four servers, started together (their start-up is most of this file's time): PostgreSQL and
// PGlite for the limit itself, and two with a smaller limit, without and with TRUST_PROXY.
const dataDir = mkdtempSync(join(tmpdir(), 'tournee-fault-auth-'));
const XFF_LIMIT = 2;
const servers: Record<'PostgreSQL' | 'PGlite' | 'untrusting' | 'trusting', ServerProcess> = {} as never;
const start = async (limit: number, env: () => Promise<Record<string, string>>) =>
  startServerProcess({
    ...(await env()),
    SEED_DEMO: 'false',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOGIN_MAX_FAILURES_PER_MINUTE: String(limit),
    LOG_LEVEL: 'warn',
  });
beforeAll(async () => {
  [servers.PostgreSQL, servers.PGlite, servers.untrusting, servers.trusting] = await Promise.all([
    start(LIMIT, async () => ({ DATABASE_URL: await freshDatabase('tournee_fault_http_auth') })),
    start(LIMIT, async () => ({ DATABASE_URL: '', DATA_DIR: dataDir })),
    start(XFF_LIMIT, async () => ({ DATABASE_URL: await freshDatabase('tournee_fault_http_xff_off') })),
    start(XFF_LIMIT, async () => ({
      DATABASE_URL: await freshDatabase('tournee_fault_http_xff_on'),
      TRUST_PROXY: 'loopback',
    })),
  ]);
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s?.stop()));
  rmSync(dataDir, { recursive: true, force: true });
});

describe.each(['PostgreSQL', 'PGlite'] as const)('sign-in rate limit on %s', (kind) => {
  it('evaluates at most the limit of 300 parallel wrong passwords, and the admin still signs in from a clean address', async () => {
    const server = servers[kind];
    const wrong = { email: ADMIN.email, password: 'not the password' };
    const statuses = await Promise.all(Array.from({ length: 300 }, () => login(server.baseUrl, wrong)));
    const counts = tally(statuses);
    // A 401 is an evaluated password; every other attempt must have been refused before scrypt.
    expect(counts[401] ?? 0).toBeLessThanOrEqual(LIMIT);
    expect((counts[401] ?? 0) + (counts[429] ?? 0), JSON.stringify(counts)).toBe(300);

    // The attacker's address is locked out, even with the right password …
    expect(await login(server.baseUrl, ADMIN)).toBe(429);
    // … but the admin, from an address with no failures for this account, signs in.
    expect(await login(server.baseUrl, ADMIN, { from: '127.0.0.2' })).toBe(200);
    expect(await login(server.baseUrl, wrong)).toBe(429);
  });
});

describe('X-Forwarded-For and TRUST_PROXY', () => {
  // One address may fail 4 × the per-account limit a minute across all accounts (unknown emails too).
  const PER_ADDRESS = XFF_LIMIT * 4;
  const attempt = (server: ServerProcess, i: number, forwardedFor: string) =>
    login(
      server.baseUrl,
      { email: `nobody-${i}@example.com`, password: 'wrong' },
      { headers: { 'x-forwarded-for': forwardedFor } },
    );
  const fail = (server: ServerProcess, forwardedFor: (i: number) => string) =>
    Promise.all(Array.from({ length: PER_ADDRESS }, (_, i) => attempt(server, i, forwardedFor(i))));

  it('ignores X-Forwarded-For when TRUST_PROXY is unset: made-up addresses do not escape the per-address limit', async () => {
    expect(await fail(servers.untrusting, (i) => `198.51.100.${i + 1}`)).toEqual(Array(PER_ADDRESS).fill(401));
    expect(await attempt(servers.untrusting, PER_ADDRESS, '198.51.100.200')).toBe(429);
  });

  it('uses X-Forwarded-For from the proxies TRUST_PROXY names', async () => {
    expect(await fail(servers.trusting, () => '203.0.113.1')).toEqual(Array(PER_ADDRESS).fill(401));
    expect(await attempt(servers.trusting, PER_ADDRESS, '203.0.113.1')).toBe(429);
    // Another client behind the same proxy is not held back by the first one's failures.
    expect(await attempt(servers.trusting, PER_ADDRESS + 1, '203.0.113.2')).toBe(401);
  });
});
