/**
 * A file's records as the rows the user sees: numbered as in a spreadsheet (the header is row 1,
 * blank lines counted), blank ones left out. Shared by the CSV source and the worker thread that
 * parses the rest of a CSV file (row-worker.ts).
 */
import type { SourceRow } from './sources.ts';
import { cellText } from './values.ts';

export function isBlank(cells: unknown[]): boolean {
  for (const c of cells) if (cellText(c) !== '') return false;
  return true;
}

/** Numbers records in file order; `row` is the last row numbered. */
export class RowNumbers {
  constructor(public row = 0) {}

  /** The records that are not blank, numbered. */
  rows(records: string[][]): SourceRow[] {
    const out: SourceRow[] = [];
    for (const cells of records) {
      this.row++;
      if (!isBlank(cells)) out.push({ row: this.row, cells });
    }
    return out;
  }
}
