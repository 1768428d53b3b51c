import type { PlannedRoute } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import { withLiveEtas } from './live-etas.ts';

const route = (id: string, stopIds: string[]) =>
  ({ id, stops: stopIds.map((s) => ({ id: s, etaAt: null })) }) as unknown as PlannedRoute;

describe('withLiveEtas', () => {
  it("puts the event's ETAs on that route's stops and leaves the others", () => {
    const routes = [route('r1', ['a', 'b']), route('r2', ['c'])];
    const next = withLiveEtas(routes, {
      routeId: 'r1',
      localDate: '2026-12-01',
      stale: false,
      etas: [{ stopId: 'b', etaAt: '2026-12-01T09:30:00.000Z' }],
    });
    expect(next[0]!.stops.map((s) => s.etaAt)).toEqual([null, '2026-12-01T09:30:00.000Z']);
    expect(next[1]).toBe(routes[1]);
  });

  it('answers the same routes for a route not shown', () => {
    const routes = [route('r1', ['a'])];
    expect(withLiveEtas(routes, { routeId: 'rX', localDate: '2026-12-01', stale: false, etas: [] })).toBe(routes);
  });
});
