/**
 * A worker thread (node:worker_threads) that checks rows (row-worker.ts) while the main thread
 * reads the file and writes: chunks of rows go in — or, for a CSV file, the rest of its text,
 * which the thread parses itself — and their results come back in order. The thread outlives
 * the import: it waits, warm, for the next one (see `idle`). If the
 * thread fails, every check waiting on it (and every later one) fails with one clear AppError,
 * so the import is rolled back whole; nothing is half-written.
 *
 * The thread runs the TypeScript source through tsx where the server does (tsx, vitest), and the
 * bundle `dist/import-row-worker.js` where the server runs compiled (`pnpm start`, the benchmarks;
 * scripts/build.ts bundles it beside main.js). Without that bundle, rows are checked on the main
 * thread as before.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors.ts';
import type { CheckedRow } from './check-rows.ts';
import type { ReadyRows } from './import-columns.ts';
import type { ImportSetup } from './import-setup.ts';
import { fromWire, type WireRow } from './checked-wire.ts';
import type { ImportLang, ImportMessages } from './messages.ts';
import { type PackedRows, unpackRows } from './packed-rows.ts';
import type { RestText, SourceRow } from './sources.ts';
import type { RowContext } from './validate-row.ts';

/** The name of the worker's bundle in dist/ (scripts/build.ts: `{ [ROW_WORKER_BUNDLE]: ROW_WORKER_SOURCE }`). */
export const ROW_WORKER_BUNDLE = 'import-row-worker';
/** The worker's source, relative to the server package. */
export const ROW_WORKER_SOURCE = 'src/orders/import/row-worker.ts';

/**
 * Rows checked on the main thread before the rest go to a worker. 2,000 rather than 5,000 since
 * the thread's bundle loads in ~85 ms (no zod): the main thread, which feeds the database at the
 * start, checked 3,000 rows more while the loaded thread waited (see FIRST_BATCH_SIZE for the
 * measurement).
 */
export const ROW_THREAD_AFTER_ROWS = 2000;
/**
 * Rows checked on the main thread before the worker is started, so that it has loaded and
 * compiled its bundle by the time it takes over at ROW_THREAD_AFTER_ROWS (started at the
 * hand-over, it once left the database idle for ~210 ms before the next batch). Files of fewer
 * rows never start one; from here to ROW_THREAD_AFTER_ROWS one is started unused (and then kept
 * warm for the next import, see `idle`).
 */
export const ROW_THREAD_START_ROWS = 300;

export interface RowThreadOptions {
  /** @default ROW_THREAD_AFTER_ROWS */
  afterRows?: number;
  /** Rows checked on the main thread before the thread is started. @default ROW_THREAD_START_ROWS, at most afterRows */
  startAfterRows?: number;
  /** The worker's script (a test gives one that fails). @default rowWorkerScript() */
  script?: URL | null;
  /** How long the thread then waits, idle, for the next import. @default ROW_THREAD_IDLE_MS */
  idleMs?: number;
  /** Told of each chunk the thread sent back as columns (ReadyRows), with its number of rows: for tests. */
  onReady?: (rows: number) => void;
}

/** What the worker needs to check rows as the main thread would (all plain data). */
export interface RowThreadSetup {
  header: string[];
  fields: (string | null)[];
  ctx: Omit<RowContext, 'messages'>;
  lang: ImportLang;
  /** CSV: the file's delimiter, for the text the thread parses. */
  delimiter: string;
  /** What the import's fleet check is made from (ImportSetup.checkInput). */
  checkInput: ImportSetup['checkInput'];
}

/**
 * A message to the thread: rows read here, or the next text of a CSV file; the first also
 * carries the refs the main thread met before the thread took over, with their rows.
 */
export type RowThreadInput = ({ rows: SourceRow[] } | { text: RestText }) & { seen?: [string, number][] };

/** Every message to the thread: an import begins (its setup), its inputs, and it ends. */
export type RowThreadMessage = { setup: RowThreadSetup } | RowThreadInput | { end: true };

