import { describe, expect, it } from 'vitest';
import { headingOf } from './heading.ts';

describe('headingOf', () => {
  const at: [number, number] = [4.84, 45.76];
  it("prefers the phone's compass heading", () => {
    expect(headingOf(123, { coordinates: [4.84, 45.75], heading: 10 }, at)).toBe(123);
    expect(headingOf(-90, undefined, at)).toBe(270); // shared's rule: always in [0, 360)
  });
  it('reads the heading from the last move when the phone sent none', () => {
    expect(headingOf(null, { coordinates: [4.84, 45.75], heading: null }, at)).toBeCloseTo(0, 1);
    expect(headingOf(null, { coordinates: [4.83, 45.76], heading: null }, at)).toBeCloseTo(90, 0);
    expect(headingOf(null, { coordinates: [4.84, 45.77], heading: null }, at)).toBeCloseTo(180, 1);
    expect(headingOf(null, { coordinates: [4.85, 45.76], heading: null }, at)).toBeCloseTo(270, 0);
  });
  it('keeps the previous heading over a few metres of GPS noise, and knows none at first', () => {
    expect(headingOf(null, { coordinates: [4.84001, 45.76001], heading: 270 }, at)).toBe(270);
    expect(headingOf(null, undefined, at)).toBeNull();
  });
  it('reads a bearing from a move of 15 m, not from one of 14 m', () => {
    // 0.000135° of latitude is ~15.0 m; the old flat-earth distance differed by < 1 mm here.
    expect(headingOf(null, { coordinates: [4.84, 45.76 - 0.000135], heading: 90 }, at)).toBeCloseTo(0, 1);
    expect(headingOf(null, { coordinates: [4.84, 45.76 - 0.000126], heading: 90 }, at)).toBe(90);
  });
});
