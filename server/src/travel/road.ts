/**
 * Chooses the travel of a plan or an edit: the coordinate model by default; with OSRM_URL, the
 * road matrix of the points involved, while they are few enough for a dense matrix (beyond
 * that, a horizon uses the solver's coordinate mode, whose memory grows with the stops only).
 */
import type { Config } from '../config.ts';
import { osrmFromConfig } from './osrm.ts';
import { coordinateTravel, type LonLatPair, matrixTravel, pointKey, type Travel, travelModel } from './travel.ts';

/** Points up to which a plan asks OSRM for a dense matrix (2,500² cells ≈ 100 MB as numbers). */
export const MAX_MATRIX_POINTS = 2500;

/** The travel for evaluating routes through these points. */
export async function travelFor(config: Config, points: readonly LonLatPair[]): Promise<Travel> {
  const osrm = osrmFromConfig(config);
  const model = coordinateTravel(travelModel(config));
  if (!osrm || points.length > MAX_MATRIX_POINTS) return model;
  const unique = [...new Map(points.map((p) => [pointKey(p), p])).values()];
  return matrixTravel(unique, await osrm.table(unique), model);
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
