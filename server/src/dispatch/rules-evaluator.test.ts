/**
 * Planner edits name the rules of real fleets they break (issue 19): trip capacity with reloads,
 * weekly hours, daily rest and driving before a break, in the evaluator every edit goes through.
 */
import { layOutShift } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import { coordinateTravel } from '../travel/travel.ts';
import { type EvalShift, type EvalStop, evaluateRoute } from './evaluator.ts';

const ZONE = 'Europe/Paris';
const DATE = '2027-02-02';
const DEPOT = [4.8322, 45.7295] as const;
const laid = layOutShift(DATE, '06:00', '20:00', [], ZONE);
const H = 3600;

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

const stop = (i: number, over: Partial<EvalStop> = {}): EvalStop => ({
  stopId: `s${i}`,
  orderId: `o${i}`,
  ref: `R${i}`,
  kind: 'delivery',
  breakIndex: null,
  location: [4.83 + i * 0.01, 45.75],
  serviceS: 300,
  demand: [60],
  skills: [],
  dateFrom: DATE,
  dateTo: DATE,
  timeWindows: [],
  ...over,
});
const reload: EvalStop = {
  ...stop(0),
  stopId: 'r',
  orderId: null,
  ref: null,
  kind: 'reload',
  location: null,
  demand: [],
};
const kinds = (e: ReturnType<typeof evaluateRoute>) => e.violations.map((v) => v.kind);

describe('edits and the rules of real fleets', () => {
  it('holds capacity per trip: a reload at the depot starts the next one, and a full trip is named', () => {
    const travel = coordinateTravel();
    const ok = evaluateRoute({ ...shift, reloadS: 900 }, [stop(1), reload, stop(2)], travel);
    expect(ok.violations).toEqual([]);
    // The reload is at the depot and takes its 15 minutes.
    const r = ok.stops[1]!;
    expect(r.departureMs - r.arrivalMs - r.waitingS * 1000).toBe(900_000);
    const over = evaluateRoute({ ...shift, reloadS: 900 }, [stop(1), stop(2), reload, stop(3)], travel);
    expect(over.violations).toEqual([
      expect.objectContaining({ kind: 'capacity', trip: 1, message: 'over capacity on kg on trip 1: 120 for 100' }),
    ]);
  });

  it('names the weekly hours, the daily rest and the driving limit a route breaks', () => {
    const far = stop(1, { location: [5.7245, 45.1885], demand: [1] }); // some 2.6 h away
    const e = evaluateRoute(
      {
        ...shift,
        workingTime: {
          driver: 'Anne',
          weekly: { week: 5, maxHours: 48, otherS: 44 * H },
          rest: { minHours: 11, prevEndMs: shift.startMs - 8 * H * 1000, nextStartMs: null },
          driving: { maxHours: 4.5, breakMin: 45 },
        },
      },
      [far],
      coordinateTravel(),
    );
    expect(kinds(e)).toEqual(['weekly_hours', 'daily_rest', 'driving']);
    expect(e.violations[0]!.message).toMatch(
      /^48 h a week: Anne would work [\d.]+ h in week 5 \(44 h already, [\d.]+ h on this route\)$/,
    );
    expect(e.violations[1]!.message).toMatch(/^11 h of daily rest: Anne would rest [\d.]+ h after the day before$/);
    expect(e.violations[2]!.message).toMatch(
      /^at most 4\.5 h of driving before a 45 min break: this route drives [\d.]+ h without one$/,
    );
  });

  it('a driving break of the rule resets the driving, a short one does not', () => {
    const far = stop(1, { location: [5.7245, 45.1885], demand: [1] });
    const drivingBreak: EvalStop = { ...reload, kind: 'break', serviceS: 0 };
    const withRule = { ...shift, workingTime: { driver: 'Anne', driving: { maxHours: 4.5, breakMin: 45 } } };
    expect(kinds(evaluateRoute(withRule, [far, drivingBreak], coordinateTravel()))).toEqual([]);
    const short = { ...withRule, breaks: [{ startMs: shift.startMs, endMs: shift.endMs, durationS: 600 }] };
    expect(kinds(evaluateRoute(short, [far, { ...drivingBreak, breakIndex: 0 }], coordinateTravel()))).toEqual([
      'driving',
    ]);
  });
});
