import { layOutShift, PlanOptions } from '@tournee/shared';
import { solve } from '@tournee/solver';
import { describe, expect, it } from 'vitest';
import { buildProblem, type PlanningInput, type ShiftInput, type VehicleInput } from './problem-builder.ts';
import { mapSolution } from './result-mapper.ts';
import { dayWindows, timeAxis } from '../travel/time-axis.ts';
import { DEFAULT_TRAVEL } from '../travel/travel.ts';

const ZONE = 'Europe/Paris';
const H = 3600;

function shift(id: string, vehicleId: string, date: string, start = '08:00', end = '17:00'): ShiftInput {
  const l = layOutShift(date, start, end, [{ start: '12:00', end: '14:00', durationMin: 30 }], ZONE);
  return {
    id,
    vehicleId,
    driverId: null,
    localDate: date,
    startAt: l.startAt.toISOString(),
    endAt: l.endAt.toISOString(),
    breaks: l.breaks,
  };
}

const van: VehicleInput = {
  id: 'v1',
  name: 'Van 1',
  depotId: 'd1',
  endDepotId: null,
  capacity: [100],
  skills: ['fridge'],
  fixedCost: 0,
  costPerKm: 0,
  costPerHour: 0,
  maxStops: null,
  maxDurationS: null,
  maxDistanceM: null,
  speedFactor: 1,
};

function input(over: Partial<PlanningInput> = {}): PlanningInput {
  return {
    zone: ZONE,
    from: '2026-10-23',
    to: '2026-10-27',
    dimensions: ['kg'],
    depots: new Map([['d1', { id: 'd1', location: [4.83, 45.73] as const, timeZone: ZONE }]]),
    vehicles: new Map([['v1', van]]),
    shifts: [shift('s-fri', 'v1', '2026-10-23'), shift('s-mon', 'v1', '2026-10-26')],
    orders: [],
    options: PlanOptions.parse(undefined),
    travel: DEFAULT_TRAVEL,
    ...over,
  };
}

describe('time axis', () => {
  it('keeps 08:00 at 08:00 local on both sides of the October DST change', () => {
    const axis = timeAxis('2026-10-23', ZONE);
    // Friday 23rd 08:00, then Monday 26th 08:00: three days and the extra hour of the 25th later.
    expect(dayWindows(axis, '2026-10-23', [{ start: '08:00', end: '10:00' }])).toEqual([[8 * H, 10 * H]]);
    expect(dayWindows(axis, '2026-10-26', [{ start: '08:00', end: '10:00' }])).toEqual([
      [(72 + 1 + 8) * H, (72 + 1 + 10) * H],
    ]);
  });

  it('reads no window as the whole calendar day', () => {
    const axis = timeAxis('2026-10-23', ZONE);
    expect(dayWindows(axis, '2026-10-25', [])).toEqual([[48 * H, 48 * H + 25 * H - 1]]);
  });
});