/**
 * The thread's answer to one input, in order: one result per row — or, when every row is ready
 * to be written as it is, the rows as columns (ReadyRows); for text, the rows it held.
 */
export type RowThreadOutput =
  | { results: WireRow[]; rows?: PackedRows }
  | { ready: ReadyRows; rows?: PackedRows }
  | { unclosedQuote: number };

/** Rows, in file order, and their results, or the rows as columns ready to be written. */
export type CheckedRows = { rows: SourceRow[]; results: CheckedRow[] } | { rows: SourceRow[]; ready: ReadyRows };

export interface RowThread {
  /** The results of `rows`, in their order. */
  check(rows: SourceRow[]): Promise<CheckedRows>;
  /** The rows of the next text of a CSV file, parsed in the thread, and their results. */
  parse(text: RestText): Promise<CheckedRows>;
  /**
   * The refs met before the thread took over, with their rows (a ref met again is a duplicate):
   * sent with the next input. The thread can be started earlier than it takes over.
   */
  takeOver(seen: [string, number][]): void;
  stop(): Promise<void>;
}

/** The worker's script as this server runs: its TypeScript source, or its bundle; null when there is none. */
export function rowWorkerScript(): URL | null {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('./row-worker.ts', here);
  const bundle = new URL(`./${ROW_WORKER_BUNDLE}.js`, here);
  return existsSync(fileURLToPath(bundle)) ? bundle : null;
}

/**
 * The worker's young generation bounded: its garbage is short-lived rows, and the default (tens
 * of MB, beside the main thread's own) showed in the server's peak RSS. 32 rather than 8 MB since
 * the worker also builds the statement's columns (ReadyRows): the 100,000-row bench's server CPU
 * 3.35–3.77 → 3.06–3.17 s and peak RSS ~200 → 222–232 MB.
 */
const LIMITS = { maxYoungGenerationSizeMb: 32 };

/** A TypeScript worker starts through tsx (a dependency of the server), as the server itself does. */
function tsWorker(script: URL): Worker {
  // tsx's ESM entry (require.resolve finds its CommonJS twin beside it).
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const code = `import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${JSON.stringify(script.href)}, ${JSON.stringify(script.href)}))`;
  return new Worker(code, { eval: true, resourceLimits: LIMITS });
}

/** What a thread is told of the import it checks rows for, or not. */
interface ThreadUser {
  message(out: RowThreadOutput): void;
  failed(why: string): void;
  exited(code: number): void;
}

/**
 * A worker and the import using it (null while it waits in `idle`). Its listeners are attached
 * once and forward to that import, so that the thread can pass from one import to the next.
 */
interface RowWorker {
  worker: Worker;
  script: string;
  user: ThreadUser | null;
  /** While idle: when it stops unless an import takes it first. */
  expiry: NodeJS.Timeout | null;
}

/**
 * One thread per script kept between imports, idle: the next import then finds its bundle loaded
 * and its code optimised by the earlier imports' rows, instead of loading it (~130 ms of CPU) and
 * running its first rows cold. Warm, a 100,000-row import used 0.3–0.7 s less server CPU
 * (interleaved `pnpm bench:import` runs). Idle, it does not keep the process alive (unref), and it
 * stops after ROW_THREAD_IDLE_MS, so that a server at rest gives its memory back.
 */
const idle = new Map<string, RowWorker>();

/** How long a thread waits, idle, for the next import: a dispatcher's files of one sitting. */
export const ROW_THREAD_IDLE_MS = 5 * 60_000;

function newRowWorker(script: URL): RowWorker {
  const worker = script.pathname.endsWith('.ts') ? tsWorker(script) : new Worker(script, { resourceLimits: LIMITS });
  const w: RowWorker = { worker, script: script.href, user: null, expiry: null };
  const failed = (err: Error) => {
    if (w.user) w.user.failed(err.message);
    else void dropIdle(w);
  };
  worker.on('message', (out: RowThreadOutput) => w.user?.message(out));
  worker.on('error', failed);
  worker.on('messageerror', failed);
  worker.on('exit', (code) => {
    if (idle.get(w.script) === w) idle.delete(w.script);
    w.user?.exited(code);
  });
  return w;
}

