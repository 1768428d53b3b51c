import { describe, expect, it } from 'vitest';
import { bearingDeg, headingOf } from './heading.ts';

describe('bearingDeg', () => {
  it('points north, east, south and west', () => {
    expect(bearingDeg([4.84, 45.76], [4.84, 45.77])).toBeCloseTo(0, 1);
    expect(bearingDeg([4.84, 45.76], [4.85, 45.76])).toBeCloseTo(90, 0);
    expect(bearingDeg([4.84, 45.76], [4.84, 45.75])).toBeCloseTo(180, 1);
    expect(bearingDeg([4.84, 45.76], [4.83, 45.76])).toBeCloseTo(270, 0);
  });
});

describe('headingOf', () => {
  const at: [number, number] = [4.84, 45.76];
  it("prefers the phone's compass heading", () => {
    expect(headingOf(123, { coordinates: [4.84, 45.75], heading: 10 }, at)).toBe(123);
  });
  it('reads the heading from the last move when the phone sent none', () => {
    expect(headingOf(null, { coordinates: [4.84, 45.75], heading: null }, at)).toBeCloseTo(0, 1);
  });
  it('keeps the previous heading over a few metres of GPS noise, and knows none at first', () => {
    expect(headingOf(null, { coordinates: [4.84001, 45.76001], heading: 270 }, at)).toBe(270);
    expect(headingOf(null, undefined, at)).toBeNull();
  });
});
