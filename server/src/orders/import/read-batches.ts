/**
 * The reading step of an import: the file's rows, checked one by one (check-rows.ts), gathered
 * into batches for the writer; bad rows are rejected on the way.
 *
 * Past the first ROW_THREAD_AFTER_ROWS rows, the checking moves to a worker thread
 * (row-thread.ts, started a little earlier so that it is ready) while this thread reads the file
 * and the writer writes: a few chunks of rows are sent ahead (a bounded queue, so memory stays
 * flat) and their results taken in order, so the import answers exactly as if every row were
 * checked here. The rest of a CSV file goes as text and is parsed there too: this thread then
 * never holds its rows' cells (fewer objects to make, send and collect: the main thread was the
 * import's bottleneck). A chunk whose rows are all ready to be written as they are comes back as
 * the statement's columns (ReadyRows), not as rows. Files with intake rules are checked here
 * throughout (the rules' engine is compiled on this thread).
 */
import type { RuleNotes } from '../../automation/import-notes.ts';
import { type CheckedRow, RowChecker } from './check-rows.ts';
import { keysOf, type ReadyRows, type RowWarnings, type WriteColumns } from './import-columns.ts';
import type { ImportSetup } from './import-setup.ts';
import { type ImportTally, MAX_ERRORS_IN_RESPONSE, type Pending } from './import-tally.ts';
import { IMPORT_LANGS, IMPORT_MESSAGES } from './messages.ts';
import {
  type CheckedRows,
  ROW_THREAD_AFTER_ROWS,
  ROW_THREAD_START_ROWS,
  type RowThread,
  type RowThreadOptions,
  rowWorkerScript,
  startRowThread,
} from './row-thread.ts';
import type { RestText, RowSource, SourceRow } from './sources.ts';

/**
 * Rows per database round trip; big enough to amortise it, small enough to keep memory flat.
 * node-postgres sends a statement only once the previous one has answered, so each batch leaves
 * the database idle until this thread sends the next, and pays the statement's own costs
 * (planning, the orders' statement triggers) once more. 2,000 rather than 1,000: interleaved
 * `pnpm bench:import` runs (6 + 6) gave a first import of 3.43–3.92 s → 3.36–3.59 s (database
 * CPU 2.62–2.97 → 2.58–2.83 s) and a re-import ~3.0 → 2.5 s, with the same peak RSS (224–230 MB).
 */
export const BATCH_SIZE = 2000;
/**
 * Rows of the first batch: the database waits for it, idle, while the main thread checks it.
 * With 500 rows (and the row thread taking over at 2,000 rows instead of 5,000), interleaved
 * `pnpm bench:import` runs gave a first import of 3.44–3.72 s (one run of six at 5.4 s, the
 * machine's noise) against 3.60–4.70 s (two at 5.2 and 6.0 s), faster in 5 pairs of 6.
 */
export const FIRST_BATCH_SIZE = 500;
/** Chunks of rows (a CSV file's come from 16 KiB of text, ~125 rows) read and being checked ahead of the one the writer takes. */
export const CHUNKS_AHEAD = 4;

/**
 * Rows the row thread made ready to write (ReadyRows), with the source rows they came from; their
 * refs and hashes are read from the columns the first time they are asked for (a re-import
 * compares them with the stored orders; a first import's later batches never need them).
 */
export class ReadyChunk implements ReadyRows {
  readonly columns: WriteColumns;
  readonly warnings: RowWarnings;
  private keys: { refs: string[]; hashes: string[] } | null = null;

  constructor(
    ready: ReadyRows,
    readonly sources: SourceRow[],
  ) {
    this.columns = ready.columns;
    this.warnings = ready.warnings;
  }

  get refs(): string[] {
    this.keys ??= keysOf(this.columns);
    return this.keys.refs;
  }

  get hashes(): string[] {
    this.keys ??= keysOf(this.columns);
    return this.keys.hashes;
  }
}

/** About BATCH_SIZE validated rows: one by one, and runs of them the row thread made ready. */
export interface Batch {
  rows: Pending[];
  ready: ReadyChunk[];
}

/** The validated rows of a file, a batch at a time. */
export interface RowBatches {
  /** The next batch, or null at the end of the file. */
  next(): Promise<Batch | null>;
  /** The rows some intake rule fired on (complete once next() gave null). */
  notes(): RuleNotes;
  /** Stops the worker thread, if one was started. */
  close(): Promise<void>;
}

