import type { DriverStop } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import { dayPosition, isOpen, mainAction, stopNumber } from './next-stop.ts';

type S = Pick<DriverStop, 'id' | 'kind' | 'status' | 'seq'>;
const stop = (seq: number, status: DriverStop['status'] = 'pending', kind: DriverStop['kind'] = 'delivery'): S => ({
  id: `s${seq}`,
  seq,
  kind,
  status,
});

describe('stop numbers', () => {
  it('numbers the visits from 1; a break takes none and does not shift the ones after it', () => {
    const route = [stop(1), stop(2), stop(3, 'pending', 'break'), stop(4), stop(5)];
    expect(route.map((s) => stopNumber(route, s))).toEqual([1, 2, null, 3, 4]);
  });
});

describe('dayPosition', () => {
  it('finds the first stop still to do, never a break', () => {
    const p = dayPosition([stop(1, 'delivered'), stop(2, 'pending', 'break'), stop(3), stop(4)]);
    expect(p.next?.id).toBe('s3');
    expect(p.breakBefore?.id).toBe('s2');
    expect([p.done, p.total]).toEqual([1, 3]);
  });

  it('keeps the stop the driver has arrived at as the next one, with the break behind', () => {
    const p = dayPosition([stop(1, 'delivered'), stop(2, 'pending', 'break'), stop(3, 'arrived')]);
    expect(p.next?.id).toBe('s3');
    expect(p.breakBefore).toBeNull();
  });

  it('counts failed and skipped stops as done, and ends with no next stop', () => {
    const p = dayPosition([stop(2, 'failed'), stop(1, 'skipped'), stop(3, 'pending', 'break'), stop(4, 'delivered')]);
    expect(p).toEqual({ next: null, breakBefore: null, reloadBefore: null, done: 3, total: 3 });
  });

  it('orders by the route sequence, not the array order', () => {
    expect(dayPosition([stop(3), stop(2)]).next?.id).toBe('s2');
  });

  it('passes a reload at the depot like a break: never the next stop, not counted, shown before the stop after it', () => {
    const route = [stop(1, 'delivered'), stop(2, 'pending', 'reload'), stop(3, 'pending', 'break'), stop(4), stop(5)];
    const p = dayPosition(route);
    expect(p.next?.id).toBe('s4');
    expect(p.reloadBefore?.id).toBe('s2');
    expect(p.breakBefore?.id).toBe('s3');
    expect([p.done, p.total]).toEqual([1, 3]);
    // Numbered like the planner: the reload takes no number.
    expect(route.map((s) => stopNumber(route, s))).toEqual([1, null, null, 2, 3]);
    // Once the driver is at the next stop, the reload is behind them.
    expect(
      dayPosition([stop(1, 'delivered'), stop(2, 'pending', 'reload'), stop(3, 'arrived')]).reloadBefore,
    ).toBeNull();
  });

  it('has no break before a stop that follows a delivery', () => {
    expect(dayPosition([stop(1, 'pending', 'break'), stop(2, 'delivered'), stop(3)]).breakBefore).toBeNull();
  });
});

describe('the big button', () => {
  it('says Arrived first, then Delivered', () => {
    expect(mainAction({ status: 'pending' })).toBe('arrived');
    expect(mainAction({ status: 'arrived' })).toBe('delivered');
    expect(isOpen({ kind: 'break', status: 'pending' })).toBe(false);
  });
});
