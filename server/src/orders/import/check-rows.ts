/**
 * The per-row step of an import: each row of the file runs through the intake rules, is
 * validated, checked for a ref already met in the file, and hashed. Pure computation over the
 * setup (no database), so that it can run in a worker thread (row-worker.ts) as well as here.
 */
import type { ImportRowError } from '@tournee/shared';
import type { RuleEngine } from '../../automation/engine.ts';
import { RuleNotes, withExtras } from '../../automation/import-notes.ts';
import type { ImportMessages } from './messages.ts';
import { hashRow } from './row-hash.ts';
import type { SourceRow } from './sources.ts';
import { type RowContext, type ValidRow, validateRow } from './validate-row.ts';
import { cellText, detached } from './values.ts';

/** What the row step needs: the column plan, the rules and the validation context. */
export interface RowRules {
  fields: readonly (string | null)[];
  rules: RuleEngine | null;
  ctx: RowContext & { messages: ImportMessages };
  columnOf: (field: string) => string;
}

/** The column of each field as the file names it (the first column mapped to it); unmapped fields as they are. */
export function columnNamer(header: readonly string[], fields: readonly (string | null)[]): (field: string) => string {
  const columnName = new Map<string, string>();
  fields.forEach((f, i) => {
    if (f && !columnName.has(f)) columnName.set(f, header[i]!);
  });
  return (f) => columnName.get(f) ?? f;
}

/** The column a warning names: `date`, or `date_from` when the file has no `date`. */
export function warningColumnNamer(
  columnOf: (field: string) => string,
  fields: readonly (string | null)[],
): (field: string) => string {
  const hasDate = fields.includes('date');
  return (f) => columnOf(f === 'date' && !hasDate ? 'date_from' : f);
}

export type CheckedRow =
  | {
      ok: true;
      row: ValidRow;
      hash: string;
      /** The row has no service_min of its own: it takes the time learned at its address. */
      learnService: boolean;
    }
  | { ok: false; errors: ImportRowError[] };

/** Checks the rows of one file in order (a ref met twice is refused the second time). */
export class RowChecker {
  /** The rows some rule fired on. */
  readonly notes: RuleNotes;
  private readonly seenRefs: Map<string, number>;
  private readonly serviceAt: number;

  /** `seen`: the refs already met in the file, with their rows (when another checker began it). */
  constructor(
    private readonly r: RowRules,
    maxNotes: number,
    seen: Iterable<[string, number]> = [],
  ) {
    this.notes = new RuleNotes(maxNotes);
    this.seenRefs = new Map(seen);
    this.serviceAt = r.fields.indexOf('service_min');
  }

  /** The refs met so far, with the row each was first met on. */
  seen(): IterableIterator<[string, number]> {
    return this.seenRefs.entries();
  }

  check(src: SourceRow): CheckedRow {
    const { fields, rules, ctx, columnOf } = this.r;
    const record: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      if (f) record[f] = src.cells[i];
    }
    const ran = rules?.run(record, src.cells, this.notes.tracing) ?? null;
    if (ran) this.notes.add(src.row, record.ref, ran);
    const result = validateRow(record, src.row, ctx, columnOf);
    if (!result.ok) return result;
    if (ran?.extras) withExtras(result.row, ran.extras);
    const { ref } = result.row;
    const first = this.seenRefs.get(ref);
    if (first !== undefined) {
      return {
        ok: false,
        errors: [{ row: src.row, column: columnOf('ref'), value: ref, message: ctx.messages.duplicateRef(first) }],
      };
    }
    this.seenRefs.set(detached(ref), src.row);
    const learnService = this.serviceAt < 0 || cellText(src.cells[this.serviceAt]).trim() === '';
    return { ok: true, row: result.row, hash: hashRow(result.row), learnService };
  }
}