function dropIdle(w: RowWorker): Promise<number> {
  if (idle.get(w.script) === w) idle.delete(w.script);
  if (w.expiry) clearTimeout(w.expiry);
  return w.worker.terminate();
}

function keepIdle(w: RowWorker, idleMs: number): void {
  w.worker.postMessage({ end: true } satisfies RowThreadMessage);
  w.worker.unref();
  w.expiry = setTimeout(() => void dropIdle(w), idleMs).unref();
  idle.set(w.script, w);
}

/** A warm idle thread for `script`, or a new one. */
function takeRowWorker(script: URL): RowWorker {
  const kept = idle.get(script.href);
  if (!kept) return newRowWorker(script);
  idle.delete(script.href);
  if (kept.expiry) clearTimeout(kept.expiry);
  kept.expiry = null;
  kept.worker.ref();
  return kept;
}

/** The thread id of the warm thread waiting for `script`'s next import, or null. */
export function idleRowThreadId(script: URL): number | null {
  return idle.get(script.href)?.worker.threadId ?? null;
}

/** Stops the idle threads (the server's close). */
export async function stopIdleRowThreads(): Promise<void> {
  await Promise.all([...idle.values()].map((w) => dropIdle(w)));
}

interface Waiting {
  resolve(out: CheckedRows): void;
  reject(err: Error): void;
  /** The rows sent, or null when the thread parses them (text). */
  rows: SourceRow[] | null;
}

/**
 * Starts the thread (or takes the idle one); `m` words its failure, `unclosedQuote` the answer to
 * a quoted cell never closed in the text it parses (the CSV source's own, so it reads as if the
 * source had found it); `idleMs` how long it waits for the next import once this one stops it.
 */
export function startRowThread(
  script: URL,
  setup: RowThreadSetup,
  m: ImportMessages,
  unclosedQuote: (row: number) => Error = (row) => new AppError('unprocessable', m.unclosedQuote(row)),
  idleMs = ROW_THREAD_IDLE_MS,
): RowThread {
  const w = takeRowWorker(script);
  const { worker } = w;
  const waiting: Waiting[] = [];
  let failure: AppError | null = null;
  const fail = (why: string) => {
    if (failure) return;
    failure = new AppError('internal', m.rowCheckFailed(why));
    for (const each of waiting.splice(0)) each.reject(failure);
  };
  w.user = {
    message(out) {
      const each = waiting.shift();
      if (!each) return;
      if ('unclosedQuote' in out) {
        each.reject(unclosedQuote(out.unclosedQuote));
        return;
      }
      const rows = each.rows ?? (out.rows ? unpackRows(out.rows) : []);
      each.resolve('ready' in out ? { rows, ready: out.ready } : { rows, results: out.results.map(fromWire) });
    },
    failed: fail,
    // Told only while the import uses it: stop() lets go of the thread first.
    exited: (code) => fail(`the worker stopped, exit code ${code}`),
  };
  const post = (msg: RowThreadMessage) => worker.postMessage(msg);
  post({ setup });
  let seen: [string, number][] | null = null;
  const send = (input: RowThreadInput, rows: SourceRow[] | null): Promise<CheckedRows> => {
    if (failure) return Promise.reject(failure);
    return new Promise<CheckedRows>((resolve, reject) => {
      waiting.push({ resolve, reject, rows });
      post(seen ? { ...input, seen } : input);
      seen = null;
    });
  };
  return {
    check: (rows) => send({ rows }, rows),
    parse: (text) => send({ text }, null),
    takeOver: (met) => {
      seen = met;
    },
    async stop() {
      w.user = null;
      // Kept for the next import only when it answered everything asked: an answer still on its
      // way would otherwise reach that import. One idle thread per script is enough.
      if (failure || waiting.length || idle.has(w.script)) {
        await worker.terminate();
        return;
      }
      keepIdle(w, idleMs);
    },
  };
}
