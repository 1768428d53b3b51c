/**
 * Errors as VROOM reports them (docs/API.md "Code"): `{ code, error }` with code 1 = internal
 * error, 2 = input error, 3 = routing error (0 is a solution). The VROOM CLI writes that object
 * where the solution would go, `[Error] <message>` on stderr, and exits with the code.
 */
import { ProblemError } from '../errors.ts';

export const VROOM_INTERNAL_ERROR = 1;
export const VROOM_INPUT_ERROR = 2;
/** VROOM's routing engine failed. Never ours: without a routing engine, there is nothing to fail. */
export const VROOM_ROUTING_ERROR = 3;

export interface VroomError {
  code: typeof VROOM_INTERNAL_ERROR | typeof VROOM_INPUT_ERROR | typeof VROOM_ROUTING_ERROR;
  error: string;
}

/** A `ProblemError` (its message names the field) is an input error; anything else is internal. */
export function toVroomError(e: unknown): VroomError {
  const error = e instanceof Error ? e.message : String(e);
  return { code: e instanceof ProblemError ? VROOM_INPUT_ERROR : VROOM_INTERNAL_ERROR, error };
}
