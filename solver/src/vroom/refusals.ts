/**
 * VROOM input this solver does not model is refused with a `ProblemError` naming the field, never
 * silently ignored: custom `costs` matrices, `costs.per_task_hour` (non-zero),
 * `service_per_type` / `setup_per_type`, break `max_load`, vehicle `steps`; and a vehicle priced
 * or limited by distance (`costs.per_km`, `max_distance`) on matrices without `distances`, where
 * VROOM would ask its routing engine for them (there is none here).
 */
import { ProblemError } from '../errors.ts';
import { arr, type Json, nonEmpty, obj } from './json.ts';

/** A field a VROOM user may send that this solver does not model: refuse it by name. */
export function refuse(field: string, what: string): never {
  throw new ProblemError(field, `${what} is not supported by this solver (remove it, or use VROOM)`);
}

/** On a job or a shipment step. */
export function refuseTaskTimesPerType(o: Json, field: string): void {
  for (const k of ['setup_per_type', 'service_per_type'])
    if (nonEmpty(o[k])) refuse(`${field}.${k}`, `${k} (task times per vehicle type)`);
}

/** On a vehicle (`field` = `vehicles[i]`). */
export function refuseVehicleExtras(v: Json, field: string): void {
  const costs = v.costs === undefined ? undefined : obj(v.costs);
  if (costs && nonEmpty(costs.per_task_hour) && costs.per_task_hour !== 0)
    refuse(`${field}.costs.per_task_hour`, 'a cost per hour of task time');
  if (v.steps !== undefined && arr(v.steps).length > 0)
    refuse(`${field}.steps`, 'a vehicle route given in input (steps)');
}

/** On a vehicle's break (`field` = `vehicles[i].breaks[k]`). */
export function refuseBreakExtras(b: Json, field: string): void {
  if (b.max_load !== undefined) refuse(`${field}.max_load`, 'a maximum load during a break');
}

/** On the `matrices` object: a profile's own `costs` matrix. */
export function refuseCostsMatrices(profiles: Json): void {
  for (const n of Object.keys(profiles)) {
    const m = obj(profiles[n]);
    if (m.costs !== undefined) refuse(`matrices.${n}.costs`, 'a custom costs matrix');
  }
}

/** A vehicle on matrices without `distances` (`source` = `matrices.car`): nothing to price or limit by distance. */
export function refuseDistanceWithoutDistances(v: Json, field: string, source: string): void {
  const why = `needs distances in ${source} (VROOM would ask its routing engine for them; this solver has none)`;
  const costs = obj(v.costs);
  if (nonEmpty(costs.per_km) && costs.per_km !== 0) throw new ProblemError(`${field}.costs.per_km`, why);
  if (v.max_distance !== undefined) throw new ProblemError(`${field}.max_distance`, why);
}
