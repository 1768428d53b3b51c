/**
 * `solve()`: validates and encodes the problem, runs one search per worker thread (seeds seed,
 * seed+1, …; they share their best now and then through a mailbox, see mailbox.ts), in one round
 * or more (searches.ts), and keeps the best. Workers are pooled between calls; a worker whose
 * engine trapped or ran out of memory is terminated and replaced by a fresh one next time.
 */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PARAM_TIME_LIMIT_MS } from './abi.ts';
import { decodeSolution } from './decode.ts';
import { encodeProblem, type Encoded } from './encode.ts';
import { withRun } from './params.ts';
import { SolverError } from './errors.ts';
import { createMailbox } from './mailbox.ts';
import { reportProgress, searchInRounds, workerCount } from './searches.ts';
import type { Problem, Solution, SolveOptions } from './types.ts';

/** Grace after the time limit before a silent worker is killed. */
const HARD_GRACE_MS = 5000;

function workerUrl(): URL {
  const here = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL('../dist/worker.js', import.meta.url); // running from src/ (tests)
}

const idle: Worker[] = [];
let nextId = 1;

function takeWorker(): Worker {
  const w = idle.pop() ?? new Worker(workerUrl());
  w.ref();
  return w;
}

function releaseWorker(w: Worker): void {
  w.removeAllListeners('message');
  w.removeAllListeners('error');
  w.removeAllListeners('exit');
  w.unref(); // an idle pool never keeps the process alive
  idle.push(w);
}

/** Terminates pooled workers (tests and graceful shutdown). */
export async function shutdownWorkers(): Promise<void> {
  const ws = idle.splice(0);
  await Promise.all(ws.map((w) => w.terminate()));
}

function runInWorker(
  enc: Encoded,
  index: number,
  opts: SolveOptions,
  stop: Int32Array,
  limitMs: number,
  mailbox?: SharedArrayBuffer,
): Promise<Float64Array> {
  return new Promise((resolve, reject) => {
    const w = takeWorker();
    const id = nextId++;
    let settled = false;
    // Armed when the engine starts (its clock starts there too), not when the job is posted: on a
    // busy machine a cold worker can take seconds to load the module, which used up the grace.
    // Until then, a generous startup allowance (a minute) still catches a worker that never starts.
    const deadline = (ms: number) =>
      setTimeout(() => {
        finish(new SolverError(`solver did not stop within ${HARD_GRACE_MS} ms of its time limit`), true);
      }, ms);
    let kill = deadline(limitMs + HARD_GRACE_MS + 60_000);
    const arm = () => {
      clearTimeout(kill);
      kill = deadline(limitMs + HARD_GRACE_MS);
    };
    const finish = (err: Error | null, broken: boolean, out?: Float64Array) => {
      if (settled) return;
      settled = true;
      clearTimeout(kill);
      if (broken) {
        w.removeAllListeners();
        void w.terminate();
      } else releaseWorker(w);
      if (err) reject(err);
      else if (out) resolve(out);
    };
    w.on('message', (m: { type: string; id: number; p?: number[]; out?: Float64Array; message?: string }) => {
      if (m.id !== id) return;
      if (m.type === 'started') arm();
      else if (m.type === 'progress' && m.p) reportProgress(opts, m.p, index);
      else if (m.type === 'done' && m.out) finish(null, false, m.out);
      else if (m.type === 'error') finish(new SolverError(m.message ?? 'solver failed'), true);
    });
    w.on('error', (e) => finish(new SolverError(`solver worker crashed: ${e.message}`, { cause: e }), true));
    w.on('exit', (code) => finish(new SolverError(`solver worker exited with code ${code}`), true));
    w.postMessage({ type: 'solve', id, enc, stop, mailbox, index });
  });
}

/** Runs an already encoded problem (tests use it to feed the engine input it would reject). */
export async function solveEncodedForTest(problem: Problem, enc: Encoded): Promise<Solution> {
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const out = await runInWorker(enc, 0, {}, stop, enc.params[PARAM_TIME_LIMIT_MS] ?? 5000);
  return decodeSolution(problem, enc, out, 0);
}

/**
 * Solves a routing problem. Rejects with `ProblemError` (naming the field) on bad input, with the
 * signal's reason when aborted, and with `SolverError` when the engine fails.
 */
export async function solve(problem: Problem, opts: SolveOptions = {}): Promise<Solution> {
  const t0 = performance.now();
  const enc = encodeProblem(problem, opts);
  opts.signal?.throwIfAborted();
  const limit = opts.timeLimitMs ?? 5000;
  const workers = workerCount(opts);
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const onAbort = () => Atomics.store(stop, 0, 1);
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const best = await searchInRounds(problem, opts, limit, (seed, limitMs, roundOpts, warm) => {
      const mailbox = workers > 1 ? createMailbox(workers, enc.counts) : undefined;
      return Promise.all(
        Array.from({ length: workers }, (_, i) =>
          runInWorker(withRun(enc, seed + i, limitMs, warm), i, roundOpts, stop, limitMs, mailbox),
        ),
      );
    });
    opts.signal?.throwIfAborted();
    return decodeSolution(problem, enc, best, performance.now() - t0);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
}
