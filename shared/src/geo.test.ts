import { describe, expect, it } from 'vitest';
import { greatCircleM } from './geo.ts';

const R = 6_371_008.8;
const rad = Math.PI / 180;
/** The server's former haversine (tracking filter, headings), kept here as the reference. */
function haversine(a: [number, number], b: [number, number]): number {
  const h =
    Math.sin(((b[1] - a[1]) * rad) / 2) ** 2 +
    Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(((b[0] - a[0]) * rad) / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}
/** The former travel model's chord formula (the solver's), kept here as the reference. */
function chord(a: [number, number], b: [number, number]): number {
  const [ca, cb] = [Math.cos(a[1] * rad), Math.cos(b[1] * rad)];
  const dx = ca * Math.cos(a[0] * rad) - cb * Math.cos(b[0] * rad);
  const dy = ca * Math.sin(a[0] * rad) - cb * Math.sin(b[0] * rad);
  const dz = Math.sin(a[1] * rad) - Math.sin(b[1] * rad);
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(dx * dx + dy * dy + dz * dz) * 0.5));
}

const PAIRS: [string, [number, number], [number, number]][] = [
  ['two doors apart in Lyon', [4.8302, 45.7601], [4.8297, 45.7608]],
  ['across Lyon', [4.8322, 45.7295], [4.88, 45.78]],
  ['Lyon to Paris', [4.8357, 45.764], [2.3522, 48.8566]],
  ['over the antimeridian', [179.9, -16.5], [-179.9, -16.4]],
  ['near the pole', [10, 89.9], [-170, 89.9]],
  ['Lyon to Sydney', [4.8357, 45.764], [151.2093, -33.8688]],
];

describe('great-circle distance', () => {
  it.each(PAIRS)('agrees within 0.1 %% with the formulas it replaced: %s', (_, a, b) => {
    const d = greatCircleM(a, b);
    expect(Math.abs(d - haversine(a, b)) / haversine(a, b)).toBeLessThan(0.001);
    expect(Math.abs(d - chord(a, b)) / chord(a, b)).toBeLessThan(0.001);
  });

  it('is zero for one point and the same both ways', () => {
    expect(greatCircleM([4.83, 45.76], [4.83, 45.76])).toBe(0);
    expect(greatCircleM([4.83, 45.76], [2.35, 48.86])).toBe(greatCircleM([2.35, 48.86], [4.83, 45.76]));
  });

  it('measures Lyon to Paris as about 392 km', () => {
    expect(greatCircleM([4.8357, 45.764], [2.3522, 48.8566]) / 1000).toBeCloseTo(391.5, 0);
  });
});
