/**
 * The problem builder's rules of real fleets (pure): weekly hours, daily rest, driving breaks,
 * reloads, loading docks and balance, as solver terms.
 */
import { EU_WORKING_TIME, isoWeekOf, layOutShift, PlanOptions } from '@tournee/shared';
import { validateProblem } from '@tournee/solver';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAVEL } from '../travel/travel.ts';
import { dockDepartures, dockLeave } from '../fleet/docks.ts';
import { drivingBreaks, restBounds, weeklyLimits } from './fleet-rules.ts';
import { maxDrivingMessage, workLimitMessage } from './rule-figures.ts';
import { buildProblem, type PlanningInput, type ShiftInput, type VehicleInput } from './problem-builder.ts';

const ZONE = 'Europe/Paris';
const H = 3600;

function shift(id: string, vehicleId: string, date: string, driverId: string | null, start = '08:00', end = '17:00') {
  const l = layOutShift(date, start, end, [], ZONE);
  return {
    id,
    vehicleId,
    driverId,
    localDate: date,
    startAt: l.startAt.toISOString(),
    endAt: l.endAt.toISOString(),
    breaks: l.breaks,
  } satisfies ShiftInput;
}

const van: VehicleInput = {
  id: 'v1',
  name: 'Van 1',
  depotId: 'd1',
  endDepotId: null,
  capacity: [100],
  skills: [],
  fixedCost: 50,
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
    from: '2026-12-07',
    to: '2026-12-13',
    dimensions: ['kg'],
    depots: new Map([['d1', { id: 'd1', location: [4.83, 45.73] as const, timeZone: ZONE }]]),
    vehicles: new Map([['v1', van]]),
    shifts: [],
    orders: [],
    options: PlanOptions.parse(undefined),
    travel: DEFAULT_TRAVEL,
    ...over,
  };
}

describe('ISO weeks', () => {
  it('number weeks from the one holding the first Thursday', () => {
    expect(isoWeekOf('2026-12-07').label).toBe('2026-W50');
    expect(isoWeekOf('2027-01-01').label).toBe('2026-W53');
    expect(isoWeekOf('2027-01-04').label).toBe('2027-W01');
  });
});

describe('weekly hours', () => {
  it('gives one work limit per driver and ISO week, less the hours worked outside the plan', () => {
    const shifts = [
      shift('mon-a', 'v1', '2026-12-07', 'anne'),
      shift('tue-a', 'v1', '2026-12-08', 'anne'),
      shift('mon-b', 'v1', '2026-12-07', 'bob'),
      shift('next-week-a', 'v1', '2026-12-14', 'anne'),
      shift('nobody', 'v1', '2026-12-09', null),
    ];
    const outside = [
      // 10 h on Saturday of the same week (a kept route), and a shift without a route (no hours).
      {
        driverId: 'anne',
        localDate: '2026-12-12',
        startAt: '2026-12-12T07:00:00Z',
        endAt: '2026-12-12T17:00:00Z',
        worked: true,
      },
      {
        driverId: 'bob',
        localDate: '2026-12-12',
        startAt: '2026-12-12T07:00:00Z',
        endAt: '2026-12-12T17:00:00Z',
        worked: false,
      },
    ];
    const limits = weeklyLimits(shifts, EU_WORKING_TIME, outside);
    expect(limits).toEqual([
      { id: 'week:anne:2026-W50', vehicles: ['mon-a', 'tue-a'], maxWorkS: 38 * H },
      { id: 'week:bob:2026-W50', vehicles: ['mon-b'], maxWorkS: 48 * H },
      { id: 'week:anne:2026-W51', vehicles: ['next-week-a'], maxWorkS: 48 * H },
    ]);
    expect(weeklyLimits(shifts, { ...EU_WORKING_TIME, maxWeeklyHours: null }, outside)).toEqual([]);
  });

  it('reach the solver problem, with the balance weight when asked', () => {
    const built = buildProblem(
      input({
        shifts: [shift('mon-a', 'v1', '2026-12-07', 'anne')],
        rules: EU_WORKING_TIME,
        options: PlanOptions.parse({ balance: true }),
      }),
    );
    expect(built.problem.workLimits).toEqual([{ id: 'week:anne:2026-W50', vehicles: ['mon-a'], maxWorkS: 48 * H }]);
    expect(built.problem.balance).toBe(1);
    // Balance no longer zeroes the fixed cost.
    expect(built.problem.vehicles[0]?.costs?.fixed).toBe(50);
  });
});

