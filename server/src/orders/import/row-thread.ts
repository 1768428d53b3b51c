/**
 * A worker thread (node:worker_threads) that checks rows (row-worker.ts) while the main thread
 * parses the file and writes: chunks of rows go in, their results come back in order. If the
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
import type { ImportLang, ImportMessages } from './messages.ts';
import type { SourceRow } from './sources.ts';
import type { RowContext } from './validate-row.ts';

/** The name of the worker's bundle in dist/ (scripts/build.ts: `{ [ROW_WORKER_BUNDLE]: ROW_WORKER_SOURCE }`). */
export const ROW_WORKER_BUNDLE = 'import-row-worker';
/** The worker's source, relative to the server package. */
export const ROW_WORKER_SOURCE = 'src/orders/import/row-worker.ts';

/** Rows checked on the main thread before the rest go to a worker: small imports never start one. */
export const ROW_THREAD_AFTER_ROWS = 5000;

export interface RowThreadOptions {
  /** @default ROW_THREAD_AFTER_ROWS */
  afterRows?: number;
  /** The worker's script (a test gives one that fails). @default rowWorkerScript() */
  script?: URL | null;
}

/** What the worker needs to check rows as the main thread would (all plain data). */
export interface RowThreadSetup {
  header: string[];
  fields: (string | null)[];
  ctx: Omit<RowContext, 'messages'>;
  lang: ImportLang;
  /** The refs the main thread already met, with their rows. */
  seen: [string, number][];
}

export interface RowThread {
  /** The results of `rows`, in their order. */
  check(rows: SourceRow[]): Promise<CheckedRow[]>;
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
 * The worker's young generation kept small: its garbage is short-lived rows, and the default
 * (tens of MB, beside the main thread's own) showed in the server's peak RSS.
 */
const LIMITS = { maxYoungGenerationSizeMb: 8 };

/** A TypeScript worker starts through tsx (a dependency of the server), as the server itself does. */
function tsWorker(script: URL, setup: RowThreadSetup): Worker {
  // tsx's ESM entry (require.resolve finds its CommonJS twin beside it).
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const code = `import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${JSON.stringify(script.href)}, ${JSON.stringify(script.href)}))`;
  return new Worker(code, { eval: true, workerData: setup, resourceLimits: LIMITS });
}

interface Waiting {
  resolve(out: CheckedRow[]): void;
  reject(err: Error): void;
}

export function startRowThread(script: URL, setup: RowThreadSetup, m: ImportMessages): RowThread {
  const worker = script.pathname.endsWith('.ts')
    ? tsWorker(script, setup)
    : new Worker(script, { workerData: setup, resourceLimits: LIMITS });
  const waiting: Waiting[] = [];
  let failure: AppError | null = null;
  let stopping = false;
  const fail = (why: string) => {
    if (failure) return;
    failure = new AppError('internal', m.rowCheckFailed(why));
    for (const w of waiting.splice(0)) w.reject(failure);
  };
  worker.on('message', (out: CheckedRow[]) => waiting.shift()?.resolve(out));
  worker.on('error', (err) => fail(err.message));
  worker.on('messageerror', (err) => fail(err.message));
  worker.on('exit', (code) => {
    if (!stopping || waiting.length) fail(`the worker stopped, exit code ${code}`);
  });
  return {
    check(rows) {
      if (failure) return Promise.reject(failure);
      return new Promise<CheckedRow[]>((resolve, reject) => {
        waiting.push({ resolve, reject });
        worker.postMessage(rows);
      });
    },
    async stop() {
      stopping = true;
      await worker.terminate();
    },
  };
}