describe('problem builder', () => {
  it('makes one vehicle per dated shift with its breaks, capacity and skills on the axis', () => {
    const built = buildProblem(input());
    expect(built.problem.vehicles).toHaveLength(2);
    const mon = built.problem.vehicles[1]!;
    expect(mon.id).toBe('s-mon');
    expect(mon.timeWindow).toEqual([(73 + 8) * H, (73 + 17) * H]);
    expect(mon.breaks?.[0]?.timeWindows).toEqual([[(73 + 12) * H, (73 + 14) * H - 1800]]);
    expect(mon.breaks?.[0]?.serviceS).toBe(1800);
    expect(mon.capacity).toEqual([100]);
    expect(mon.skills).toEqual(['fridge']);
  });

  it('gives an order one window per allowed day that has a shift, and none for days off', () => {
    const built = buildProblem(
      input({
        orders: [
          {
            id: 'o1',
            location: [4.84, 45.75],
            dateFrom: '2026-10-20',
            dateTo: '2026-10-30',
            timeWindows: [{ start: '09:00', end: '11:00' }],
            serviceS: 300,
            demand: [5],
            skills: [],
            priority: 0,
          },
          {
            id: 'o2',
            location: [4.84, 45.75],
            dateFrom: '2026-10-24',
            dateTo: '2026-10-25',
            timeWindows: [],
            serviceS: 300,
            demand: [5],
            skills: [],
            priority: 0,
          },
        ],
      }),
    );
    expect(built.problem.jobs?.[0]?.timeWindows).toEqual([
      [9 * H, 11 * H],
      [(73 + 9) * H, (73 + 11) * H],
    ]);
    expect(built.noShift.map((o) => o.id)).toEqual(['o2']);
  });

  it('cuts the shift at start + max duration and turns the slowness factor into a speed factor', () => {
    const built = buildProblem(
      input({ vehicles: new Map([['v1', { ...van, maxDurationS: 4 * H, speedFactor: 1.25 }]]) }),
    );
    expect(built.problem.vehicles[0]?.timeWindow).toEqual([8 * H, 12 * H]);
    expect(built.problem.vehicles[0]?.speedFactor).toBeCloseTo(0.8);
  });

  it('maps a solved plan back to instants in the right local windows', async () => {
    const built = buildProblem(
      input({
        orders: [
          {
            id: 'o1',
            location: [4.84, 45.75],
            dateFrom: '2026-10-26',
            dateTo: '2026-10-26',
            timeWindows: [{ start: '09:00', end: '09:30' }],
            serviceS: 300,
            demand: [5],
            skills: [],
            priority: 0,
          },
          {
            id: 'o2',
            location: [4.85, 45.76],
            dateFrom: '2026-10-23',
            dateTo: '2026-10-23',
            timeWindows: [],
            serviceS: 300,
            demand: [500],
            skills: [],
            priority: 0,
          },
        ],
      }),
    );
    const result = mapSolution(built, await solve(built.problem, { timeLimitMs: 300 }));
    const stop = result.routes.flatMap((r) => r.stops).find((s) => s.orderId === 'o1');
    const serviceStart = new Date(stop!.arrivalAt.getTime() + stop!.waitingS * 1000);
    // 09:00–09:30 in Paris on Monday 26 October (winter time, UTC+1) is 08:00–08:30 UTC.
    expect(serviceStart.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-10-26T08:00:00Z'));
    expect(serviceStart.getTime()).toBeLessThanOrEqual(Date.parse('2026-10-26T08:30:00Z'));
    expect(result.unassigned).toEqual([{ orderId: 'o2', reason: 'capacity' }]);
  });

  it('turns the options into costs and caps: earliest days cheaper, vehicles dear, stops balanced', () => {
    const orders = Array.from({ length: 10 }, (_, i) => ({
      id: `o${i}`,
      location: [4.84, 45.75] as const,
      dateFrom: '2026-10-23',
      dateTo: '2026-10-26',
      timeWindows: [],
      serviceS: 300,
      demand: [1],
      skills: [],
      priority: 0,
    }));
    const plain = buildProblem(input({ orders }));
    expect(plain.problem.vehicles[0]?.costs).toEqual({ fixed: 0, perHour: 3600, perKm: 0 });
    const opts = buildProblem(
      input({ orders, options: { balance: true, preferEarliest: true, minimiseVehicles: true } }),
    );
    const [fri, mon] = opts.problem.vehicles;
    expect(mon!.costs!.perHour!).toBeGreaterThan(fri!.costs!.perHour!);
    expect(fri!.costs!.fixed).toBe(10_000);
    // 10 orders over 2 routes: at most 1.25 × 5 + 1 stops each.
    expect(fri!.maxStops).toBe(8);
  });

  it('resumes a started route from its last visited stop, without the breaks it took', () => {
    const mon = shift('s-mon', 'v1', '2026-10-26');
    const resumed = {
      ...mon,
      resume: { location: [4.9, 45.7] as const, at: '2026-10-26T10:30:00Z', breaksTaken: [0], line: [], visited: 3 },
    };
    const built = buildProblem(input({ shifts: [resumed], vehicles: new Map([['v1', { ...van, maxStops: 10 }]]) }));
    const v = built.problem.vehicles[0]!;
    expect(v.start).toEqual([4.9, 45.7]);
    expect(v.end).toEqual([4.83, 45.73]);
    expect(v.timeWindow?.[0]).toBe((73 + 11.5) * H); // 10:30 UTC is 11:30 in Paris after the change
    expect(v.breaks).toEqual([]);
    expect(v.maxStops).toBe(7);
  });
});