/** Reads and checks the rows; `threads` say when a worker thread takes the checking over. */
export function readBatches(
  source: RowSource,
  setup: ImportSetup,
  tally: ImportTally,
  threads: RowThreadOptions = {},
): RowBatches {
  const { plan, rules, ctx, columnOf } = setup;
  const checker = new RowChecker({ fields: plan.fields, rules, ctx, columnOf }, MAX_ERRORS_IN_RESPONSE);
  let chunks: AsyncIterator<SourceRow[] | RestText> = source.rows[Symbol.asyncIterator]();
  const lang = IMPORT_LANGS.find((l) => IMPORT_MESSAGES[l] === ctx.messages);
  const script = threads.script === undefined ? rowWorkerScript() : threads.script;
  const handOffAt =
    rules === null && lang !== undefined && script !== null ? (threads.afterRows ?? ROW_THREAD_AFTER_ROWS) : Infinity;
  const startAt = Math.min(handOffAt, threads.startAfterRows ?? ROW_THREAD_START_ROWS);
  let thread: RowThread | null = null;
  let handedOver = false;
  let sent = 0;
  const ahead: Promise<CheckedRows>[] = [];
  let ended = false;
  let sourceError: { err: unknown } | null = null;

  /** The worker thread, started (before it takes over: see ROW_THREAD_START_ROWS). */
  const started = (): RowThread => {
    if (thread === null) {
      const { messages: _, ...plain } = ctx;
      const rowSetup = {
        header: setup.header,
        fields: plan.fields,
        ctx: plain,
        lang: lang!,
        delimiter: source.delimiter ?? ',',
        checkInput: setup.checkInput,
      };
      thread = startRowThread(script!, rowSetup, ctx.messages, source.unclosedQuote, threads.idleMs);
    }
    return thread;
  };

  /** The worker thread, checking from here on, told what this thread's checker has met so far. */
  const worker = (): RowThread => {
    const t = started();
    if (!handedOver) {
      handedOver = true;
      t.takeOver([...checker.seen()]);
      // A CSV file's rest goes to the thread as text: it parses it too.
      if (source.rest) chunks = source.rest()[Symbol.asyncIterator]();
    }
    return t;
  };

  /** Checks the rows here, or sends them (or the text holding them) to the thread once enough rows were read. */
  const check = (read: SourceRow[] | RestText): Promise<CheckedRows> => {
    if (Array.isArray(read) && !handedOver && sent < handOffAt) {
      sent += read.length;
      return Promise.resolve({ rows: read, results: read.map((r) => checker.check(r)) });
    }
    const results = Array.isArray(read) ? worker().check(read) : worker().parse(read);
    results.catch(() => {}); // taken in order by next(); this only keeps it from being "unhandled"
    return results;
  };

  /** Reads chunks until CHUNKS_AHEAD are being checked, or the file ends. */
  const fill = async () => {
    while (!ended && ahead.length < CHUNKS_AHEAD) {
      try {
        if (thread === null && sent >= startAt) started();
        if (!handedOver && sent >= handOffAt) worker();
        const next = await chunks.next();
        if (next.done) ended = true;
        else ahead.push(check(next.value));
      } catch (err) {
        ended = true;
        sourceError = { err };
      }
    }
  };

  let rows: SourceRow[] = [];
  let results: CheckedRow[] = [];
  let at = 0;
  return {
    async next() {
      const batch: Batch = { rows: [], ready: [] };
      let size = 0;
      const limit = tally.counts.rows === 0 ? FIRST_BATCH_SIZE : BATCH_SIZE;
      while (size < limit) {
        if (at >= rows.length) {
          await fill();
          const chunk = ahead.shift();
          if (!chunk) {
            if (sourceError) throw sourceError.err;
            return size ? batch : null;
          }
          const checked = await chunk;
          rows = checked.rows;
          at = 0;
          if ('ready' in checked) {
            // Taken whole: its rows are already the statement's columns.
            batch.ready.push(new ReadyChunk(checked.ready, rows));
            tally.counts.rows += rows.length;
            threads.onReady?.(rows.length);
            size += rows.length;
            at = rows.length;
          } else results = checked.results;
          continue;
        }
        const src = rows[at]!;
        const checked = results[at++]!;
        tally.counts.rows++;
        if (checked.ok) {
          const { row, hash, learnService } = checked;
          batch.rows.push({ source: src, row, hash, learnService, geocoded: false });
          size++;
        } else tally.reject(src, checked.errors);
      }
      return batch;
    },
    notes: () => checker.notes,
    close: async () => {
      await thread?.stop();
    },
  };
}
