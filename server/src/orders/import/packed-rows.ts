/**
 * Rows parsed in the row thread (row-worker.ts) as they travel back to the main thread: their
 * numbers, and all their cells as one JSON text, read only when a row is rejected or refused.
 * Structured clone copies every object and string it is given: an array and a string per row
 * cost the thread more than checking the rows. The text goes as UTF-8 bytes, whose buffer is
 * moved (transferred), not copied: most of it is never read.
 */
import type { SourceRow } from './sources.ts';

export interface PackedRows {
  numbers: number[];
  /** The rows' cells, as one JSON array of arrays, in UTF-8. */
  cells: Uint8Array;
}

export function packRows(rows: readonly SourceRow[]): PackedRows {
  const numbers: number[] = new Array(rows.length);
  const cells: unknown[][] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    numbers[i] = rows[i]!.row;
    cells[i] = rows[i]!.cells;
  }
  return { numbers, cells: new TextEncoder().encode(JSON.stringify(cells)) };
}

/** The packed rows' cells, parsed the first time one is asked for. */
class PackedCells {
  private parsed: unknown[][] | null = null;

  constructor(private readonly json: Uint8Array) {}

  of(index: number): unknown[] {
    this.parsed ??= JSON.parse(new TextDecoder().decode(this.json)) as unknown[][];
    return this.parsed[index]!;
  }
}

class PackedSourceRow implements SourceRow {
  constructor(
    readonly row: number,
    private readonly all: PackedCells,
    private readonly index: number,
  ) {}

  get cells(): unknown[] {
    return this.all.of(this.index);
  }
}

export function unpackRows(packed: PackedRows): SourceRow[] {
  const all = new PackedCells(packed.cells);
  return packed.numbers.map((row, i) => new PackedSourceRow(row, all, i));
}
