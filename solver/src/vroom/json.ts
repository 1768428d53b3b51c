/** Reading a VROOM document: untyped JSON, taken apart without trusting its shape. */
import { ProblemError } from '../errors.ts';

export type Json = Record<string, unknown>;

/** The value as an object, or `{}` when it is not one (the validator names what is missing). */
export const obj = (x: unknown): Json => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Json) : {});

/** The value as an array, or `[]` when it is not one. */
export const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/** Present and not an empty object or array: a key that would change the answer. */
export const nonEmpty = (x: unknown): boolean =>
  x !== undefined && x !== null && (typeof x !== 'object' || Object.keys(x as object).length > 0);

/** `<field>.description`: absent, or a string. */
export function description(field: string, x: unknown): string | undefined {
  if (x === undefined) return undefined;
  if (typeof x !== 'string') throw new ProblemError(`${field}.description`, 'must be a string');
  return x;
}
