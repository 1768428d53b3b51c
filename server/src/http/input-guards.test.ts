import { describe, expect, it } from 'vitest';
import { findNul, jsonDepth } from './input-guards.ts';

const bytes = (s: string) => Buffer.from(s);

describe('jsonDepth', () => {
  it('counts the deepest nesting of arrays and objects', () => {
    expect(jsonDepth(bytes('1'))).toBe(0);
    expect(jsonDepth(bytes('{"a":[1,{"b":[]}],"c":{}}'))).toBe(4);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonDepth(bytes('{"a":"[[[[\\"[[[","b":"}}}"}'))).toBe(1);
  });

  it('stops counting past the limit', () => {
    expect(jsonDepth(bytes('['.repeat(1_000_000)), 64)).toBe(65);
  });
});

describe('findNul', () => {
  it('finds a NUL in a nested value and gives its path', () => {
    expect(findNul({ a: [1, 'ok', { b: 'x\0y' }] })).toEqual(['a', 2, 'b']);
  });

  it('finds a NUL in a key', () => {
    expect(findNul({ 'k\0': 1 })).toEqual(['k\0']);
  });

  it('answers null for clean input', () => {
    expect(findNul({ q: 'abc', list: ['a', 'b'] })).toBeNull();
  });
});
