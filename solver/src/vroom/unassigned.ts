/**
 * The `unassigned` list in VROOM's words: `id`, `type`, `description`, `location` and
 * `location_index` as given, plus our `reason`. VROOM lists both halves of an unassigned shipment
 * (the engine may name either half, or both): so do we, once each.
 */
import type { Coordinates, Location, Problem, Shipment, Solution } from '../types.ts';
import type { Echo } from './echo.ts';

/** `location` (coordinates, also when given beside the index) and `location_index`, as given. */
const locKeys = (l: Location | undefined, echoed: Coordinates | undefined): Record<string, unknown> =>
  l === undefined
    ? {}
    : typeof l === 'number'
      ? { ...(echoed ? { location: echoed } : {}), location_index: l }
      : { location: l };

export function unassignedToVroom(solution: Solution, problem: Problem, echo?: Echo): Record<string, unknown>[] {
  const shipmentByPickup = new Map((problem.shipments ?? []).map((s) => [s.pickup.id, s]));
  const shipmentByDelivery = new Map((problem.shipments ?? []).map((s) => [s.delivery.id, s]));
  const listed = new Set<Shipment>();
  const jobById = new Map((problem.jobs ?? []).map((j) => [j.id, j]));
  return solution.unassigned.flatMap((u) => {
    if (u.type === 'job') {
      const j = jobById.get(u.id);
      return [
        {
          id: u.id,
          type: 'job',
          ...(j?.description !== undefined ? { description: j.description } : {}),
          ...locKeys(j?.location, echo?.task.job.get(u.id)),
          reason: u.reason,
        },
      ];
    }
    const s = shipmentByPickup.get(u.id) ?? shipmentByDelivery.get(u.id);
    if (!s) return [{ id: u.id, type: 'pickup', reason: u.reason }];
    if (listed.has(s)) return [];
    listed.add(s);
    return (['pickup', 'delivery'] as const).map((part) => ({
      id: s[part].id,
      type: part,
      ...(s[part].description !== undefined ? { description: s[part].description } : {}),
      ...locKeys(s[part].location, echo?.task[part].get(s[part].id)),
      reason: u.reason,
    }));
  });
}
