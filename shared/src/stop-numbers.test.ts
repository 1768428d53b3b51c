import { describe, expect, it } from 'vitest';
import { visitNumbers } from './stop-numbers.ts';

describe('visitNumbers', () => {
  it('numbers visits from 1 and skips the break, whatever order the stops come in', () => {
    const stops = [
      { kind: 'delivery' as const, seq: 4 },
      { kind: 'break' as const, seq: 3 },
      { kind: 'pickup' as const, seq: 1 },
      { kind: 'delivery' as const, seq: 2 },
      { kind: 'delivery' as const, seq: 5 },
    ];
    const n = visitNumbers(stops);
    expect([1, 2, 4, 5].map((seq) => n.get(seq))).toEqual([1, 2, 3, 4]);
    expect(n.has(3)).toBe(false);
  });
});
