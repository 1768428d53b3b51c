import { describe, expect, it } from 'vitest';
import { createRateLimits } from '../http/rate-limit.ts';
import { createLogger } from '../logger.ts';
import { signInLimit } from './sign-in-limit.ts';

/** Fails `n` sign-ins for `email` from `ip`; how many were let through to the password check. */
async function fail(limit: ReturnType<typeof signInLimit>, email: string, ip: string, n: number): Promise<number> {
  let admitted = 0;
  for (let i = 0; i < n; i++) {
    const settle = await limit.reserve(email, ip);
    if (settle) {
      admitted++;
      await settle(false);
    }
  }
  return admitted;
}

describe('sign-in limit', () => {
  const fresh = () => signInLimit(createRateLimits({ log: createLogger('silent') }), 5);

  it('lets an account fail 5 times a minute, then refuses the same address', async () => {
    const limit = fresh();
    expect(await fail(limit, 'a@example.com', '10.0.0.1', 8)).toBe(5);
  });

  it('still gives one try to an address with no failure for the account', async () => {
    const limit = fresh();
    await fail(limit, 'a@example.com', '10.0.0.1', 5);
    expect(await fail(limit, 'A@example.com', '10.0.0.2', 3)).toBe(1);
  });

  it('does not count a right password', async () => {
    const limit = fresh();
    for (let i = 0; i < 10; i++) await (await limit.reserve('a@example.com', '10.0.0.1'))!(true);
    expect(await fail(limit, 'a@example.com', '10.0.0.1', 6)).toBe(5);
  });

  it('refuses an address past four times the limit, whatever the accounts', async () => {
    const limit = fresh();
    let admitted = 0;
    for (let i = 0; i < 25; i++) admitted += await fail(limit, `u${i}@example.com`, '10.0.0.9', 1);
    expect(admitted).toBe(20);
  });

  it('admits no more than the budget when attempts arrive at once', async () => {
    const limit = fresh();
    const settled = await Promise.all(Array.from({ length: 30 }, () => limit.reserve('b@example.com', '10.0.0.1')));
    expect(settled.filter(Boolean)).toHaveLength(5);
  });
});
