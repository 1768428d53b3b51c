import type { DriverDay, StopEventInput } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import { DayRefreshes } from './day-refreshes.ts';

const day = (status: string, vehicleName = 'Van 1') =>
  ({
    localDate: '2027-01-04',
    dimensions: [],
    route: {
      id: 'r',
      status: 'in_progress',
      startedAt: '2027-01-04T07:00:00Z',
      vehicleName,
      stops: [
        { id: 'a', kind: 'delivery', status },
        { id: 'b', kind: 'delivery', status: 'pending' },
      ],
    },
  }) as unknown as DriverDay;
const ev = (stopId: string, type: StopEventInput['type']): StopEventInput => ({
  id: `${stopId}-${type}`,
  stopId,
  type,
  deviceAt: '2027-01-04T08:00:00Z',
  reason: null,
  note: null,
  recipientName: null,
});
const statuses = (d: DriverDay | null) => d?.route?.stops.map((s) => s.status);

describe('the day kept when fetches and taps cross', () => {
  it('keeps an arrival acked while the fetch was under way, though the answer predates it', () => {
    const r = new DayRefreshes();
    const ticket = r.begin();
    r.acked(ev('a', 'arrived'));
    expect(statuses(r.settle(ticket, day('pending'), []))).toEqual(['arrived', 'pending']);
  });

  it('trusts the answer for what was acked before the fetch began', () => {
    const r = new DayRefreshes();
    r.acked(ev('a', 'delivered'));
    const ticket = r.begin();
    // The dispatcher reopened the stop after the delivery: the server's word stands.
    expect(statuses(r.settle(ticket, day('pending'), []))).toEqual(['pending', 'pending']);
  });

  it('replays what the outbox still holds after what was acked', () => {
    const r = new DayRefreshes();
    const ticket = r.begin();
    r.acked(ev('a', 'arrived'));
    const kept = r.settle(ticket, day('pending'), [ev('a', 'delivered'), ev('b', 'arrived')]);
    expect(statuses(kept)).toEqual(['delivered', 'arrived']);
  });

  it('drops an answer that comes after the answer of a fetch begun later', () => {
    const r = new DayRefreshes();
    const first = r.begin();
    const second = r.begin();
    expect(r.settle(second, day('arrived', 'Van 2'), [])?.route?.vehicleName).toBe('Van 2');
    expect(r.settle(first, day('pending', 'Van 1'), [])).toBeNull();
    // A third fetch still counts.
    expect(r.settle(r.begin(), day('delivered'), [])).not.toBeNull();
  });
});
