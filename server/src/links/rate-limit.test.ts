import { describe, expect, it } from 'vitest';
import { hashToken, looksLikeToken } from './links.ts';
import { failureLimiter } from './rate-limit.ts';

describe('tracking link guards', () => {
  it('blocks an address after N misses within a minute, then forgets', () => {
    const l = failureLimiter(3);
    for (let i = 0; i < 3; i++) l.fail('1.2.3.4', 1000);
    expect(l.blocked('1.2.3.4', 2000)).toBe(true);
    expect(l.blocked('5.6.7.8', 2000)).toBe(false);
    expect(l.blocked('1.2.3.4', 62_000)).toBe(false);
  });
  it('hashes tokens and refuses malformed ones before any lookup', () => {
    expect(hashToken('a')).toHaveLength(64);
    expect(looksLikeToken('x'.repeat(32))).toBe(true);
    expect(looksLikeToken("' OR 1=1 --")).toBe(false);
  });
});
