import { z } from 'zod';
import { AppError } from '../errors.ts';

/** A zod issue path as users read it: `vehicles[3].capacity`. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

/**
 * Parses input with a shared zod schema; a failure is a 400 whose message names every bad
 * field, and whose details list them one by one.
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown, what = 'body'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => ({
    field: fieldPath(i.path) || what,
    message: i.code === 'invalid_type' && valueAt(input, i.path) === undefined ? 'is required' : i.message,
  }));
  const message = details.map((d) => `${d.field}: ${d.message}`).join('; ');
  throw new AppError('bad_request', `Invalid ${what}: ${message}`, { details });
}

/**
 * The value at a zod issue's path, or undefined when it (or a parent) is missing: a missing field
 * is named as required rather than with zod's "expected nonoptional, received undefined".
 */
function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** An id as the API hands them out. */
export const Uuid = z.uuid({ message: 'must be an id (uuid)' });

/**
 * The path parameter `name` (`:id`, `:stopId` …) as an id, or a 400 naming it — the one check
 * every `:id` route makes, so that a malformed id never reaches SQL (a 500) nor reads as 404.
 */
export function idParam(params: unknown, name = 'id'): string {
  const p = (params ?? {}) as Record<string, unknown>;
  return parse(z.object({ [name]: Uuid }), { [name]: p[name] }, 'path')[name] as string;
}
