import { describe, expect, it } from 'vitest';
import { bearingDeg, headingAfterMove, headingTracker } from './heading.ts';

describe('bearingDeg', () => {
  it('points north, east, south and west', () => {
    expect(bearingDeg([4.83, 45.76], [4.83, 45.77])).toBeCloseTo(0, 3);
    expect(bearingDeg([4.83, 45.76], [4.84, 45.76])).toBeCloseTo(90, 0);
    expect(bearingDeg([4.83, 45.77], [4.83, 45.76])).toBeCloseTo(180, 3);
    expect(bearingDeg([4.84, 45.76], [4.83, 45.76])).toBeCloseTo(270, 0);
  });
});

describe('headingAfterMove', () => {
  it('takes the bearing of a real move', () => {
    expect(headingAfterMove(null, [4.8321, 45.7611], [4.8333, 45.7615])).toBeCloseTo(64, 0);
  });

  it('keeps the previous heading through GPS jitter', () => {
    expect(headingAfterMove(120, [4.83, 45.76], [4.83001, 45.76001])).toBe(120);
    expect(headingAfterMove(null, null, [4.83, 45.76])).toBeNull();
  });

  it("prefers the phone's own heading", () => {
    expect(headingAfterMove(120, [4.83, 45.76], [4.84, 45.76], 370)).toBe(10);
  });
});

describe('headingTracker', () => {
  it('turns with real moves only, adding up small steps', () => {
    const t = headingTracker();
    expect(t.update([4.83, 45.76])).toBeNull();
    expect(t.update([4.83001, 45.76])).toBeNull(); // ~0.8 m: jitter
    // Ten small steps east of ~1.6 m each end up a real move east.
    let h: number | null = null;
    for (let i = 1; i <= 10; i++) h = t.update([4.83 + i * 0.00002, 45.76]);
    expect(h).toBeCloseTo(90, 0);
    expect(t.update([4.8302, 45.77])).toBeLessThan(1); // then north
  });
});
