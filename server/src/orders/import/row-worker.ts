/**
 * The worker thread that checks an import's rows (check-rows.ts) while the main thread writes the
 * previous ones. An import begins with what the check needs (`setup`; the refs the main thread
 * met come with the first input) and ends with `end`, after which the thread waits, warm, for the
 * next import (row-thread.ts). In between, each message is a chunk of rows, or the next text of a
 * CSV file (parsed here, so the main thread never holds its cells), answered in order: with the
 * rows as the columns the upsert sends when they are all ready to be written as they are (most
 * chunks of a clean file), else one result per row.
 */
import { parentPort } from 'node:worker_threads';
import { type CheckedRow, columnNamer, RowChecker, warningColumnNamer } from './check-rows.ts';
import { toWire, type WireRow } from './checked-wire.ts';
import { CsvChunks, CsvRecordError } from './csv-records.ts';
import { type OrderWrite, type ReadyRows, type RowWarnings, writeColumns } from './import-columns.ts';
import { IMPORT_MESSAGES } from './messages.ts';
import { packRows } from './packed-rows.ts';
import type { RowThreadInput, RowThreadMessage, RowThreadOutput, RowThreadSetup } from './row-thread.ts';
import { serviceabilityCheck } from './serviceability.ts';
import { RowNumbers } from './source-rows.ts';
import type { RestText, SourceRow } from './sources.ts';

/**
 * One import's checking, made from its setup: the thread outlives the import (row-thread.ts keeps
 * it warm for the next one), so nothing of an import is kept at module level.
 */
function importSession(setup: RowThreadSetup): (input: RowThreadInput) => RowThreadOutput {
  const messages = IMPORT_MESSAGES[setup.lang];
  const checkOptions = {
    fields: setup.fields,
    rules: null,
    ctx: { ...setup.ctx, messages },
    columnOf: columnNamer(setup.header, setup.fields),
  };
  /** Made again with the refs the main thread met, when it hands the rest of the file over. */
  let checker = new RowChecker(checkOptions, 0);
  const fleetCheck = serviceabilityCheck(setup.checkInput.fleet, { ...setup.checkInput.opts, messages });
  const warningColumnOf = warningColumnNamer(columnNamer(setup.header, setup.fields), setup.fields);

  /**
   * The rows as the columns the upsert sends, with their warnings, when every one is valid, has
   * its coordinates and its own service time: nothing on the main thread would change them before
   * they are written. Otherwise null, and they travel one by one.
   */
  function readyRows(rows: SourceRow[], checked: CheckedRow[]): ReadyRows | null {
    if (rows.length === 0) return null;
    const writes: OrderWrite[] = new Array(rows.length);
    for (let i = 0; i < checked.length; i++) {
      const c = checked[i]!;
      if (!c.ok || c.learnService) return null;
      const { row } = c;
      if (row.lon === null || row.lat === null || (row.pickup && row.pickup.lon === null)) return null;
      writes[i] = { row: row as OrderWrite['row'], geocoded: false, hash: c.hash }; // lon and lat checked above
    }
    const warnings: RowWarnings = [];
    if (fleetCheck) {
      for (let i = 0; i < writes.length; i++) {
        const found = fleetCheck(writes[i]!.row, rows[i]!.row, warningColumnOf, 'lat');
        if (found.length) warnings.push([i, found]);
      }
    }
    return { columns: writeColumns(writes), warnings };
  }

  /** The answer for `rows`: as columns when they are all ready to be written, else one result each. */
  function checkAll(rows: SourceRow[]): { ready: ReadyRows } | { results: WireRow[] } {
    const checked = rows.map((r) => checker.check(r));
    const ready = readyRows(rows, checked);
    return ready ? { ready } : { results: checked.map(toWire) };
  }

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
        return { ...checkAll(rows), rows: packRows(rows) };
      } catch (err) {
        if (!(err instanceof CsvRecordError)) throw err;
        unclosedQuote = err.row;
      }
    }
    return { unclosedQuote };
  }

  return (input) => {
    if (input.seen) checker = new RowChecker(checkOptions, 0, input.seen);
    return 'rows' in input ? checkAll(input.rows) : parseText(input.text);
  };
}

let session: ((input: RowThreadInput) => RowThreadOutput) | null = null;

const port = parentPort!;
port.on('message', (msg: RowThreadMessage) => {
  if ('setup' in msg) session = importSession(msg.setup);
  else if ('end' in msg) session = null;
  else {
    if (!session) throw new Error('rows sent before the import was set up');
    const out = session(msg);
    port.postMessage(out, transferOf(out));
  }
});

/** The buffers of an answer's bytes (columns, packed cells): moved to the main thread, not copied. */
function transferOf(out: RowThreadOutput): ArrayBuffer[] {
  const bytes = [
    ...('ready' in out ? out.ready.columns.elements : []),
    ...('rows' in out && out.rows ? [out.rows.cells] : []),
  ];
  // The columns are views of one buffer: each buffer once.
  return [...new Set(bytes.map((b) => b.buffer as ArrayBuffer))];
}
