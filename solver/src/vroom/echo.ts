/**
 * Coordinates given beside a matrix index (`location` with `location_index`, `start` with
 * `start_index`, …): the model keeps only the index, VROOM's output shows both ("`location` is
 * optional but can be set to retrieve coordinates in the response", docs/API.md). `fromVroom`
 * remembers them for the `Problem` it returns; `toVroom` given that same object shows them.
 */
import { ProblemError } from '../errors.ts';
import type { Coordinates, Id, Problem } from '../types.ts';

export interface Echo {
  task: Record<'job' | 'pickup' | 'delivery', Map<Id, Coordinates>>;
  /** By vehicle index. */
  start: Map<number, Coordinates>;
  end: Map<number, Coordinates>;
}

export const emptyEcho = (): Echo => ({
  task: { job: new Map(), pickup: new Map(), delivery: new Map() },
  start: new Map(),
  end: new Map(),
});

const echoes = new WeakMap<Problem, Echo>();

export function rememberEcho(problem: Problem, echo: Echo): void {
  echoes.set(problem, echo);
}

export function echoOf(problem: Problem): Echo | undefined {
  return echoes.get(problem);
}

/** `field` beside its index: `[lon, lat]` to echo, or undefined when absent. */
export function echoedCoordinates(field: string, x: unknown): Coordinates | undefined {
  if (x === undefined) return undefined;
  if (!Array.isArray(x) || x.length !== 2 || !x.every((c) => typeof c === 'number' && Number.isFinite(c)))
    throw new ProblemError(field, 'must be [lon, lat]');
  return [x[0], x[1]] as Coordinates;
}
