import type { PlannedRoute, RouteStop } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import {
  emptyHistory,
  HISTORY_LIMIT,
  historyKey,
  nextRedo,
  nextUndo,
  recorded,
  redone,
  requestOf,
  stepOf,
  undone,
} from './edit-history.ts';

const stop = (id: string, orderId: string | null): RouteStop =>
  ({ id, orderId, ref: orderId && `R-${orderId}`, kind: orderId ? 'delivery' : 'break' }) as RouteStop;
const route = (id: string, stops: RouteStop[]): PlannedRoute => ({ id, stops }) as PlannedRoute;

// Route A: a1, break, a2; route B: b1.
const day = () => [
  route('A', [stop('s-a1', 'a1'), stop('s-brk', null), stop('s-a2', 'a2')]),
  route('B', [stop('s-b1', 'b1')]),
];

describe('stepOf: what an edit does, read before it is sent', () => {
  it('remembers where a moved stop came from, by order, to put it back', () => {
    const step = stepOf(
      { op: 'move', stopId: 's-a2', toRouteId: 'B', position: 0, force: false, dryRun: false },
      day(),
    );
    expect(step).toEqual({
      forward: { kind: 'move', orderId: 'a2', toRouteId: 'B', position: 0 },
      inverse: { kind: 'move', orderId: 'a2', toRouteId: 'A', position: 2 },
      ref: 'R-a2',
      forced: false,
    });
  });

  it('undoes a stop taken off its route by assigning its order back at the same place', () => {
    const step = stepOf({ op: 'unassign', stopId: 's-a1', force: false, dryRun: false }, day());
    expect(step?.inverse).toEqual({ kind: 'assign', orderId: 'a1', routeId: 'A', position: 0 });
  });

  it('keeps that a forced edit was forced, and cannot undo a break or a reorder', () => {
    expect(
      stepOf({ op: 'move', stopId: 's-b1', toRouteId: 'A', position: 1, force: true, dryRun: false }, day())?.forced,
    ).toBe(true);
    expect(
      stepOf({ op: 'move', stopId: 's-brk', toRouteId: 'A', position: 0, force: false, dryRun: false }, day()),
    ).toBeNull();
    expect(
      stepOf({ op: 'reorder', routeId: 'A', stopIds: ['s-a2', 's-brk', 's-a1'], force: false, dryRun: false }, day()),
    ).toBeNull();
  });
});

describe('requestOf: a step against the routes as they are now', () => {
  it("finds the order's current stop, whatever its id became", () => {
    const now = [route('A', [stop('s-new', 'a1')]), route('B', [])];
    expect(requestOf({ kind: 'move', orderId: 'a1', toRouteId: 'B', position: 0 }, now, true)).toEqual({
      op: 'move',
      stopId: 's-new',
      toRouteId: 'B',
      position: 0,
      force: true,
      dryRun: false,
    });
    expect(requestOf({ kind: 'unassign', orderId: 'a1' }, now, false)).toMatchObject({
      op: 'unassign',
      stopId: 's-new',
    });
    expect(requestOf({ kind: 'assign', orderId: 'zz', routeId: 'B', position: 3 }, now, true)).toMatchObject({
      op: 'assign',
      orderId: 'zz',
    });
  });

  it('gives null when the order is no longer on any route', () => {
    expect(requestOf({ kind: 'move', orderId: 'gone', toRouteId: 'B', position: 0 }, day(), true)).toBeNull();
  });
});

describe('undo and redo of several steps', () => {
  const s = (n: string) => stepOf({ op: 'unassign', stopId: n, force: false, dryRun: false }, day())!;

  it('undoes three steps newest first, and redoes the last undone', () => {
    let h = recorded(recorded(recorded(emptyHistory, s('s-a1')), s('s-a2')), s('s-b1'));
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      order.push(nextUndo(h)!.ref);
      h = undone(h);
    }
    expect(order).toEqual(['R-b1', 'R-a2', 'R-a1']);
    expect(nextUndo(h)).toBeNull();
    expect(nextRedo(h)?.ref).toBe('R-a1');
    h = redone(h);
    expect(nextUndo(h)?.ref).toBe('R-a1');
    expect(nextRedo(h)?.ref).toBe('R-a2');
  });

  it('forgets what could be redone once a new edit is made', () => {
    const h = undone(recorded(emptyHistory, s('s-a1')));
    expect(recorded(h, s('s-b1')).future).toEqual([]);
  });

  it(`keeps the last ${HISTORY_LIMIT} steps`, () => {
    let h = emptyHistory;
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) h = recorded(h, s('s-a1'));
    expect(h.past).toHaveLength(HISTORY_LIMIT);
  });
});

describe('historyKey', () => {
  const k = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }>) =>
    historyKey({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
  it('reads Ctrl+Z as undo, Ctrl+Shift+Z and Ctrl+Y as redo, ⌘ as Ctrl', () => {
    expect(k('z', { ctrlKey: true })).toBe('undo');
    expect(k('Z', { ctrlKey: true, shiftKey: true })).toBe('redo');
    expect(k('y', { ctrlKey: true })).toBe('redo');
    expect(k('z', { metaKey: true })).toBe('undo');
    expect(k('z', {})).toBeNull();
    expect(k('z', { ctrlKey: true, altKey: true })).toBeNull();
  });
});
