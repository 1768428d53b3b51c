/**
 * The rejected rows of an import as a CSV to fix and re-import: the file's own columns, in its
 * own delimiter, plus an error column named and worded in the request's language (the messages
 * themselves were written in the language of the import); UTF-8 with a BOM so Excel shows
 * accents right.
 */
import type { Rejection } from './import-repo.ts';
import type { ImportLang } from './messages.ts';

/** The words of the CSV itself, per language. */
const WORDS: Record<ImportLang, { error: string; row: (n: number) => string }> = {
  en: { error: 'error', row: (n) => `row ${n}` },
  fr: { error: 'erreur', row: (n) => `ligne ${n}` },
};

/** One CSV field, quoted when it holds the delimiter, a quote or a line break. */
export function csvField(value: string, delimiter: string): string {
  if (value.includes(delimiter) || /["\r\n]/.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

export const csvLine = (cells: string[], delimiter: string): string =>
  `${cells.map((c) => csvField(c, delimiter)).join(delimiter)}\r\n`;

/** The header line (with the BOM) of a rejected-rows CSV: the file's columns, then `error` / `erreur`. */
export const rejectedHeader = (columns: string[], delimiter: string, lang: ImportLang = 'en'): string =>
  `\ufeff${csvLine([...columns, WORDS[lang].error], delimiter)}`;

/** One rejected row: its original cells, then every error as "row N, column: message" ("ligne N, …"). */
export function rejectedLine(columns: string[], r: Rejection, delimiter: string, lang: ImportLang = 'en'): string {
  const cells = columns.map((_, i) => r.cells[i] ?? '');
  const error = r.errors.map((e) => `${WORDS[lang].row(e.row)}, ${e.column}: ${e.message}`).join(' | ');
  return csvLine([...cells, error], delimiter);
}

/** A last line with empty cells and `note` as its error (e.g. that the list is cut short). */
export const rejectedNoteLine = (columns: string[], note: string, delimiter: string): string =>
  csvLine([...columns.map(() => ''), note], delimiter);
