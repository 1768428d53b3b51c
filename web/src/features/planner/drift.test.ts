import type { PlannedRoute, RouteStop } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import { driftMin, isLate } from './drift.ts';

const stop = (over: Partial<RouteStop>): RouteStop =>
  ({
    id: 's',
    seq: 1,
    kind: 'delivery',
    status: 'pending',
    plannedArrivalAt: '2026-12-01T09:00:00.000Z',
    actualArrivalAt: null,
    etaAt: null,
    ...over,
  }) as RouteStop;
const route = (stops: RouteStop[], status: PlannedRoute['status'] = 'in_progress') =>
  ({ status, stops }) as PlannedRoute;
const at = (iso: string) => Date.parse(iso);

describe('drift from the plan', () => {
  it('uses the actual arrival once the driver is there', () => {
    expect(driftMin(stop({ status: 'delivered', actualArrivalAt: '2026-12-01T09:12:00.000Z' }), 'in_progress', 0)).toBe(
      12,
    );
  });

  it('uses the live ETA while the stop is still to do', () => {
    expect(driftMin(stop({ etaAt: '2026-12-01T08:55:00.000Z' }), 'in_progress', at('2026-12-01T08:00:00Z'))).toBe(-5);
  });

  it('counts the clock past the planned arrival on a route on the road without an ETA', () => {
    expect(driftMin(stop({}), 'in_progress', at('2026-12-01T09:20:00Z'))).toBe(20);
    expect(driftMin(stop({}), 'published', at('2026-12-01T09:20:00Z'))).toBeNull();
  });

  it('marks a route late when a stop to do drifts 15 minutes or more', () => {
    expect(isLate(route([stop({ etaAt: '2026-12-01T09:16:00.000Z' })]), 0)).toBe(true);
    expect(isLate(route([stop({ etaAt: '2026-12-01T09:10:00.000Z' })]), 0)).toBe(false);
    expect(isLate(route([stop({ status: 'delivered', actualArrivalAt: '2026-12-01T10:00:00.000Z' })]), 0)).toBe(false);
  });
});
