import { layOutShift } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import type { EvalShift, EvalStop } from '../dispatch/evaluator.ts';
import { coordinateTravel } from '../travel/travel.ts';
import { routeFigures, totalFigures, withBreaks } from './figures.ts';

const ZONE = 'Europe/Paris';
const DATE = '2027-02-02';
const DEPOT = [4.8322, 45.7295] as const;
const travel = coordinateTravel({ speedMps: 10, circuity: 1 });
const laid = layOutShift(DATE, '08:00', '12:00', [{ start: '10:00', end: '11:00', durationMin: 30 }], ZONE);
const shift: EvalShift = {
  zone: ZONE,
  localDate: DATE,
  startMs: laid.startAt.getTime(),
  endMs: laid.endAt.getTime(),
  breaks: laid.breaks.map((b) => ({ startMs: Date.parse(b.startAt), endMs: Date.parse(b.endAt), durationS: 1800 })),
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
// Stops of an hour each, 1 km apart: the 30-min break between 10:00 and 11:00 fits after the second.
const stop = (i: number, tw: { start: string; end: string }[] = []): EvalStop => ({
  stopId: null,
  orderId: null,
  ref: `R${i}`,
  kind: 'delivery',
  breakIndex: null,
  location: [DEPOT[0], DEPOT[1] + (i * 1000) / 111_195],
  serviceS: 3600,
  demand: [10],
  skills: [],
  dateFrom: DATE,
  dateTo: DATE,
  timeWindows: tw,
});
const costs = { fixedCost: 0, costPerKm: 0, costPerHour: 0 };

describe('a baseline route’s figures', () => {
  it('takes the shift’s break where it breaks no rule, as a driver would', () => {
    const stops = withBreaks(shift, [stop(1), stop(2), stop(3)], travel);
    expect(stops.map((s) => s.kind)).toEqual(['delivery', 'delivery', 'break', 'delivery']);
    const f = routeFigures(shift, stops, costs, travel);
    // 3 h of service, 30 min of break, 6 km at 10 m/s: back at 11:40, inside the 12:00 shift end.
    expect(f.durationS).toBeCloseTo(3 * 3600 + 1800 + 600, 0);
    expect(f.overtimeS).toBe(0);
    expect(f.evaluation.violations).toEqual([]);
    expect(f.stops).toBe(3);
  });

  it('counts a stop served after its window as late, and time past the shift end as overtime', () => {
    const stops = withBreaks(shift, [stop(1), stop(2), stop(3), stop(4, [{ start: '08:00', end: '09:00' }])], travel);
    const f = routeFigures(shift, stops, costs, travel);
    expect(f.lateStops).toBe(1);
    // 4 h of service, a 30-min break and 8 km at 10 m/s in a 4-h shift: 43 min 20 s over.
    expect(f.overtimeS).toBe(2600);
    expect(totalFigures([f, { ...f, stops: 0 }]).vehicles).toBe(1);
  });
});
