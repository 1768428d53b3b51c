/**
 * Row sources: CSV, XLSX and JSON all become a header and an async stream of rows, numbered as
 * the user sees them (spreadsheet rows; the header is row 1). CSV and XLSX are parsed as
 * streams, so a 100,000-row upload never sits in memory whole.
 */
import { pipeline, Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { AppError } from '../../errors.ts';
import { DecodeStream, detectDelimiter } from './detect.ts';
import { cellText } from './values.ts';

export interface SourceRow {
  /** The row number the user sees: spreadsheet row (header = 1), or the element's 1-based index in a JSON array. */
  row: number;
  cells: unknown[];
}

export interface RowSource {
  format: 'csv' | 'xlsx' | 'json';
  header: string[];
  rows: AsyncIterable<SourceRow>;
  /** CSV only: the delimiter found, reused for the rejected-rows CSV. */
  delimiter?: string;
}

const isBlank = (cells: unknown[]) => cells.every((c) => cellText(c) === '');
const unreadable = (what: string, err: unknown) =>
  new AppError('unprocessable', `The ${what} could not be read: ${(err as Error).message}`);

/** Streams a CSV upload: encoding and delimiter detected, blank rows skipped but counted. */
export async function csvSource(input: Readable): Promise<RowSource> {
  const decoded = new DecodeStream();
  input.on('error', (err) => decoded.destroy(err));
  input.pipe(decoded);
  const text = decoded[Symbol.asyncIterator]() as AsyncIterator<string>;
  // Hold back only the first line (at most 64 KiB) to see which delimiter it uses.
  let head = '';
  while (!/[\r\n]/.test(head) && head.length < 65_536) {
    const next = await text.next();
    if (next.done) break;
    head += next.value;
  }
  const delimiter = detectDelimiter(head);
  const rest = Readable.from((async function* () {
    if (head) yield head;
    for (let next = await text.next(); !next.done; next = await text.next()) yield next.value;
  })(), { objectMode: false });
  const parser = parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  pipeline(rest, parser, () => {});
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  let row = 0;
  const nextRecord = async () => {
    try {
      const next = await records.next();
      if (!next.done) row++;
      return next;
    } catch (err) {
      if (err instanceof CsvError) throw unreadable(`CSV near row ${row + 1}`, err);
      throw err;
    }
  };
  let first = await nextRecord();
  while (!first.done && isBlank(first.value)) first = await nextRecord();
  if (first.done) throw new AppError('unprocessable', 'The file is empty: it needs a header row and at least one order');
  const header = first.value.map((h) => cellText(h));
  return {
    format: 'csv',
    header,
    delimiter,
    rows: (async function* () {
      for (let next = await nextRecord(); !next.done; next = await nextRecord()) {
        if (!isBlank(next.value)) yield { row, cells: next.value };
      }
    })(),
  };
}

/** An XLSX cell as a plain value: rich text, formulas and hyperlinks reduced to what they show. */
function cellValue(v: unknown): unknown {
  if (v === null || v === undefined || typeof v !== 'object' || v instanceof Date) return v;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
  if ('result' in o) return cellValue(o.result);
  if ('text' in o) return cellValue(o.text);
  if ('error' in o) return String(o.error);
  return String(v);
}

/** Streams one sheet of an XLSX upload: the first, or `sheet` by name or 1-based number. */
export async function xlsxSource(input: Readable, sheet?: string): Promise<RowSource> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit',
  });
  const seen: string[] = [];
  try {
    for await (const ws of reader) {
      const name = String((ws as unknown as { name: string }).name);
      seen.push(name);
      const wanted = sheet === undefined
        || name.toLowerCase() === sheet.toLowerCase()
        || String(seen.length) === sheet;
      if (!wanted) {
        for await (const _ of ws) { /* a sheet must be read through before the next one comes */ }
        continue;
      }
      const rowsIt = ws[Symbol.asyncIterator]();
      const toCells = (r: ExcelJS.Row) => (r.values as unknown[]).slice(1).map(cellValue);
      let first = await rowsIt.next();
      while (!first.done && isBlank(toCells(first.value))) first = await rowsIt.next();
      if (first.done) throw new AppError('unprocessable', `The sheet "${name}" is empty: it needs a header row and at least one order`);
      const header = toCells(first.value).map((h) => cellText(h));
      return {
        format: 'xlsx',
        header,
        rows: (async function* () {
          for (let next = await rowsIt.next(); !next.done; next = await rowsIt.next()) {
            const cells = toCells(next.value);
            if (!isBlank(cells)) yield { row: next.value.number, cells };
          }
        })(),
      };
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unreadable('XLSX file', err);
  }
  if (sheet !== undefined) {
    throw new AppError('unprocessable', `The workbook has no sheet "${sheet}"; its sheets are: ${seen.join(', ')}`);
  }
  throw new AppError('unprocessable', 'The XLSX file has no sheet');
}

// Lists (skills) arrive as arrays; anything else nested is kept as its JSON text.
const jsonCell = (v: unknown): unknown =>
  Array.isArray(v) ? v.join(',') : v !== null && typeof v === 'object' ? JSON.stringify(v) : v;

/** A JSON array of objects: the header is every key met, in order; row n is the n-th element. */
export function jsonSource(items: unknown[]): RowSource {
  const keys = new Map<string, number>();
  for (const item of items) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw new AppError('bad_request', 'A JSON import is an array of objects, one per order');
    }
    for (const k of Object.keys(item)) if (!keys.has(k)) keys.set(k, keys.size);
  }
  const header = [...keys.keys()];
  return {
    format: 'json',
    header,
    rows: (async function* () {
      for (let i = 0; i < items.length; i++) {
        const item = items[i] as Record<string, unknown>;
        yield { row: i + 1, cells: header.map((k) => jsonCell(item[k])) };
      }
    })(),
  };
}
