import type { DriverDay } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import { applyEvent } from './apply-event.ts';

const day = {
  localDate: '2027-01-04',
  dimensions: ['kg'],
  route: {
    id: 'r',
    status: 'published',
    startedAt: null,
    stops: [
      { id: 'a', kind: 'delivery', status: 'pending' },
      { id: 'b', kind: 'delivery', status: 'pending' },
    ],
  },
} as unknown as DriverDay;
const ev = (stopId: string, type: 'started' | 'arrived' | 'delivered' | 'skipped') => ({
  id: `${stopId}-${type}`,
  stopId,
  type,
  deviceAt: '2027-01-04T08:00:00Z',
});

describe('applying stop events on the phone', () => {
  it('starts the route, then marks stops, then finishes it', () => {
    const started = applyEvent(day, ev('a', 'started'));
    expect(started.route).toMatchObject({ status: 'in_progress', startedAt: '2027-01-04T08:00:00Z' });
    const one = applyEvent(started, ev('a', 'delivered'));
    expect(one.route!.stops.map((s) => s.status)).toEqual(['delivered', 'pending']);
    // "arrived" never takes a delivered stop back.
    expect(applyEvent(one, ev('a', 'arrived')).route!.stops[0]!.status).toBe('delivered');
    expect(applyEvent(one, ev('b', 'skipped')).route!.status).toBe('done');
  });

  it('finishes the route with a reload at the depot left pending, as with a break', () => {
    const twoTrips = {
      ...day,
      route: {
        ...day.route!,
        stops: [
          { id: 'a', kind: 'delivery', status: 'delivered' },
          { id: 'r1', kind: 'reload', status: 'pending' },
          { id: 'b', kind: 'delivery', status: 'pending' },
        ],
      },
    } as unknown as DriverDay;
    expect(applyEvent(twoTrips, ev('b', 'delivered')).route!.status).toBe('done');
  });
});
