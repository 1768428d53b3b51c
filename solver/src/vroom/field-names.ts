/**
 * The validator names fields as the solver's model does (`vehicles[3].timeWindow`); a VROOM user
 * must read them as in their own file (`vehicles[3].time_window`).
 */
import { ProblemError } from '../errors.ts';
import type { Problem } from '../types.ts';
import { validateProblem } from '../validate.ts';

const FIELD_NAMES: [RegExp, string][] = [
  [/\.timeWindows\b/g, '.time_windows'],
  [/\.timeWindow\b/g, '.time_window'],
  [/\.serviceS\b/g, '.service'],
  [/\.setupS\b/g, '.setup'],
  [/\.maxStops\b/g, '.max_tasks'],
  [/\.maxTravelTimeS\b/g, '.max_travel_time'],
  [/\.maxDistanceM\b/g, '.max_distance'],
  [/\.speedFactor\b/g, '.speed_factor'],
  [/\.perHour\b/g, '.per_hour'],
  [/\.perKm\b/g, '.per_km'],
  [/^speedModel/, 'speed_model'],
  [/^profileMatrices\./, 'matrices.'],
];

/** With matrices, a location is the `*_index` key. */
const INDEX_NAMES: [RegExp, string][] = [
  [/\.location$/, '.location_index'],
  [/^(vehicles\[\d+\])\.start$/, '$1.start_index'],
  [/^(vehicles\[\d+\])\.end$/, '$1.end_index'],
];

/** A model field path in VROOM's words (`hasMatrix`: locations are matrix indices). */
export function vroomField(field: string, hasMatrix = false): string {
  const names = hasMatrix ? [...FIELD_NAMES, ...INDEX_NAMES] : FIELD_NAMES;
  return names.reduce((f, [re, to]) => f.replace(re, to), field);
}

/** `validateProblem`, with a failure naming the VROOM field. */
export function validateInVroomTerms(problem: Problem, hasMatrix: boolean): void {
  try {
    validateProblem(problem);
  } catch (e) {
    if (e instanceof ProblemError)
      throw new ProblemError(vroomField(e.field, hasMatrix), e.message.slice(e.field.length + 2));
    throw e;
  }
}
