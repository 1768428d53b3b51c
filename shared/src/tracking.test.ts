import { describe, expect, it } from 'vitest';
import { POSITION_BOUNDS, PositionPoint } from './tracking.ts';

const fix = (extra: Record<string, unknown>) => ({
  id: '5b0d8e9c-3f1a-4c2b-9d7e-1a2b3c4d5e6f',
  deviceAt: '2026-03-02T09:15:00+01:00',
  coordinates: [4.83, 45.76],
  ...extra,
});
const PG_REAL_MAX = 3.4e38;

describe('PositionPoint bounds', () => {
  it('accepts an ordinary fix and unknown values as null', () => {
    expect(PositionPoint.safeParse(fix({ accuracyM: 8, speedMps: 13.9, headingDeg: 359.5 })).success).toBe(true);
    expect(PositionPoint.safeParse(fix({ accuracyM: null, speedMps: null, headingDeg: null })).success).toBe(true);
  });

  it.each([
    ['speedMps', 1e39],
    ['speedMps', POSITION_BOUNDS.maxSpeedMps + 1],
    ['speedMps', -1],
    ['accuracyM', 1e39],
    ['accuracyM', POSITION_BOUNDS.maxAccuracyM + 1],
    ['headingDeg', 1e9],
    ['headingDeg', -0.1],
    ['speedMps', Number.NaN],
    ['accuracyM', Number.POSITIVE_INFINITY],
    ['speedMps', '12'],
  ])('refuses %s = %s', (field, value) => {
    const r = PositionPoint.safeParse(fix({ [field]: value }));
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]!.path[0]).toBe(field);
  });

  it('refuses coordinates off the globe or not numbers', () => {
    for (const c of [[181, 45], [4, -91], [Number.NaN, 45], [4, 1e300], [null, 45], [4]]) {
      expect(PositionPoint.safeParse(fix({ coordinates: c })).success).toBe(false);
    }
  });

  it('keeps every bound inside what a PostgreSQL real column holds', () => {
    for (const v of Object.values(POSITION_BOUNDS)) expect(v).toBeLessThan(PG_REAL_MAX);
  });
});
