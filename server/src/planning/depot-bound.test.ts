import { layOutShift, PlanOptions } from '@tournee/shared';
import { solve } from '@tournee/solver';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAVEL } from '../travel/travel.ts';
import { buildProblem, depotSkill, type OrderInput, type PlanningInput, type VehicleInput } from './problem-builder.ts';
import { mapSolution } from './result-mapper.ts';

const ZONE = 'Europe/Paris';
const DAY = '2026-10-23';

const vehicle = (id: string, depotId: string, capacity = 100): VehicleInput => ({
  id,
  name: id,
  depotId,
  endDepotId: null,
  capacity: [capacity],
  skills: [],
  fixedCost: 0,
  costPerKm: 0,
  costPerHour: 0,
  maxStops: null,
  maxDurationS: null,
  maxDistanceM: null,
  speedFactor: 1,
});

const shiftOf = (vehicleId: string) => {
  const l = layOutShift(DAY, '08:00', '17:00', [], ZONE);
  return {
    id: `s-${vehicleId}`,
    vehicleId,
    driverId: null,
    localDate: DAY,
    startAt: l.startAt.toISOString(),
    endAt: l.endAt.toISOString(),
    breaks: l.breaks,
  };
};

const order = (id: string, location: [number, number], depotId: string | null): OrderInput => ({
  id,
  location,
  dateFrom: DAY,
  dateTo: DAY,
  timeWindows: [],
  serviceS: 300,
  demand: [1],
  skills: [],
  priority: 0,
  depotId,
});

// Lyon (north) and Grenoble (south) depots; every order sits next to Lyon, so without the depot
// binding the Lyon van takes them all.
const input = (orders: OrderInput[], vehicles = [vehicle('lyon-van', 'lyon'), vehicle('gre-van', 'grenoble')]) =>
  ({
    zone: ZONE,
    from: DAY,
    to: DAY,
    dimensions: ['kg'],
    depots: new Map([
      ['lyon', { id: 'lyon', location: [4.83, 45.75] as const, timeZone: ZONE }],
      ['grenoble', { id: 'grenoble', location: [5.72, 45.19] as const, timeZone: ZONE }],
    ]),
    vehicles: new Map(vehicles.map((v) => [v.id, v])),
    shifts: vehicles.map((v) => shiftOf(v.id)),
    orders,
    options: PlanOptions.parse(undefined),
    travel: DEFAULT_TRAVEL,
  }) satisfies PlanningInput;

describe('an order bound to a depot', () => {
  it('asks for its depot as a skill that only that depot’s vehicles have', () => {
    const built = buildProblem(input([order('o1', [4.84, 45.76], 'grenoble'), order('o2', [4.84, 45.76], null)]));
    expect(built.problem.jobs?.find((j) => j.id === 'o1')?.skills).toEqual([depotSkill('grenoble')]);
    expect(built.problem.jobs?.find((j) => j.id === 'o2')?.skills).toBeUndefined();
    expect(built.problem.vehicles.map((v) => v.skills)).toEqual([[depotSkill('lyon')], [depotSkill('grenoble')]]);
    // Without any bound order, the vehicles keep their own skills only.
    const plain = buildProblem(input([order('o2', [4.84, 45.76], null)]));
    expect(plain.problem.vehicles.map((v) => v.skills)).toEqual([[], []]);
  });

  it('goes on a vehicle of its depot even when another depot is much nearer', async () => {
    const placed = async (depotId: string | null) => {
      const built = buildProblem(input([order('o1', [4.84, 45.76], depotId)]));
      const result = mapSolution(built, await solve(built.problem, { timeLimitMs: 300 }));
      expect(result.unassigned).toEqual([]);
      return result.routes.find((r) => r.stops.some((s) => s.orderId === 'o1'))?.shift.vehicleId;
    };
    expect(await placed('grenoble')).toBe('gre-van');
    // Unbound, the same order goes on the van next door.
    expect(await placed(null)).toBe('lyon-van');
  });

  it('is left unplanned (skills) when its depot has no vehicle working', async () => {
    const built = buildProblem(input([order('bound', [4.84, 45.76], 'grenoble')], [vehicle('lyon-van', 'lyon')]));
    const result = mapSolution(built, await solve(built.problem, { timeLimitMs: 300 }));
    expect(result.unassigned).toEqual([{ orderId: 'bound', reason: 'skills' }]);
  });
});
