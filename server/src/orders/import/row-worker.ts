/**
 * The worker thread that checks an import's rows (check-rows.ts) while the main thread writes the
 * previous ones. Started by row-thread.ts with what the check needs as workerData; each message
 * is a chunk of rows, or the next text of a CSV file (parsed here, so the main thread never
 * holds its cells), answered with one result per row, in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { columnNamer, RowChecker } from './check-rows.ts';
import { toWire, type WireRow } from './checked-wire.ts';
import { CsvChunks, CsvRecordError } from './csv-records.ts';
import { IMPORT_MESSAGES } from './messages.ts';
import type { PackedRow, RowThreadInput, RowThreadOutput, RowThreadSetup } from './row-thread.ts';
import { RowNumbers } from './source-rows.ts';
import type { RestText, SourceRow } from './sources.ts';

const setup = workerData as RowThreadSetup;
const checker = new RowChecker(
  {
    fields: setup.fields,
    rules: null,
    ctx: { ...setup.ctx, messages: IMPORT_MESSAGES[setup.lang] },
    columnOf: columnNamer(setup.header, setup.fields),
  },
  0,
  setup.seen,
);

const checkAll = (rows: SourceRow[]): WireRow[] => {
  const out: WireRow[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = toWire(checker.check(rows[i]!));
  return out;
};

/** The CSV text's parsing, from the first text on (it starts where the main thread stopped). */
let csv: { chunks: CsvChunks; numbers: RowNumbers } | null = null;
let unclosedQuote: number | null = null;

function parseText(text: RestText): RowThreadOutput {
  csv ??= {
    chunks: new CsvChunks(setup.delimiter.charCodeAt(0), text.afterRow),
    numbers: new RowNumbers(text.afterRow),
  };
  if (unclosedQuote === null) {
    try {
      const rows = csv.numbers.rows(csv.chunks.push(text.text, text.final));
      const packed = rows.map((r): PackedRow => [r.row, JSON.stringify(r.cells)]);
      return { results: checkAll(rows), rows: packed };
    } catch (err) {
      if (!(err instanceof CsvRecordError)) throw err;
      unclosedQuote = err.row;
    }
  }
  return { unclosedQuote };
}

const port = parentPort!;
port.on('message', (input: RowThreadInput) => {
  port.postMessage('rows' in input ? { results: checkAll(input.rows) } : parseText(input.text));
});
