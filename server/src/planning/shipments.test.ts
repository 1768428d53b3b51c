import { layOutShift, PlanOptions } from '@tournee/shared';
import { solve } from '@tournee/solver';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAVEL } from '../travel/travel.ts';
import { buildProblem, type OrderInput, type PlanningInput, pickupStepId } from './problem-builder.ts';
import { mapSolution } from './result-mapper.ts';

const ZONE = 'Europe/Paris';
const DATE = '2027-03-02';

function input(orders: OrderInput[]): PlanningInput {
  const l = layOutShift(DATE, '08:00', '17:00', [], ZONE);
  return {
    zone: ZONE,
    from: DATE,
    to: DATE,
    dimensions: ['kg'],
    depots: new Map([['d1', { id: 'd1', location: [4.8322, 45.7295] as const, timeZone: ZONE }]]),
    vehicles: new Map([
      [
        'v1',
        {
          id: 'v1',
          name: 'Van',
          depotId: 'd1',
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
        id: 's1',
        vehicleId: 'v1',
        driverId: null,
        localDate: DATE,
        startAt: l.startAt.toISOString(),
        endAt: l.endAt.toISOString(),
        breaks: [],
      },
    ],
    orders,
    options: PlanOptions.parse(undefined),
    travel: DEFAULT_TRAVEL,
  };
}

const order = (id: string, over: Partial<OrderInput> = {}): OrderInput => ({
  id,
  location: [4.832, 45.7578],
  dateFrom: DATE,
  dateTo: DATE,
  timeWindows: [],
  serviceS: 300,
  demand: [60],
  skills: [],
  priority: 0,
  ...over,
});

describe('pickup and delivery orders as solver shipments', () => {
  it('makes an order with a pickup one shipment (its demand carried), the others jobs', () => {
    const built = buildProblem(
      input([
        order('plain'),
        order('pd', {
          pickup: { location: [4.8055, 45.7745], timeWindows: [{ start: '09:00', end: '10:00' }] },
        }),
      ]),
    );
    expect(built.problem.jobs!.map((j) => j.id)).toEqual(['plain']);
    const [s] = built.problem.shipments!;
    expect(s!.pickup.id).toBe(pickupStepId('pd'));
    expect(s!.pickup.location).toEqual([4.8055, 45.7745]);
    expect(s!.delivery.id).toBe('pd');
    expect(s!.amount).toEqual([60]);
    // 09:00–10:00 in Paris (UTC+1 in March) on the axis of the plan's first day, in seconds.
    expect(s!.pickup.timeWindows).toHaveLength(1);
    expect(s!.pickup.timeWindows![0]![1] - s!.pickup.timeWindows![0]![0]).toBe(3600);
    expect(built.orders.map((o) => o.id)).toEqual(['plain', 'pd']);
  });

  it('routes the pickup before the delivery, each at its own place; two 60 kg orders fit 100 kg in turn', async () => {
    const pickup = { location: [4.8055, 45.7745] as const, timeWindows: [] };
    const built = buildProblem(input([order('a', { pickup }), order('b', { pickup, location: [4.85, 45.75] })]));
    const result = mapSolution(built, await solve(built.problem, { timeLimitMs: 500 }));
    expect(result.unassigned).toEqual([]);
    const stops = result.routes.flatMap((r) => r.stops);
    expect(stops.map((s) => `${s.kind}:${s.orderId}`).sort()).toEqual([
      'delivery:a',
      'delivery:b',
      'pickup:a',
      'pickup:b',
    ]);
    for (const id of ['a', 'b']) {
      const p = stops.findIndex((s) => s.kind === 'pickup' && s.orderId === id);
      const d = stops.findIndex((s) => s.kind === 'delivery' && s.orderId === id);
      expect(p).toBeLessThan(d);
      expect(stops[p]!.location).toEqual([4.8055, 45.7745]);
    }
    // Never both on board: 120 kg would not fit.
    const seq = stops.map((s) => s.kind);
    expect(seq).toEqual(['pickup', 'delivery', 'pickup', 'delivery']);
  });

  it('lists an order whose pickup cannot come before its delivery once, by its order id', async () => {
    // Picked up from 16:00 but delivered by 10:00 the same day: no route can do it.
    const built = buildProblem(
      input([
        order('late', {
          timeWindows: [{ start: '08:00', end: '10:00' }],
          pickup: { location: [4.8055, 45.7745], timeWindows: [{ start: '16:00', end: '17:00' }] },
        }),
      ]),
    );
    const result = mapSolution(built, await solve(built.problem, { timeLimitMs: 300 }));
    expect(result.routes.flatMap((r) => r.stops)).toEqual([]);
    expect(result.unassigned.map((u) => u.orderId)).toEqual(['late']);
  });

  it('delivers goods already picked up (a started route planned again) only from the van that holds them', async () => {
    const base = input([order('held', { onBoard: 's2' }), order('free', { location: [4.85, 45.75] })]);
    const v2 = { ...base.vehicles.get('v1')!, id: 'v2', name: 'Van 2' };
    // Van 2's shift comes second: the solver would otherwise fill the first van.
    const withTwo: typeof base = {
      ...base,
      vehicles: new Map([...base.vehicles, ['v2', v2]]),
      shifts: [...base.shifts, { ...base.shifts[0]!, id: 's2', vehicleId: 'v2' }],
    };
    const built = buildProblem(withTwo);
    expect(built.problem.jobs!.find((j) => j.id === 'held')!.skills).toEqual(['onboard:s2']);
    expect(built.problem.vehicles.map((v) => v.skills)).toEqual([[], ['onboard:s2']]);
    const result = mapSolution(built, await solve(built.problem, { timeLimitMs: 300 }));
    const routeOf = (id: string) => result.routes.find((r) => r.stops.some((x) => x.orderId === id))?.shift.id;
    expect(routeOf('held')).toBe('s2');
  });
});
