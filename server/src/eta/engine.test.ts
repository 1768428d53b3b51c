import { describe, expect, it } from 'vitest';
import { coordinateTravel } from '../travel/travel.ts';
import { computeEtas, halfWindowMs, isStale, remainingOrder } from './engine.ts';

const travel = coordinateTravel({ circuity: 1, speedMps: 10 });

describe('ETA engine', () => {
  it('adds travel and service times along the remaining stops, waiting for windows to open', () => {
    const now = Date.UTC(2026, 0, 5, 8);
    const etas = computeEtas({
      now,
      driver: { location: [4.8, 45.7], at: now - 10_000 },
      travel,
      stops: [
        { id: 'a', location: [4.8, 45.709], serviceS: 300, opensAt: [], arrived: false },
        { id: 'b', location: [4.8, 45.709], serviceS: 60, opensAt: [now + 3600_000], arrived: false },
      ],
    });
    // ~1 km at 10 m/s ≈ 100 s.
    expect((etas[0]!.at - now) / 1000).toBeCloseTo(100, -1);
    expect(etas[1]!.at).toBe(now + 3600_000);
    // The window widens with the time ahead.
    expect(etas[1]!.high - etas[1]!.at).toBeGreaterThan(etas[0]!.high - etas[0]!.at);
  });

  it('puts a stop the driver is at first, then the rest by sequence', () => {
    const order = remainingOrder([
      { id: 1, seq: 0, status: 'delivered' },
      { id: 2, seq: 1, status: 'pending' },
      { id: 3, seq: 2, status: 'arrived' },
      { id: 4, seq: 3, status: 'failed' },
    ]);
    expect(order.map((s) => s.id)).toEqual([3, 2]);
  });

  it('keeps windows between 5 and 45 minutes and flags a 5-minute-old fix stale', () => {
    expect(halfWindowMs(0)).toBe(5 * 60_000);
    expect(halfWindowMs(10 * 3600_000)).toBe(45 * 60_000);
    expect(isStale(0, 5 * 60_000 + 1)).toBe(true);
    expect(isStale(0, 60_000)).toBe(false);
  });
});
