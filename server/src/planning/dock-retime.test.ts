import type { Problem, Route, Step } from '@tournee/solver';
import { describe, expect, it } from 'vitest';
import { type DockPlan, earlierDockDepartures } from './dock-retime.ts';
import type { DockShift } from '../fleet/docks.ts';

const H = 3600;
const MIN = 60;
const step = (type: Step['type'], arrival: number, serviceS: number, id?: string): Step => ({
  type,
  ...(id ? { id } : {}),
  arrival,
  waitingS: 0,
  serviceStart: arrival,
  departure: arrival + serviceS,
  load: [0],
  distance: 0,
});

/** A route of vehicle `vehicle` leaving at `leave` (axis s): a stop 30 min later, back 1 h after. */
function route(vehicle: number, leave: number, stopId: string): Route {
  const steps = [
    step('start', leave, 0),
    step('job', leave + 30 * MIN, 10 * MIN, stopId),
    step('end', leave + 70 * MIN, 0),
  ];
  return {
    vehicleId: vehicle,
    vehicle,
    steps,
    cost: 0,
    distance: 0,
    travelS: 0,
    waitingS: 0,
    serviceS: 0,
    durationS: 0,
  };
}

// Three vans of one depot and day, shifts at 08:00 (axis 0 = midnight), one dock, 20 min of loading:
// staggered before solving at 08:20, 08:40 and 09:00.
const shifts: DockShift[] = ['A', 'B', 'C'].map((id) => ({
  id,
  depotId: 'lyon',
  localDate: '2027-03-23',
  start: 8 * H * 1000,
}));
const plan: DockPlan = {
  shifts,
  depots: new Map([['lyon', { docks: 1, loadingMin: 20 }]]),
  kept: [],
  toAxis: (ms) => ms / 1000,
};
const problem = (window: [number, number]): Problem => ({
  vehicles: shifts.map((_, i) => ({ id: i, start: [4.8, 45.7], end: [4.8, 45.7] })),
  jobs: [
    { id: 'b1', location: [4.81, 45.71], timeWindows: [window] },
    { id: 'c1', location: [4.82, 45.71], timeWindows: [window] },
  ],
});

describe('loading docks among the vans that go out', () => {
  it('staggers the departures over the vans used: two of three vans leave at 08:20 and 08:40, not 08:40 and 09:00', () => {
    // Van A stays at home; B and C were given the second and third slots before solving.
    const routes = [route(1, 8 * H + 40 * MIN, 'b1'), route(2, 9 * H, 'c1')];
    const out = earlierDockDepartures(routes, problem([0, 24 * H]), plan);
    expect(out.map((r) => r.steps[0]!.departure)).toEqual([8 * H + 20 * MIN, 8 * H + 40 * MIN]);
    // Every time of a route moves by the same amount: its durations stay as planned.
    expect(out[0]!.steps.map((s) => s.arrival - out[0]!.steps[0]!.departure)).toEqual([0, 30 * MIN, 70 * MIN]);
  });

  it('leaves a route as late as its stops need: a visit never starts before its window opens', () => {
    // B's stop opens at 09:05: B may leave 5 min earlier at most, not 20.
    const routes = [route(1, 8 * H + 40 * MIN, 'b1')];
    const out = earlierDockDepartures(routes, problem([9 * H + 5 * MIN, 12 * H]), plan);
    expect(out[0]!.steps[0]!.departure).toBe(8 * H + 35 * MIN);
    expect(out[0]!.steps[1]!.serviceStart).toBe(9 * H + 5 * MIN);
  });

  it('keeps the dock free for a route the plan keeps as it is', () => {
    // A locked route leaves at 08:20 from the same dock: B loads after it, and leaves at 08:40.
    const kept = [{ depotId: 'lyon', localDate: '2027-03-23', leaveMs: (8 * H + 20 * MIN) * 1000 }];
    const out = earlierDockDepartures([route(1, 9 * H, 'b1')], problem([0, 24 * H]), { ...plan, kept });
    expect(out[0]!.steps[0]!.departure).toBe(8 * H + 40 * MIN);
  });

  it('changes nothing when every van goes out, or at a depot without docks', () => {
    const all = [route(0, 8 * H + 20 * MIN, 'a'), route(1, 8 * H + 40 * MIN, 'b1'), route(2, 9 * H, 'c1')];
    expect(earlierDockDepartures(all, problem([0, 24 * H]), plan)).toEqual(all);
    const noDocks = { ...plan, depots: new Map([['lyon', {}]]) };
    const two = [route(1, 8 * H + 40 * MIN, 'b1')];
    expect(earlierDockDepartures(two, problem([0, 24 * H]), noDocks)).toEqual(two);
  });
});
