import { describe, expect, it } from 'vitest';
import { hashToken, looksLikeToken } from './links.ts';

describe('tracking link tokens', () => {
  it('hashes tokens and refuses malformed ones before any lookup', () => {
    expect(hashToken('a')).toHaveLength(64);
    expect(looksLikeToken('x'.repeat(32))).toBe(true);
    expect(looksLikeToken("' OR 1=1 --")).toBe(false);
  });
});
