/**
 * The reading step of an import: the file's rows, checked one by one (check-rows.ts), gathered
 * into batches for the writer; bad rows are rejected on the way.
 */
import { RowChecker } from './check-rows.ts';
import type { ImportSetup } from './import-setup.ts';
import { type ImportTally, MAX_ERRORS_IN_RESPONSE, type Pending } from './import-tally.ts';
import type { RuleNotes } from '../../automation/import-notes.ts';
import type { RowSource, SourceRow } from './sources.ts';

/** Rows per database round trip; big enough to amortise it, small enough to keep memory flat. */
export const BATCH_SIZE = 1000;

/** The validated rows of a file, a batch at a time. */
export interface RowBatches {
  /** The next batch, or null at the end of the file. */
  next(): Promise<Pending[] | null>;
  /** The rows some intake rule fired on (complete once next() gave null). */
  notes(): Promise<RuleNotes>;
  /** Stops reading early (the file is not read to its end). */
  close(): Promise<void>;
}

/** Reads and checks the rows on this thread. */
export function readBatches(source: RowSource, setup: ImportSetup, tally: ImportTally): RowBatches {
  const checker = new RowChecker(
    { fields: setup.plan.fields, rules: setup.rules, ctx: setup.ctx, columnOf: setup.columnOf },
    MAX_ERRORS_IN_RESPONSE,
  );
  const chunks = source.rows[Symbol.asyncIterator]();
  let chunk: SourceRow[] = [];
  let at = 0;
  return {
    async next() {
      const batch: Pending[] = [];
      while (batch.length < BATCH_SIZE) {
        if (at >= chunk.length) {
          const next = await chunks.next();
          if (next.done) return batch.length ? batch : null;
          chunk = next.value;
          at = 0;
          continue;
        }
        const src = chunk[at++]!;
        tally.counts.rows++;
        const checked = checker.check(src);
        if (checked.ok) batch.push({ source: src, row: checked.row, hash: checked.hash, geocoded: false });
        else tally.reject(src, checked.errors);
      }
      return batch;
    },
    notes: async () => checker.notes,
    close: async () => {
      await chunks.return?.();
    },
  };
}
