import { describe, expect, it } from 'vitest';
import { coordinateTravel, travelTimeS } from '../travel/travel.ts';
import { computeEtas, type EtaStop, halfWindowMs, isStale, remainingOrder } from './engine.ts';

const travel = coordinateTravel({ circuity: 1, speedMps: 10 });
const day = (h: number, m = 0) => Date.UTC(2026, 0, 5, h, m);
const here = [4.8, 45.7] as const;
const visit = (id: string, windows: [number, number][] = [], serviceS = 300): EtaStop => ({
  id,
  kind: 'visit',
  location: here,
  serviceS,
  windows: windows.map(([startMs, endMs]) => ({ startMs, endMs })),
  arrived: false,
});

describe('ETA engine', () => {
  it('adds travel and service times along the remaining stops, waiting for windows to open', () => {
    const now = day(8);
    const etas = computeEtas({
      now,
      driver: { location: [4.8, 45.7], at: now - 10_000 },
      travel,
      stops: [
        { ...visit('a'), location: [4.8, 45.709] },
        { ...visit('b', [[now + 3600_000, now + 7200_000]], 60), location: [4.8, 45.709] },
      ],
    });
    // ~1 km at 10 m/s ≈ 100 s.
    expect((etas[0]!.arrivalMs - now) / 1000).toBeCloseTo(100, -1);
    expect(etas[0]!.departureMs - etas[0]!.serviceStartMs).toBe(300_000);
    // Early at b: it arrives after a's service and waits for its window.
    expect(etas[1]!.arrivalMs).toBe(etas[0]!.departureMs);
    expect(etas[1]!.serviceStartMs).toBe(now + 3600_000);
    expect(etas[1]!.at).toBe(etas[1]!.serviceStartMs);
    expect(etas[1]!.departureMs).toBe(now + 3600_000 + 60_000);
    // The window widens with the time ahead.
    expect(etas[1]!.high - etas[1]!.at).toBeGreaterThan(etas[0]!.high - etas[0]!.at);
  });

  describe('a stop with two windows, 09:00–10:00 and 14:00–16:00', () => {
    const windows: [number, number][] = [
      [day(9), day(10)],
      [day(14), day(16)],
    ];
    const at = (now: number) =>
      computeEtas({ now, driver: { location: here, at: now }, travel, stops: [visit('x', windows)] })[0]!;

    it('arriving at 09:30 is served at 09:30', () => {
      expect(at(day(9, 30))).toMatchObject({ arrivalMs: day(9, 30), serviceStartMs: day(9, 30), lateS: 0 });
    });

    it('arriving at 10:30, past the first window, waits for the second: served at 14:00', () => {
      const e = at(day(10, 30));
      expect(e).toMatchObject({ arrivalMs: day(10, 30), serviceStartMs: day(14), lateS: 0 });
      expect(e.departureMs).toBe(day(14, 5));
    });

    it('arriving at 08:00 waits for the first window: served at 09:00', () => {
      expect(at(day(8)).serviceStartMs).toBe(day(9));
    });

    it('arriving at 16:30, past every window, is late against the last one', () => {
      expect(at(day(16, 30))).toMatchObject({ serviceStartMs: day(16, 30), lateS: 30 * 60 });
    });
  });

  it('a break on the route pushes the later stops by its duration, not before it opens', () => {
    const now = day(11);
    const b: EtaStop = {
      id: 'break',
      kind: 'break',
      location: null,
      serviceS: 30 * 60,
      // The break may start from 12:00 and must start by 13:30.
      windows: [{ startMs: day(12), endMs: day(13, 30) }],
      arrived: false,
    };
    const far = [4.8, 45.718] as const; // ~2 km: 200 s at 10 m/s
    const stops = [visit('a'), b, { ...visit('c'), location: far }];
    const etas = computeEtas({ now, driver: { location: here, at: now }, travel, stops });
    const without = computeEtas({ now, driver: { location: here, at: now }, travel, stops: [stops[0]!, stops[2]!] });
    // a ends 11:05; the break waits until 12:00 and lasts 30 min; c is driven to afterwards.
    expect(etas[1]).toMatchObject({ stopId: 'break', serviceStartMs: day(12), departureMs: day(12, 30) });
    const driveS = travelTimeS(here, far, { circuity: 1, speedMps: 10 });
    expect(etas[2]!.arrivalMs).toBeCloseTo(day(12, 30) + driveS * 1000, -1);
    expect(etas[2]!.arrivalMs - without[1]!.arrivalMs).toBe(day(12, 30) - day(11, 5));
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

  it('keeps a break still to take only while no later stop is done', () => {
    const stops = [
      { id: 'a', seq: 0, status: 'delivered', kind: 'delivery' },
      { id: 'break', seq: 1, status: 'pending', kind: 'break' },
      { id: 'c', seq: 2, status: 'pending', kind: 'delivery' },
    ];
    expect(remainingOrder(stops).map((s) => s.id)).toEqual(['break', 'c']);
    // c delivered: the break was taken (or skipped) before it; only d is left.
    const later = [
      ...stops.slice(0, 2),
      { ...stops[2]!, status: 'delivered' },
      { id: 'd', seq: 3, status: 'pending', kind: 'delivery' },
    ];
    expect(remainingOrder(later).map((s) => s.id)).toEqual(['d']);
  });

  it('keeps windows between 5 and 45 minutes and flags a 5-minute-old fix stale', () => {
    expect(halfWindowMs(0)).toBe(5 * 60_000);
    expect(halfWindowMs(10 * 3600_000)).toBe(45 * 60_000);
    expect(isStale(0, 5 * 60_000 + 1)).toBe(true);
    expect(isStale(0, 60_000)).toBe(false);
  });
});
