import type { z } from 'zod';
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
    message: i.message,
  }));
  const message = details.map((d) => `${d.field}: ${d.message}`).join('; ');
  throw new AppError('bad_request', `Invalid ${what}: ${message}`, { details });
}
