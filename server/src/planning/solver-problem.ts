/**
 * The problem the solver gets: with OSRM_URL and few enough points (MAX_MATRIX_POINTS), the
 * built coordinate problem over OSRM's duration and distance matrices; otherwise as built.
 */
import type { Location, Problem } from '@tournee/solver';
import type { Config } from '../config.ts';
import { osrmFromConfig } from '../travel/osrm.ts';
import { MAX_MATRIX_POINTS } from '../travel/road.ts';
import { type LonLatPair, pointKey } from '../travel/travel.ts';
import type { BuiltProblem } from './problem-builder.ts';

const isPair = (l: Location | undefined): l is LonLatPair => Array.isArray(l);

/**
 * The problem the solver gets: the built coordinate problem as is, or, with OSRM and few enough
 * points, the same problem over OSRM's duration and distance matrices.
 */
export async function solverProblem(config: Config, built: BuiltProblem): Promise<{ problem: Problem; road: boolean }> {
  const osrm = osrmFromConfig(config);
  const p = built.problem;
  if (!osrm) return { problem: p, road: false };
  const index = new Map<string, number>();
  const points: LonLatPair[] = [];
  const at = (l: Location | undefined): number | undefined => {
    if (!isPair(l)) return undefined;
    const k = pointKey(l);
    let i = index.get(k);
    if (i === undefined) {
      i = points.length;
      index.set(k, i);
      points.push(l);
    }
    return i;
  };
  const vehicles = p.vehicles.map((v) => ({ ...v, start: at(v.start), end: at(v.end) }));
  const jobs = (p.jobs ?? []).map((j) => ({ ...j, location: at(j.location) as number }));
  const shipments = (p.shipments ?? []).map((s) => ({
    ...s,
    pickup: { ...s.pickup, location: at(s.pickup.location) as number },
    delivery: { ...s.delivery, location: at(s.delivery.location) as number },
  }));
  if (points.length > MAX_MATRIX_POINTS) return { problem: p, road: false };
  const m = await osrm.table(points);
  const matrices = { durations: m.durations, distances: m.distances };
  // Everything else of the problem (work limits, balance) as built; the speed model gives way to the matrices.
  const { speedModel: _speedModel, shipments: _shipments, ...rest } = p;
  return {
    problem: { ...rest, vehicles, jobs, ...(shipments.length ? { shipments } : {}), matrices },
    road: true,
  };
}