describe('daily rest', () => {
  it("ends a shift early enough for the rest before the driver's next day, not before a split shift", () => {
    const shifts = [
      shift('mon', 'v1', '2026-12-07', 'anne', '14:00', '23:00'),
      shift('tue-am', 'v1', '2026-12-08', 'anne', '06:00', '10:00'),
      shift('tue-pm', 'v1', '2026-12-08', 'anne', '12:00', '16:00'),
    ];
    const b = restBounds(shifts, EU_WORKING_TIME, []);
    // Tuesday 06:00 Paris = 05:00 UTC; 11 h before: Monday 18:00 UTC = 19:00 Paris.
    expect(b.get('mon')).toEqual({ latestEndMs: Date.parse('2026-12-07T18:00:00Z') });
    expect(b.has('tue-am')).toBe(false);
    const built = buildProblem(input({ shifts, rules: EU_WORKING_TIME }));
    expect(built.problem.vehicles[0]?.timeWindow).toEqual([14 * H, 19 * H]);
  });

  it('starts a shift rested after a route outside the plan the day before', () => {
    const shifts = [shift('tue', 'v1', '2026-12-08', 'anne', '06:00', '15:00')];
    const outside = [
      {
        driverId: 'anne',
        localDate: '2026-12-07',
        startAt: '2026-12-07T12:00:00Z',
        endAt: '2026-12-07T21:00:00Z',
        worked: true,
      },
    ];
    expect(restBounds(shifts, EU_WORKING_TIME, outside).get('tue')).toEqual({
      earliestStartMs: Date.parse('2026-12-08T08:00:00Z'),
    });
  });
});

describe('driving before a break', () => {
  it('sets the limit and adds the breaks a long shift needs, counting its own long-enough breaks', () => {
    expect(drivingBreaks('s', [0, 4 * H], EU_WORKING_TIME, [])).toEqual([]);
    const nine = drivingBreaks('s', [8 * H, 17 * H], EU_WORKING_TIME, []);
    expect(nine).toEqual([
      { id: 's#drive0', description: 'driving break', timeWindows: [[8 * H, 17 * H - 2700]], serviceS: 2700 },
    ]);
    expect(drivingBreaks('s', [8 * H, 17 * H], EU_WORKING_TIME, [2700])).toEqual([]);
    // A 30-minute lunch is no driving break.
    expect(drivingBreaks('s', [8 * H, 17 * H], EU_WORKING_TIME, [1800])).toHaveLength(1);
    // One break at most, even on a 14 h shift: it allows 9 h of driving, the EU daily maximum.
    expect(drivingBreaks('s', [6 * H, 20 * H], EU_WORKING_TIME, [])).toHaveLength(1);
    const built = buildProblem(input({ shifts: [shift('mon', 'v1', '2026-12-07', 'anne')], rules: EU_WORKING_TIME }));
    expect(built.problem.vehicles[0]?.maxDrivingS).toBe(4.5 * H);
    expect(built.problem.vehicles[0]?.drivingBreakS).toBe(45 * 60);
    expect(built.problem.vehicles[0]?.breaks).toHaveLength(1);
  });
});

describe('reloads', () => {
  it('let a vehicle with reload minutes go back to its depot, not a resumed route', () => {
    const vehicles = new Map([['v1', { ...van, reloadMin: 20, maxTrips: 2 }]]);
    const mon = shift('mon', 'v1', '2026-12-07', null);
    const built = buildProblem(input({ vehicles, shifts: [mon] }));
    expect(built.problem.vehicles[0]?.reload).toEqual({ reloadS: 1200, maxTrips: 2 });
    const resumed = {
      ...mon,
      resume: { location: [4.9, 45.7] as const, at: '2026-12-07T10:00:00Z', breaksTaken: [], line: [], visited: 1 },
    };
    expect(buildProblem(input({ vehicles, shifts: [resumed] })).problem.vehicles[0]?.reload).toBeUndefined();
    expect(buildProblem(input({ shifts: [mon] })).problem.vehicles[0]?.reload).toBeUndefined();
  });
});

