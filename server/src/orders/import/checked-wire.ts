/**
 * How a checked row crosses from the worker thread (row-worker.ts) to the main thread: a valid
 * row as the array of its fields' values in a fixed order, not as an object. Structured clone
 * writes and reads every key of every object; the array form cost 60 + 170 ms per 100,000 rows
 * to send and receive against 140–380 + 260 ms for the objects (node 20, the benchmark's rows).
 */
import type { ImportRowError } from '@tournee/shared';
import type { CheckedRow } from './check-rows.ts';
import type { ValidRow } from './validate-row.ts';

/** Every field of ValidRow, in the order they travel. */
const FIELDS = [
  'ref',
  'name',
  'phone',
  'email',
  'address',
  'lon',
  'lat',
  'dateFrom',
  'dateTo',
  'timeWindows',
  'serviceS',
  'demand',
  'skills',
  'priority',
  'notes',
  'requireProof',
  'pickup',
  'depotId',
  'hold',
  'tags',
] as const satisfies readonly (keyof ValidRow)[];

// A field added to ValidRow but not to FIELDS would be lost on the way: this fails to compile then.
type Unlisted = Exclude<keyof ValidRow, (typeof FIELDS)[number]>;
const everyField: [Unlisted] extends [never] ? true : Unlisted = true;
void everyField;

/** A checked row on the way: [hash, learnService, ...the row's values in FIELDS order], or its errors. */
export type WireRow = unknown[] | { errors: ImportRowError[] };

export function toWire(c: CheckedRow): WireRow {
  if (!c.ok) return { errors: c.errors };
  const out: unknown[] = new Array(FIELDS.length + 2);
  out[0] = c.hash;
  out[1] = c.learnService;
  for (let i = 0; i < FIELDS.length; i++) out[i + 2] = c.row[FIELDS[i]!];
  return out;
}

export function fromWire(w: WireRow): CheckedRow {
  if (!Array.isArray(w)) return { ok: false, errors: w.errors };
  const row = {} as Record<(typeof FIELDS)[number], unknown>;
  for (let i = 0; i < FIELDS.length; i++) {
    const v = w[i + 2];
    if (v !== undefined) row[FIELDS[i]!] = v; // optional fields stay absent, as the worker had them
  }
  return { ok: true, hash: w[0] as string, learnService: w[1] as boolean, row: row as ValidRow };
}
