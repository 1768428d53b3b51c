import { DEFAULT_ALERTS } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import {
  freshOffRoute,
  isGpsStale,
  isLateRisk,
  isNotStarted,
  isProofOverdue,
  offRouteStep,
  type OffRouteState,
  windowEndAt,
} from './detectors.ts';

const s = DEFAULT_ALERTS;

describe('offRouteStep', () => {
  const run = (distances: number[]) => {
    let state: OffRouteState = freshOffRoute();
    return distances.map((d) => {
      const r = offRouteStep(state, d, s);
      state = r.state;
      return r.verdict;
    });
  };

  it('calls a driver off the route on the third fix in a row past 500 m, not before', () => {
    expect(run([700, 700, 700])).toEqual(['pending', 'pending', 'off']);
  });

  it('starts counting again after a fix back on the line', () => {
    expect(run([700, 700, 100, 700, 700])).toEqual(['pending', 'pending', 'on', 'pending', 'pending']);
  });

  it('keeps the last distances for the alert', () => {
    let state = freshOffRoute();
    for (const d of [10, 600, 700, 800]) state = offRouteStep(state, d, s).state;
    expect(state.lastM).toEqual([600, 700, 800]);
  });
});

describe('windowEndAt', () => {
  const at = (hhmm: string) => Date.parse(`2026-06-02T${hhmm}:00+02:00`);
  const two = [
    { start: '09:00', end: '11:00' },
    { start: '14:00', end: '16:00' },
  ];

  it('takes the window the planned arrival falls in (Paris time)', () => {
    expect(windowEndAt('2026-06-02', 'Europe/Paris', two, at('10:00'))).toBe(at('11:00'));
    expect(windowEndAt('2026-06-02', 'Europe/Paris', two, at('15:00'))).toBe(at('16:00'));
  });

  it('takes the next window when the van is planned between two (it waits for the opening)', () => {
    expect(windowEndAt('2026-06-02', 'Europe/Paris', two, at('12:30'))).toBe(at('16:00'));
  });

  it('takes the last window without a plan, and nothing without windows', () => {
    expect(windowEndAt('2026-06-02', 'Europe/Paris', two, null)).toBe(at('16:00'));
    expect(windowEndAt('2026-06-02', 'Europe/Paris', [], at('10:00'))).toBeNull();
  });

  it('ends a window that passes midnight on the next day', () => {
    const night = [{ start: '22:00', end: '02:00' }];
    expect(windowEndAt('2026-06-02', 'Europe/Paris', night, at('23:00'))).toBe(Date.parse('2026-06-03T02:00:00+02:00'));
  });
});

describe('threshold checks', () => {
  const t0 = Date.parse('2026-06-02T10:00:00Z');
  it('late risk only past the window end by more than lateRiskMin', () => {
    expect(isLateRisk(t0 + 10 * 60_000, t0, s)).toBe(false);
    expect(isLateRisk(t0 + 11 * 60_000, t0, s)).toBe(true);
  });
  it('stale GPS after 5 minutes without a fix, counted from the start when none came', () => {
    expect(isGpsStale(t0, t0, t0 + 5 * 60_000, s)).toBe(false);
    expect(isGpsStale(t0, t0, t0 + 5 * 60_000 + 1, s)).toBe(true);
    expect(isGpsStale(null, t0, t0 + 6 * 60_000, s)).toBe(true);
    expect(isGpsStale(null, null, t0, s)).toBe(false);
  });
  it('route not started 15 minutes after the shift start', () => {
    expect(isNotStarted(t0, t0 + 15 * 60_000, s)).toBe(false);
    expect(isNotStarted(t0, t0 + 16 * 60_000, s)).toBe(true);
  });
  it('proof overdue 2 minutes after the delivery reached the server, never without a delivery event', () => {
    expect(isProofOverdue(t0, t0 + 2 * 60_000, s)).toBe(false);
    expect(isProofOverdue(t0, t0 + 2 * 60_000 + 1, s)).toBe(true);
    expect(isProofOverdue(null, t0 + 60 * 60_000, s)).toBe(false);
  });
});
