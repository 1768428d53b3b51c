import { layOutShift, PlanOptions } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAVEL } from '../travel/travel.ts';
import { buildProblem, type PlanningInput, type VehicleInput } from './problem-builder.ts';

const ZONE = 'Europe/Paris';
const van = (id: string, maxStops: number | null): VehicleInput => ({
  id,
  name: id,
  depotId: 'd1',
  endDepotId: null,
  capacity: [100],
  skills: [],
  fixedCost: 0,
  costPerKm: 0,
  costPerHour: 0,
  maxStops,
  maxDurationS: null,
  maxDistanceM: null,
  speedFactor: 1,
});

function input(options: unknown): PlanningInput {
  const l = layOutShift('2026-10-23', '08:00', '17:00', [], ZONE);
  const shift = (id: string, vehicleId: string) => ({
    id,
    vehicleId,
    driverId: null,
    localDate: '2026-10-23',
    startAt: l.startAt.toISOString(),
    endAt: l.endAt.toISOString(),
    breaks: l.breaks,
  });
  return {
    zone: ZONE,
    from: '2026-10-23',
    to: '2026-10-23',
    dimensions: ['kg'],
    depots: new Map([['d1', { id: 'd1', location: [4.83, 45.73] as const, timeZone: ZONE }]]),
    vehicles: new Map([
      ['v1', van('v1', null)],
      ['v2', van('v2', 4)],
    ]),
    shifts: [shift('s1', 'v1'), shift('s2', 'v2')],
    orders: [],
    options: PlanOptions.parse(options),
    travel: DEFAULT_TRAVEL,
  };
}

describe('max stops per route (plan option)', () => {
  it('caps every route at the plan limit, keeping a vehicle’s own lower limit', () => {
    const [v1, v2] = buildProblem(input({ maxStopsPerRoute: 6 })).problem.vehicles;
    expect(v1!.maxStops).toBe(6);
    expect(v2!.maxStops).toBe(4);
  });

  it('leaves routes uncapped without it', () => {
    expect(buildProblem(input({})).problem.vehicles[0]!.maxStops).toBeUndefined();
  });

  it('refuses a limit below one, naming the option', () => {
    expect(PlanOptions.safeParse({ maxStopsPerRoute: 0 }).error?.issues[0]?.path).toEqual(['maxStopsPerRoute']);
  });
});
