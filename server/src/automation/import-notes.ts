/** What an import reports about intake rules: the rows they fired on, and their extras on the row. */
import type { RowRules } from '@tournee/shared';
import type { ValidRow } from '../orders/import/validate-row.ts';
import { cellText } from '../orders/import/values.ts';
import type { RowExtras, RuleRun } from './engine.ts';

/** The rows some rule fired on, up to `max` (past it only counted): the answer stays small. */
export class RuleNotes {
  readonly rows: RowRules[] = [];
  truncated = false;
  /** Every row some rule fired on, listed or not. */
  count = 0;
  constructor(private readonly max: number) {}

  /** True while rows are still listed: only then are the changes traced (it costs per row). */
  get tracing(): boolean {
    return this.rows.length < this.max;
  }

  add(row: number, ref: unknown, run: RuleRun): void {
    this.count++;
    if (!this.tracing) {
      this.truncated = true;
      return;
    }
    this.rows.push({ row, ref: cellText(ref), rulesApplied: run.rulesApplied, changes: run.changes ?? [] });
  }
}

/** Gives a validated row what the rules set beyond the file's fields (depot, hold, tags). */
export function withExtras(row: ValidRow, extras: RowExtras): void {
  row.depotId = extras.depotId;
  row.hold = extras.hold;
  row.tags = extras.tags;
}

/** The refs of the rows a rule put on hold. */
export function heldRefs(rows: readonly { row: ValidRow }[]): string[] {
  const out: string[] = [];
  for (const w of rows) if (w.row.hold) out.push(w.row.ref);
  return out;
}
