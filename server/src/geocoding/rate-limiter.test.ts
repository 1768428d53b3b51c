import { describe, expect, it } from 'vitest';
import { manualTime, settle } from '../../test/support/manual-time.ts';
import { createRateLimiter } from './rate-limiter.ts';

describe('rate limiter', () => {
  it('spaces calls by 1/rate seconds, in the order they asked', async () => {
    const time = manualTime(1_000);
    const limiter = createRateLimiter(20, time.now, time.sleep); // 50 ms apart
    const went: number[] = [];
    const takes = [0, 1, 2].map((i) => limiter.take().then(() => went.push(i)));
    await settle();
    expect(went).toEqual([0]);
    time.advance(49);
    await settle();
    expect(went).toEqual([0]);
    time.advance(1);
    await settle();
    expect(went).toEqual([0, 1]);
    time.advance(49);
    await settle();
    expect(went).toEqual([0, 1]);
    time.advance(1);
    await Promise.all(takes);
    expect(went).toEqual([0, 1, 2]);
  });

  it('lets a call go at once when its slot has already come', async () => {
    const time = manualTime();
    const limiter = createRateLimiter(20, time.now, time.sleep);
    await limiter.take();
    time.advance(50);
    let went = false;
    void limiter.take().then(() => (went = true));
    await settle();
    expect(went).toBe(true);
  });
});
