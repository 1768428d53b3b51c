import { ORDER_STATUSES, type OrderStatus } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import { FOLLOWING_STATUSES, ORDER_TRANSITIONS, type TransitionCause, whyNot } from './transitions.ts';

describe('the order transition table', () => {
  it.each<[OrderStatus, OrderStatus, TransitionCause]>([
    ['imported', 'planned', 'plan'],
    ['planned', 'dispatched', 'publish'],
    ['dispatched', 'in_progress', 'route_start'],
    // A pickup and delivery order: picked up, or its pickup failed.
    ['dispatched', 'in_progress', 'stop_event'],
    ['dispatched', 'failed', 'stop_event'],
    ['in_progress', 'delivered', 'stop_event'],
    ['in_progress', 'failed', 'stop_event'],
    ['in_progress', 'skipped', 'stop_event'],
    ['planned', 'imported', 'edit'],
    ['dispatched', 'imported', 'plan'],
    ['in_progress', 'imported', 'edit'],
    ['imported', 'dispatched', 'edit'],
    ['failed', 'imported', 'requeue'],
    ['skipped', 'imported', 'requeue'],
    ['failed', 'delivered', 'stop_event'],
    ['delivered', 'failed', 'stop_event'],
    ['imported', 'on_hold', 'hold'],
    ['on_hold', 'imported', 'release'],
    ['imported', 'cancelled', 'cancel'],
    ['planned', 'cancelled', 'cancel'],
    ['failed', 'cancelled', 'cancel'],
    ['on_hold', 'cancelled', 'cancel'],
    ['failed', 'imported', 'reschedule'],
    ['skipped', 'imported', 'reschedule'],
    ['on_hold', 'imported', 'reschedule'],
    ['failed', 'on_hold', 'hold'],
    ['imported', 'delivered', 'stop_event'],
    ['on_hold', 'delivered', 'stop_event'],
  ])('allows %s → %s by %s', (from, to, cause) => {
    expect(whyNot(from, to, cause)).toBeNull();
  });

  it.each<[OrderStatus, OrderStatus, TransitionCause, RegExp]>([
    ['cancelled', 'imported', 'requeue', /cancelled, which is final/],
    ['cancelled', 'planned', 'plan', /cancelled, which is final/],
    ['dispatched', 'cancelled', 'cancel', /dispatched: take its stop off the route/],
    ['in_progress', 'cancelled', 'cancel', /in_progress: take its stop off the route/],
    ['delivered', 'cancelled', 'cancel', /delivered; only a stop event/],
    ['delivered', 'imported', 'requeue', /delivered; only a stop event/],
    ['dispatched', 'delivered', 'stop_event', /only an order on a route that has started can be delivered/],
    ['imported', 'failed', 'stop_event', /only an order on a route that has started can be failed/],
    ['on_hold', 'planned', 'plan', /on hold: release it first/],
    ['failed', 'planned', 'plan', /cannot go from failed to planned/],
    ['in_progress', 'delivered', 'edit', /by stop_event, not by edit/],
    ['planned', 'dispatched', 'route_start', /by plan or edit or publish, not by route_start/],
    ['dispatched', 'skipped', 'route_start', /by stop_event, not by route_start/],
    ['delivered', 'imported', 'reschedule', /delivered; only a stop event/],
    ['dispatched', 'imported', 'reschedule', /by plan or edit, not by reschedule/],
    ['cancelled', 'imported', 'reschedule', /cancelled, which is final/],
  ])('refuses %s → %s by %s, saying why', (from, to, cause, reason) => {
    expect(whyNot(from, to, cause)).toMatch(reason);
  });

  it('treats staying in the same status as no transition', () => {
    for (const s of ORDER_STATUSES) expect(whyNot(s, s, 'edit')).toBeNull();
  });

  it('lets an order on a route follow it between any two route statuses', () => {
    for (const from of FOLLOWING_STATUSES)
      for (const to of FOLLOWING_STATUSES) {
        expect(whyNot(from, to, 'plan')).toBeNull();
        expect(whyNot(from, to, 'edit')).toBeNull();
      }
  });

  it('has a row for every status, and a cancelled order goes nowhere', () => {
    expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual([...ORDER_STATUSES].sort());
    expect(ORDER_TRANSITIONS.cancelled).toEqual({});
  });
});
