/** What changed between the route the driver had and the new version: shown in the banner. */
import type { DriverRoute } from '@tournee/shared';

export interface RouteDiff {
  version: number;
  added: number;
  removed: number;
  reordered: boolean;
}

/** Null when nothing the driver cares about changed (same version). */
export function diffRoutes(before: DriverRoute | null, after: DriverRoute | null): RouteDiff | null {
  if (!after || !before || before.id !== after.id || after.version <= before.version) return null;
  const was = before.stops.map((s) => s.id);
  const now = after.stops.map((s) => s.id);
  const wasSet = new Set(was);
  const nowSet = new Set(now);
  const kept = now.filter((id) => wasSet.has(id));
  const keptBefore = was.filter((id) => nowSet.has(id));
  return {
    version: after.version,
    added: now.filter((id) => !wasSet.has(id)).length,
    removed: was.filter((id) => !nowSet.has(id)).length,
    reordered: kept.some((id, i) => keptBefore[i] !== id),
  };
}
