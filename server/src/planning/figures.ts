/**
 * The figures behind an unplanned order's reason (pure): what the order needs beside what the
 * fleet offers, so the dispatcher sees "950 kg, largest van 800 kg" and can act on it.
 */
import type { TimeWindow, UnassignedFigures } from '@tournee/shared';

export interface FleetVehicle {
  name: string;
  capacity: number[];
  skills: string[];
}

export interface OrderNeeds {
  demand: number[];
  skills: string[];
  timeWindows: TimeWindow[];
  /** Earliest start and latest end of the shifts on its allowed days; null when there is none. */
  shiftHours: { start: string; end: string } | null;
}

/** The order's needs beside the fleet's largest capacity per dimension and its skills. */
export function unassignedFigures(order: OrderNeeds, dimensions: string[], fleet: FleetVehicle[]): UnassignedFigures {
  const largest = dimensions.map((_, d) => {
    let best: { capacity: number; vehicle: string | null } = { capacity: 0, vehicle: null };
    for (const v of fleet) {
      const c = v.capacity[d] ?? 0;
      if (best.vehicle === null || c > best.capacity) best = { capacity: c, vehicle: v.name };
    }
    return best;
  });
  const skilled = new Set(fleet.flatMap((v) => v.skills));
  return {
    dimensions,
    demand: dimensions.map((_, d) => order.demand[d] ?? 0),
    largest,
    skills: order.skills,
    missingSkills: order.skills.filter((s) => !skilled.has(s)),
    timeWindows: order.timeWindows,
    shiftHours: order.shiftHours,
  };
}
