import { describe, expect, it } from 'vitest';
import { deviceTimeProblem, filterBatch, haversineM } from './filter.ts';

const NOW = Date.parse('2027-01-04T10:00:00Z');
const opts = { maxAccuracyM: 100, maxSpeedMps: 200 / 3.6, maxAgeMs: 7 * 86_400_000 };
const at = (s: number) => new Date(NOW + s * 1000).toISOString();
const pt = (id: string, s: number, lon = 4.83, lat = 45.75, accuracyM = 10) => ({
  id: `00000000-0000-4000-8000-${id.padStart(12, '0')}`,
  deviceAt: at(s),
  coordinates: [lon, lat] as [number, number],
  accuracyM,
});

describe('position filter', () => {
  it('measures distances in metres', () => {
    expect(haversineM(4.83, 45.75, 4.84, 45.75)).toBeGreaterThan(770);
    expect(haversineM(4.83, 45.75, 4.84, 45.75)).toBeLessThan(790);
  });

  it('drops bad accuracy, far-future and ancient points, and acks duplicates', () => {
    const r = filterBatch(
      [pt('1', -10), pt('2', -5, 4.83, 45.75, 500), pt('3', 600), pt('4', -30 * 86_400), pt('1', -10)],
      null,
      NOW,
      opts,
    );
    expect(r.keep.map((p) => p.id.slice(-1))).toEqual(['1']);
    expect(r.duplicates).toHaveLength(1);
    expect(r.rejected.map((x) => x.reason).sort()).toEqual(['accuracy', 'future', 'too_old']);
  });

  it('drops an impossible jump but keeps late points', () => {
    const prev = { t: NOW - 10_000, lon: 4.83, lat: 45.75 };
    // 1 s after the previous fix, 8 km away: a glitch. 20 s before it: a late point, kept.
    const r = filterBatch(
      [pt('5', -9, 4.93, 45.75), pt('6', -30, 4.831, 45.75), pt('7', -5, 4.8302, 45.75)],
      prev,
      NOW,
      opts,
    );
    expect(r.rejected).toEqual([{ id: pt('5', 0).id, reason: 'speed' }]);
    expect(r.keep.map((p) => p.id.slice(-1))).toEqual(['6', '7']);
    expect(r.last?.t).toBe(NOW - 5000);
  });
});

describe('deviceTimeProblem', () => {
  const now = Date.parse('2026-03-02T10:00:00Z');
  const o = { maxAgeMs: 90 * 86_400_000 };

  it('allows two minutes of phone clock ahead and the retention behind', () => {
    expect(deviceTimeProblem(now + 119_000, now, o)).toBeNull();
    expect(deviceTimeProblem(now - 89 * 86_400_000, now, o)).toBeNull();
  });

  it('names what is wrong with a time out of bounds', () => {
    expect(deviceTimeProblem(Date.parse('9999-12-31T23:59:59Z'), now, o)).toBe('future');
    expect(deviceTimeProblem(now - 91 * 86_400_000, now, o)).toBe('too_old');
    expect(deviceTimeProblem(Number.NaN, now, o)).toBe('invalid');
  });
});
