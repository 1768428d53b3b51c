import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.ts';

describe('rate limiter', () => {
  it('spaces calls by 1/rate seconds', async () => {
    const limiter = createRateLimiter(20); // 50 ms apart
    const t0 = Date.now();
    await Promise.all([limiter.take(), limiter.take(), limiter.take()]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(95);
  });
});
