/**
 * Row sources: CSV, XLSX and JSON all become a header and an async stream of rows, numbered as
 * the user sees them (spreadsheet rows; the header is row 1). CSV and XLSX are parsed as
 * streams, so a 100,000-row upload never sits in memory whole.
 */
import { pipeline, Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { AppError } from '../../errors.ts';
import { CsvRecordError, CsvRecords, type CsvText } from './csv-records.ts';
import { DecodeStream } from './detect.ts';
import { IMPORT_MESSAGES, type ImportMessages } from './messages.ts';
import { isBlank, RowNumbers } from './source-rows.ts';
import { cellText } from './values.ts';
import { guardZip, type ZipLimits, ZipLimitError } from './zip-guard.ts';

export interface SourceRow {
  /** The row number the user sees: spreadsheet row (header = 1), or the element's 1-based index in a JSON array. */
  row: number;
  cells: unknown[];
}

export interface RowSource {
  format: 'csv' | 'xlsx' | 'json';
  header: string[];
  /** The data rows in chunks (one await per chunk, not per row: it matters at 100,000 rows). */
  rows: AsyncIterable<SourceRow[]>;
  /** CSV only: the delimiter found, reused for the rejected-rows CSV. */
  delimiter?: string;
  /**
   * CSV only: the rows not read yet, for a worker thread to parse — the records already parsed
   * first, as rows, then the rest of the file as text (the next record is row `afterRow` + 1).
   * Once called, read the rows from it rather than from `rows`.
   */
  rest?: () => AsyncIterable<SourceRow[] | RestText>;
  /** CSV only: the answer to a quoted cell, opened on `row`, that is never closed (in the source's language). */
  unclosedQuote?: (row: number) => AppError;
}

/** The rest of a CSV file as text (see RowSource.rest). */
export interface RestText extends CsvText {
  /** The rows of the file before the first text, blank ones and the header included (its reader counts on from it). */
  afterRow: number;
}

const en = IMPORT_MESSAGES.en;

/** Streams a CSV upload: encoding and delimiter detected, blank rows skipped but counted. */
export async function csvSource(input: Readable, m: ImportMessages = en): Promise<RowSource> {
  const decoded = new DecodeStream();
  // The delimiter is detected from the first line by the parser; errors of any stage (a client
  // that disconnects, an unclosed quote) reach the reader of the parser. The request itself is
  // piped, not put in the pipeline: a bad file must not destroy the socket the 422 goes back on.
  const parser = new CsvRecords();
  input.on('error', (err) => decoded.destroy(err));
  input.pipe(decoded);
  pipeline(decoded, parser, () => {});
  const chunks = parser[Symbol.asyncIterator]() as AsyncIterator<string[][] | CsvText>;
  const numbers = new RowNumbers();
  const unclosedQuote = (row: number) => new AppError('unprocessable', m.unclosedQuote(row));
  let pending: string[][] = [];
  const nextChunk = async (): Promise<string[][] | CsvText | null> => {
    try {
      const next = await chunks.next();
      return next.done ? null : next.value;
    } catch (err) {
      if (err instanceof CsvRecordError) throw unclosedQuote(err.row);
      throw err;
    }
  };
  // The header is the first row that is not blank.
  let header: string[] | null = null;
  while (header === null) {
    const chunk = (await nextChunk()) as string[][] | null; // not handed over yet
    if (chunk === null) throw new AppError('unprocessable', m.emptyFile);
    const i = chunk.findIndex((r) => !isBlank(r));
    numbers.row += i < 0 ? chunk.length : i + 1;
    if (i >= 0) {
      header = chunk[i]!.map((h) => cellText(h));
      pending = chunk.slice(i + 1);
    }
  }
  const toRows = (records: string[][]) => numbers.rows(records);
  return {
    format: 'csv',
    header,
    delimiter: parser.delimiter ?? ',',
    unclosedQuote,
    rows: (async function* () {
      if (pending.length) yield toRows(pending.splice(0));
      for (let chunk = await nextChunk(); chunk; chunk = await nextChunk()) yield toRows(chunk as string[][]);
    })(),
    rest: async function* () {
      parser.handOver();
      if (pending.length) yield toRows(pending.splice(0));
      for (let chunk = await nextChunk(); chunk; chunk = await nextChunk()) {
        yield Array.isArray(chunk) ? toRows(chunk) : { ...chunk, afterRow: numbers.row };
      }
    },
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

/** A worksheet's name: exceljs's reader has it at run time, its type declarations do not. */
const sheetName = (ws: object): string => ('name' in ws ? String(ws.name) : '');

/** A guard error as the answer to the import: 422 naming the limit (other errors go as they are). */
function guardAnswer(err: Error, m: ImportMessages): Error {
  if (!(err instanceof ZipLimitError)) return err;
  if (err.limit === 'unreadable') return new AppError('unprocessable', m.unreadable('XLSX', err.detail));
  if (err.limit === 'nul') {
    const cell = /^([A-Z]+)(\d+)$/.exec(err.detail);
    const error = cell ? { row: Number(cell[2]), column: cell[1]!, value: '', message: m.nulCharacter } : null;
    return new AppError('unprocessable', m.xlsxNul(err.detail, err.entry), {
      details: { errors: error ? [error] : [] },
    });
  }
  return new AppError('unprocessable', m.xlsxLimit(err.limit, err.max, err.entry), {
    details: { limit: err.limit, max: err.max, part: err.entry },
  });
}

/**
 * Streams one sheet of an XLSX upload: the first, or `sheet` by name or 1-based number. With
 * `limits`, the archive goes through the zip guard first (see zip-guard.ts).
 */
export async function xlsxSource(
  input: Readable,
  sheet?: string,
  m: ImportMessages = en,
  limits?: ZipLimits,
): Promise<RowSource> {
  // Loaded on first use: exceljs weighs ~20 MB of memory that CSV-only servers never need.
  const { default: excel } = await import('exceljs');
  // Past a limit the guard ends exceljs's input (so exceljs stops) and rejects `stopped`, which
  // every wait on exceljs races with: the guard's reason wins over whatever exceljs says.
  let stop: Error | null = null;
  let rejectStopped: (err: Error) => void = () => {};
  const stopped = new Promise<never>((_, reject) => {
    rejectStopped = reject;
  });
  stopped.catch(() => {});
  const guarded = limits
    ? Readable.from(
        (async function* () {
          try {
            yield* guardZip(input, limits);
          } catch (err) {
            stop = guardAnswer(err as Error, m);
            rejectStopped(stop);
          }
        })(),
        { objectMode: false },
      )
    : input;
  const race = <T>(p: Promise<T>): Promise<T> => (limits ? Promise.race([p, stopped]) : p);
  const reader = new excel.stream.xlsx.WorkbookReader(guarded, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  const seen: string[] = [];
  try {
    const sheets = reader[Symbol.asyncIterator]();
    for (let s = await race(sheets.next()); !s.done; s = await race(sheets.next())) {
      const ws = s.value;
      const name = sheetName(ws);
      seen.push(name);
      const wanted = sheet === undefined || name.toLowerCase() === sheet.toLowerCase() || String(seen.length) === sheet;
      const rowsIt = ws[Symbol.asyncIterator]();
      if (!wanted) {
        // A sheet must be read through before the next one comes.
        while (!(await race(rowsIt.next())).done) {}
        continue;
      }
      const toCells = (r: ExcelJS.Row) => (r.values as unknown[]).slice(1).map(cellValue);
      let first = await race(rowsIt.next());
      while (!first.done && isBlank(toCells(first.value))) first = await race(rowsIt.next());
      if (first.done) throw new AppError('unprocessable', m.emptySheet(name));
      const header = toCells(first.value).map((h) => cellText(h));
      return {
        format: 'xlsx',
        header,
        rows: (async function* () {
          let chunk: SourceRow[] = [];
          try {
            for (let next = await race(rowsIt.next()); !next.done; next = await race(rowsIt.next())) {
              const cells = toCells(next.value);
              if (!isBlank(cells)) chunk.push({ row: next.value.number, cells });
              if (chunk.length >= 500) {
                yield chunk;
                chunk = [];
              }
            }
          } catch (err) {
            if (stop) throw stop;
            if (err instanceof AppError) throw err;
            throw new AppError('unprocessable', m.unreadable('XLSX', (err as Error).message));
          }
          if (stop) throw stop;
          if (chunk.length) yield chunk;
        })(),
      };
    }
  } catch (err) {
    if (stop) throw stop;
    if (err instanceof AppError) throw err;
    throw new AppError('unprocessable', m.unreadable('XLSX', (err as Error).message));
  }
  if (stop) throw stop;
  if (sheet !== undefined) {
    throw new AppError('unprocessable', m.noSheetNamed(sheet, seen.join(', ')));
  }
  throw new AppError('unprocessable', m.noSheet);
}

// Lists (skills) arrive as arrays; anything else nested is kept as its JSON text.
const jsonCell = (v: unknown): unknown =>
  Array.isArray(v) ? v.join(',') : v !== null && typeof v === 'object' ? JSON.stringify(v) : v;

/** A JSON array of objects: the header is every key met, in order; row n is the n-th element. */
export function jsonSource(items: unknown[], m: ImportMessages = en): RowSource {
  const keys = new Map<string, number>();
  for (const item of items) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw new AppError('bad_request', m.jsonNotArray);
    }
    for (const k of Object.keys(item)) if (!keys.has(k)) keys.set(k, keys.size);
  }
  const header = [...keys.keys()];
  return {
    format: 'json',
    header,
    rows: (async function* () {
      for (let i = 0; i < items.length; i += 500) {
        yield items.slice(i, i + 500).map((item, k) => ({
          row: i + k + 1,
          cells: header.map((h) => jsonCell((item as Record<string, unknown>)[h])),
        }));
      }
    })(),
  };
}
