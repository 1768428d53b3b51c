import { describe, expect, it } from 'vitest';
import { lineString, point, pointToLineDistance } from '@turf/turf';
import { pointToLineDistanceM, prepareLine } from './route-line.ts';

// Great-circle distance (haversine) to check the projection against.
const haversineM = (a: [number, number], b: [number, number]) => {
  const r = Math.PI / 180;
  const h =
    Math.sin(((b[1] - a[1]) * r) / 2) ** 2 +
    Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(((b[0] - a[0]) * r) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
};

describe('pointToLineDistanceM', () => {
  // A street in Lyon running east–west, then north.
  const line = prepareLine([
    [4.83, 45.76],
    [4.85, 45.76],
    [4.85, 45.78],
  ])!;

  it('is zero on the line and tiny close to it', () => {
    expect(pointToLineDistanceM([4.84, 45.76], line)).toBeLessThan(0.01);
    expect(pointToLineDistanceM([4.85, 45.77], line)).toBeLessThan(0.01);
  });

  it('measures a point 700 m north of the first segment as about 700 m', () => {
    const lat = 45.76 + 700 / 111_195;
    const d = pointToLineDistanceM([4.84, lat], line);
    expect(d).toBeGreaterThan(695);
    expect(d).toBeLessThan(705);
  });

  it('measures beyond an end of the line to that end, as the great circle does', () => {
    const p: [number, number] = [4.82, 45.755];
    const d = pointToLineDistanceM(p, line);
    expect(Math.abs(d - haversineM(p, [4.83, 45.76]))).toBeLessThan(2);
  });

  it('takes the nearest segment of several', () => {
    // East of the northbound segment by ~0.005° of longitude (≈ 388 m at this latitude).
    const d = pointToLineDistanceM([4.855, 45.775], line);
    expect(Math.abs(d - haversineM([4.855, 45.775], [4.85, 45.775]))).toBeLessThan(1);
  });

  it('handles a one-point line and refuses an empty one', () => {
    const one = prepareLine([[4.83, 45.76]])!;
    expect(Math.abs(pointToLineDistanceM([4.83, 45.77], one) - 1112)).toBeLessThan(2);
    expect(prepareLine([])).toBeNull();
  });

  it("agrees with Turf's pointToLineDistance within 1 % (or 2 m) on random fixes around a city route", () => {
    // A seeded walk through Lyon and fixes up to ~3 km away: a fixed, repeatable sample.
    let seed = 42;
    const rand = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const coords: [number, number][] = [[4.8, 45.74]];
    for (let i = 0; i < 40; i++) {
      const [lon, lat] = coords[coords.length - 1]!;
      coords.push([lon + (rand() - 0.3) * 0.004, lat + (rand() - 0.3) * 0.003]);
    }
    const prepared = prepareLine(coords)!;
    const turfLine = lineString(coords);
    for (let i = 0; i < 200; i++) {
      const c = coords[Math.floor(rand() * coords.length)]!;
      const p: [number, number] = [c[0] + (rand() - 0.5) * 0.08, c[1] + (rand() - 0.5) * 0.05];
      const ours = pointToLineDistanceM(p, prepared);
      const turf = pointToLineDistance(point(p), turfLine, { units: 'meters' });
      expect(Math.abs(ours - turf)).toBeLessThanOrEqual(Math.max(2, turf * 0.01));
    }
  });
});
