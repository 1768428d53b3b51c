/**
 * Chooses the travel of a plan or an edit: the coordinate model by default; with OSRM_URL, the
 * road matrix of the points involved, while they are few enough for a dense matrix (beyond
 * that, a horizon uses the solver's coordinate mode, whose memory grows with the stops only).
 */
import type { Location, Problem } from '@tournee/solver';
import type { Config } from '../config.ts';
import { travelModel } from './load.ts';
import { osrmFromConfig } from './osrm.ts';
import type { BuiltProblem } from './problem-builder.ts';
import { coordinateTravel, type LonLatPair, matrixTravel, pointKey, type Travel } from './travel.ts';

/** Points up to which a plan asks OSRM for a dense matrix (2,500² cells ≈ 100 MB as numbers). */
export const MAX_MATRIX_POINTS = 2500;

const isPair = (l: Location | undefined): l is LonLatPair => Array.isArray(l);

/** The travel for evaluating routes through these points. */
export async function travelFor(config: Config, points: readonly LonLatPair[]): Promise<Travel> {
  const osrm = osrmFromConfig(config);
  const model = coordinateTravel(travelModel(config));
  if (!osrm || points.length > MAX_MATRIX_POINTS) return model;
  const unique = [...new Map(points.map((p) => [pointKey(p), p])).values()];
  return matrixTravel(unique, await osrm.table(unique), model);
}

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
  if (points.length > MAX_MATRIX_POINTS) return { problem: p, road: false };
  const m = await osrm.table(points);
  return { problem: { vehicles, jobs, matrices: { durations: m.durations, distances: m.distances } }, road: true };
}

/** Road lines for routes (best effort: a route OSRM cannot draw keeps its straight line). */
export async function roadLines(config: Config, lines: LonLatPair[][]): Promise<LonLatPair[][]> {
  const osrm = osrmFromConfig(config);
  if (!osrm) return lines;
  const out = [...lines];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < lines.length; i = next++) {
      const line = await osrm.route(lines[i]!).catch(() => null);
      if (line && line.length >= 2) out[i] = line;
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return out;
}
