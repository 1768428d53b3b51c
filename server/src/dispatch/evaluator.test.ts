import { layOutShift, PlanOptions } from '@tournee/shared';
import { solve } from '@tournee/solver';
import { describe, expect, it } from 'vitest';
import { buildProblem, type OrderInput } from '../planning/problem-builder.ts';
import { mapSolution } from '../planning/result-mapper.ts';
import { coordinateTravel, DEFAULT_TRAVEL } from '../travel/travel.ts';
import { type EvalShift, type EvalStop, evaluateRoute } from './evaluator.ts';

const ZONE = 'Europe/Paris';
const DATE = '2027-02-02';
const DEPOT = [4.8322, 45.7295] as const;
const laid = layOutShift(DATE, '08:00', '17:00', [{ start: '12:00', end: '14:00', durationMin: 30 }], ZONE);

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

const stop = (i: number, over: Partial<EvalStop> = {}): EvalStop => ({
  stopId: `s${i}`,
  orderId: `o${i}`,
  ref: `R${i}`,
  kind: 'delivery',
  breakIndex: null,
  location: [4.83 + i * 0.01, 45.75],
  serviceS: 300,
  demand: [10],
  skills: [],
  dateFrom: DATE,
  dateTo: DATE,
  timeWindows: [],
  ...over,
});

describe('route evaluator', () => {
  it('finds nothing wrong with a light route and leaves the depot to arrive at the first window', () => {
    const e = evaluateRoute(
      shift,
      [stop(1, { timeWindows: [{ start: '09:00', end: '10:00' }] }), stop(2)],
      coordinateTravel(),
    );
    expect(e.violations).toEqual([]);
    expect(e.stops[0]!.waitingS).toBe(0);
    expect(new Date(e.stops[0]!.arrivalMs).toISOString()).toBe('2027-02-02T08:00:00.000Z'); // 09:00 Paris
    expect(e.startMs).toBeGreaterThan(shift.startMs);
  });

  it('names every broken rule: late, capacity, skill, wrong day, shift end, max stops', () => {
    const e = evaluateRoute(
      { ...shift, maxStops: 2, endMs: shift.startMs + 3600 * 1000 },
      [
        stop(1, { timeWindows: [{ start: '08:00', end: '08:05' }], demand: [80], skills: ['fridge'] }),
        stop(2, { demand: [50], dateFrom: '2027-02-03', dateTo: '2027-02-04', serviceS: 3 * 3600 }),
        stop(3),
      ],
      coordinateTravel(),
    );
    const kinds = e.violations.map((v) => v.kind).sort();
    expect(kinds).toEqual(['capacity', 'late', 'max_stops', 'shift_end', 'skill', 'wrong_day']);
    const late = e.violations.find((v) => v.kind === 'late')!;
    expect(late.message).toMatch(/^late at stop 1 \(R1\) by \d+ min$/);
    expect(e.violations.find((v) => v.kind === 'capacity')!.message).toBe('over capacity on kg: 140 for 100');
  });

  it('agrees with the solver: a solved route has no violation and no later service start', async () => {
    const orders: OrderInput[] = Array.from({ length: 25 }, (_, i) => ({
      id: `o${i}`,
      location: [4.8 + (i % 5) * 0.015, 45.72 + Math.floor(i / 5) * 0.012],
      dateFrom: DATE,
      dateTo: DATE,
      timeWindows:
        i % 3 === 0 ? [{ start: '09:00', end: '11:00' }] : i % 3 === 1 ? [{ start: '13:30', end: '16:00' }] : [],
      serviceS: 300,
      demand: [3],
      skills: [],
      priority: 0,
    }));
    const built = buildProblem({
      zone: ZONE,
      from: DATE,
      to: DATE,
      dimensions: ['kg'],
      depots: new Map([['d', { id: 'd', location: DEPOT, timeZone: ZONE }]]),
      vehicles: new Map([
        [
          'v',
          {
            id: 'v',
            name: 'V',
            depotId: 'd',
            endDepotId: null,
            capacity: [100],
            skills: [],
            fixedCost: 0,
            costPerKm: 0,
            costPerHour: 0,
            maxStops: null,
            maxDurationS: null,
            maxDistanceM: null,
            speedFactor: 1,
          },
        ],
      ]),
      shifts: [
        {
          id: 'sh',
          vehicleId: 'v',
          driverId: null,
          localDate: DATE,
          startAt: laid.startAt.toISOString(),
          endAt: laid.endAt.toISOString(),
          breaks: laid.breaks,
        },
      ],
      orders,
      options: PlanOptions.parse(undefined),
      travel: DEFAULT_TRAVEL,
    });
    const result = mapSolution(built, await solve(built.problem, { timeLimitMs: 500 }));
    const route = result.routes[0]!;
    const byId = new Map(orders.map((o) => [o.id, o]));
    const stops: EvalStop[] = route.stops.map((s, i) => {
      if (s.kind === 'break')
        return {
          ...stop(i),
          orderId: null,
          kind: 'break',
          breakIndex: s.breakIndex,
          location: null,
          demand: [],
          serviceS: 1800,
        };
      const o = byId.get(s.orderId!)!;
      return {
        ...stop(i),
        orderId: o.id,
        location: o.location,
        timeWindows: o.timeWindows,
        demand: o.demand,
        serviceS: o.serviceS,
      };
    });
    const e = evaluateRoute(shift, stops, coordinateTravel());
    expect(e.violations).toEqual([]);
    e.stops.forEach((t, i) => {
      const solver = route.stops[i]!;
      expect(t.arrivalMs + t.waitingS * 1000).toBeLessThanOrEqual(
        solver.arrivalAt.getTime() + solver.waitingS * 1000 + 1000,
      );
    });
    expect(e.distanceM).toBeCloseTo(route.distanceM, 0);
  });
});
