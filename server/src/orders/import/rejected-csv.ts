/**
 * The rejected rows of an import as a CSV to fix and re-import: the file's own columns, in its
 * own delimiter, plus an `error` column; UTF-8 with a BOM so Excel shows accents right.
 */
import type { Rejection } from './import-repo.ts';

/** One CSV field, quoted when it holds the delimiter, a quote or a line break. */
export function csvField(value: string, delimiter: string): string {
  if (value.includes(delimiter) || /["\r\n]/.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

export const csvLine = (cells: string[], delimiter: string): string =>
  `${cells.map((c) => csvField(c, delimiter)).join(delimiter)}\r\n`;

/** The header line (with the BOM) of a rejected-rows CSV. */
export const rejectedHeader = (columns: string[], delimiter: string): string =>
  `\ufeff${csvLine([...columns, 'error'], delimiter)}`;

/** One rejected row: its original cells, then every error as "row N, column: message". */
export function rejectedLine(columns: string[], r: Rejection, delimiter: string): string {
  const cells = columns.map((_, i) => r.cells[i] ?? '');
  const error = r.errors.map((e) => `row ${e.row}, ${e.column}: ${e.message}`).join(' | ');
  return csvLine([...cells, error], delimiter);
}

/** A last line with empty cells and `note` as its error (e.g. that the list is cut short). */
export const rejectedNoteLine = (columns: string[], note: string, delimiter: string): string =>
  csvLine([...columns.map(() => ''), note], delimiter);