describe('loading docks', () => {
  it('stagger the departures of a depot and day: at most `docks` vans load at once', () => {
    const at8 = Date.parse('2026-12-07T07:00:00Z');
    const depots = new Map([['d1', { docks: 1, loadingMin: 20 }]]);
    const day = (id: string, start = at8) => ({ id, depotId: 'd1', localDate: '2026-12-07', start });
    const leave = dockDepartures([day('a'), day('b'), day('c'), { ...day('x'), localDate: '2026-12-08' }], depots);
    expect([leave.get('a'), leave.get('b'), leave.get('c'), leave.get('x')]).toEqual([
      at8 + 20 * 60_000,
      at8 + 40 * 60_000,
      at8 + 60 * 60_000,
      at8 + 20 * 60_000,
    ]);
    const two = dockDepartures([day('a'), day('b'), day('c')], new Map([['d1', { docks: 2, loadingMin: 20 }]]));
    expect([two.get('a'), two.get('b'), two.get('c')]).toEqual([
      at8 + 20 * 60_000,
      at8 + 20 * 60_000,
      at8 + 40 * 60_000,
    ]);
    // A van starting later takes the first free dock at its start.
    const late = dockDepartures([day('a'), day('b', at8 + 60 * 60_000)], depots);
    expect(late.get('b')).toBe(at8 + 80 * 60_000);
    expect(dockDepartures([day('a')], new Map([['d1', { docks: null, loadingMin: 0 }]])).size).toBe(0);
  });

  it('make the vehicles leave no earlier than their slot', () => {
    const vehicles = new Map([
      ['v1', van],
      ['v2', { ...van, id: 'v2' }],
    ]);
    const depots = new Map([
      ['d1', { id: 'd1', location: [4.83, 45.73] as const, timeZone: ZONE, docks: 1, loadingMin: 30 }],
    ]);
    const built = buildProblem(
      input({
        vehicles,
        depots,
        shifts: [shift('a', 'v1', '2026-12-07', null), shift('b', 'v2', '2026-12-07', null)],
      }),
    );
    expect(built.problem.vehicles.map((v) => v.timeWindow?.[0])).toEqual([8.5 * H, 9 * H]);
  });
});

describe('working-time reasons in words', () => {
  it('name the drivers and their hours in the week, the most loaded first', () => {
    const weeks = [
      { driver: 'Bob', week: 49, label: '2026-W49', hours: 48 },
      { driver: 'Anne', week: 49, label: '2026-W49', hours: 47.52 },
    ];
    expect(workLimitMessage(EU_WORKING_TIME, weeks)).toBe('48 h a week: Bob already has 48 h, Anne 47.5 h in week 49');
    expect(maxDrivingMessage(EU_WORKING_TIME, 5.2 * H)).toBe(
      'at most 4.5 h of driving before a 45 min break; going there and back is 5.2 h of driving',
    );
  });
});

describe('the built problem', () => {
  it('with every rule on is one the solver accepts', () => {
    const vehicles = new Map([['v1', { ...van, reloadMin: 15, maxTrips: 3 }]]);
    const depots = new Map([
      ['d1', { id: 'd1', location: [4.83, 45.73] as const, timeZone: ZONE, docks: 1, loadingMin: 20 }],
    ]);
    const built = buildProblem(
      input({
        vehicles,
        depots,
        shifts: [shift('mon', 'v1', '2026-12-07', 'anne', '06:00', '22:00'), shift('tue', 'v1', '2026-12-08', 'anne')],
        orders: [
          {
            id: 'o1',
            location: [4.84, 45.75],
            dateFrom: '2026-12-07',
            dateTo: '2026-12-08',
            timeWindows: [],
            serviceS: 300,
            demand: [5],
            skills: [],
            priority: 0,
          },
        ],
        rules: EU_WORKING_TIME,
        options: PlanOptions.parse({ balance: true }),
      }),
    );
    expect(() => validateProblem(built.problem)).not.toThrow();
    expect(built.problem.vehicles[0]?.timeWindow?.[1]).toBe(21 * H); // rested 11 h before Tuesday 08:00
  });
});

describe('a van edited into a day whose other vans keep their dock times', () => {
  const M = 60_000;
  const eight = Date.UTC(2027, 2, 23, 7);
  it('loads at the first dock free for its whole loading time', () => {
    // One dock, 20 min: vans leave at 08:20 and 08:40; the dock is free from 08:40.
    expect(dockLeave(eight, 20 * M, 1, [eight + 20 * M, eight + 40 * M])).toBe(eight + 60 * M);
    // A gap of 30 min between two departures (08:20, 09:10) holds a 20 min loading: leave at 08:40.
    expect(dockLeave(eight, 20 * M, 1, [eight + 20 * M, eight + 70 * M])).toBe(eight + 40 * M);
    // Two docks: one is free from the shift start.
    expect(dockLeave(eight, 20 * M, 2, [eight + 20 * M])).toBe(eight + 20 * M);
  });
  it('only loads when the depot has no dock limit, and leaves at its start without loading time', () => {
    expect(dockLeave(eight, 20 * M, null, [eight + 20 * M])).toBe(eight + 20 * M);
    expect(dockLeave(eight, 0, 1, [eight])).toBe(eight);
  });
});
