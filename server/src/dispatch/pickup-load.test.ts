import { layOutShift } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import { coordinateTravel } from '../travel/travel.ts';
import { type EvalShift, type EvalStop, evaluateRoute } from './evaluator.ts';

const ZONE = 'Europe/Paris';
const DATE = '2027-02-02';
const DEPOT = [4.8322, 45.7295] as const;
const laid = layOutShift(DATE, '08:00', '17:00', [], ZONE);
const shift: EvalShift = {
  zone: ZONE,
  localDate: DATE,
  startMs: laid.startAt.getTime(),
  endMs: laid.endAt.getTime(),
  breaks: [],
  start: DEPOT,
  end: DEPOT,
  dimensions: ['kg'],
  capacity: [100],
  skills: [],
  maxStops: null,
  maxDurationS: null,
  maxDistanceM: null,
  slowness: 1,
};

const stop = (order: string, kind: 'pickup' | 'delivery', i: number, kg: number): EvalStop => ({
  stopId: `${order}-${kind}`,
  orderId: order,
  ref: order,
  kind,
  breakIndex: null,
  location: [4.83 + i * 0.01, 45.75],
  serviceS: 300,
  demand: [kg],
  skills: [],
  dateFrom: DATE,
  dateTo: DATE,
  timeWindows: [],
});

describe('the load of a route with pickup and delivery orders', () => {
  it('carries each order only from its pickup to its delivery: 60 kg twice in turn fits 100 kg', () => {
    const e = evaluateRoute(
      shift,
      [
        stop('A', 'pickup', 1, 60),
        stop('A', 'delivery', 2, 60),
        stop('B', 'pickup', 3, 60),
        stop('B', 'delivery', 4, 60),
      ],
      coordinateTravel(),
    );
    expect(e.violations).toEqual([]);
  });

  it('names the capacity broken when both are on board at once, and counts depot goods from the start', () => {
    const both = evaluateRoute(
      shift,
      [
        stop('A', 'pickup', 1, 60),
        stop('B', 'pickup', 2, 60),
        stop('A', 'delivery', 3, 60),
        stop('B', 'delivery', 4, 60),
      ],
      coordinateTravel(),
    );
    expect(both.violations.map((v) => v.message)).toEqual(['over capacity on kg: 120 for 100']);
    // 50 kg from the depot, delivered last, plus a 60 kg pickup delivered before it: 110 on board.
    const depot = evaluateRoute(
      shift,
      [stop('A', 'pickup', 1, 60), stop('A', 'delivery', 2, 60), stop('C', 'delivery', 3, 50)],
      coordinateTravel(),
    );
    expect(depot.violations.map((v) => v.message)).toEqual(['over capacity on kg: 110 for 100']);
  });

  it('names a pickup whose delivery is before it, or on another route', () => {
    const before = evaluateRoute(shift, [stop('A', 'delivery', 1, 10), stop('A', 'pickup', 2, 10)], coordinateTravel());
    expect(before.violations.map((v) => [v.kind, v.message])).toEqual([
      [
        'pickup_order',
        'stop 2 (A) is picked up but not delivered after it on this route: keep its delivery after its pickup, on the same route',
      ],
    ]);
    const alone = evaluateRoute(shift, [stop('B', 'pickup', 1, 10)], coordinateTravel());
    expect(alone.violations.map((v) => v.kind)).toEqual(['pickup_order']);
    // Its delivery, left on the other route without it, is named there too.
    const delivery = { ...stop('B', 'delivery', 2, 10), pickupAndDelivery: true };
    const orphan = evaluateRoute(shift, [delivery], coordinateTravel());
    expect(orphan.violations.map((v) => v.message)).toEqual([
      'stop 1 (B) is delivered without its pickup before it on this route: keep its pickup before it, on the same route',
    ]);
    // A plain delivery (no pickup) is fine alone.
    expect(evaluateRoute(shift, [stop('C', 'delivery', 2, 10)], coordinateTravel()).violations).toEqual([]);
  });
});
