import type { PlannedRoute } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import { moveEdits, positionAt } from './stop-drag.ts';

const at = (hhmm: string) => `2026-12-01T${hhmm}:00.000Z`;
const route = {
  id: 'r1',
  stops: [
    { id: 'a', plannedArrivalAt: at('08:00'), waitingS: 0 },
    { id: 'b', plannedArrivalAt: at('09:00'), waitingS: 1800 },
    { id: 'c', plannedArrivalAt: at('10:00'), waitingS: 0 },
  ],
} as unknown as PlannedRoute;

describe('timeline drops', () => {
  it('puts a stop after every stop that starts before the drop', () => {
    expect(positionAt(route, Date.parse(at('07:00')), 'x')).toBe(0);
    expect(positionAt(route, Date.parse(at('09:10')), 'x')).toBe(1); // b starts at 09:30, after waiting
    expect(positionAt(route, Date.parse(at('11:00')), 'x')).toBe(3);
  });

  it('ignores the dragged stop itself', () => {
    expect(positionAt(route, Date.parse(at('11:00')), 'c')).toBe(2);
  });
});

describe('moveEdits', () => {
  it('moves to another route and undoes back to where it was', () => {
    expect(moveEdits({ stopId: 'a', fromRouteId: 'r1', fromIndex: 0 }, 'r2', 3)).toEqual([
      { op: 'move', stopId: 'a', toRouteId: 'r2', position: 3, force: false, dryRun: false },
      { op: 'move', stopId: 'a', toRouteId: 'r1', position: 0, force: true, dryRun: false },
    ]);
  });

  it('counts the lifted stop out within one route, and a drop in place is no move', () => {
    expect(moveEdits({ stopId: 'a', fromRouteId: 'r1', fromIndex: 0 }, 'r1', 3)?.[0]).toMatchObject({ position: 2 });
    expect(moveEdits({ stopId: 'b', fromRouteId: 'r1', fromIndex: 1 }, 'r1', 2)).toBeNull();
  });
});
