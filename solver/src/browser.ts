/**
 * Browser entry (`@tournee/solver/browser`): `solve` on Web Workers. The page supplies the worker
 * factory so its bundler can resolve the script, e.g. with Vite:
 * `new Worker(new URL("@tournee/solver/web-worker", import.meta.url), { type: "module" })`.
 * One worker per search, terminated afterwards (a browser tab rarely solves back to back).
 */
import { decodeSolution } from './decode.ts';
import { encodeProblem } from './encode.ts';
import { withRun } from './params.ts';
import { SolverError } from './errors.ts';
import { createMailbox } from './mailbox.ts';
import { reportProgress, searchInRounds, workerCount } from './searches.ts';
import type { Problem, Solution, SolveOptions } from './types.ts';

export type { Problem, Solution, SolveOptions } from './types.ts';
export { ProblemError, SolverError } from './errors.ts';

interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((e: { data: { type: string; p?: number[]; out?: Float64Array; message?: string } }) => void) | null;
  onerror: ((e: { message?: string }) => void) | null;
}

export async function solveInBrowser(
  problem: Problem,
  opts: SolveOptions & { createWorker: () => WorkerLike },
): Promise<Solution> {
  const t0 = performance.now();
  const enc = encodeProblem(problem, opts);
  opts.signal?.throwIfAborted();
  const limit = opts.timeLimitMs ?? 5000;
  const n = workerCount(opts);
  const shared =
    typeof SharedArrayBuffer === 'function' &&
    (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const stop = shared ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
  const workers: WorkerLike[] = [];
  const onAbort = () => {
    if (stop) Atomics.store(stop, 0, 1);
    else for (const w of workers) w.terminate();
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const best = await searchInRounds(problem, opts, limit, (seed, limitMs, roundOpts, warm) => {
      // The searches share their best now and then when the page can share memory (mailbox.ts).
      const mailbox = shared && n > 1 ? createMailbox(n, enc.counts) : undefined;
      return Promise.all(
        Array.from(
          { length: n },
          (_, i) =>
            new Promise<Float64Array>((resolve, reject) => {
              const w = opts.createWorker();
              workers.push(w);
              const done = (err: Error | null, out?: Float64Array) => {
                w.terminate();
                if (err) reject(err);
                else if (out) resolve(out);
              };
              if (!stop) opts.signal?.addEventListener('abort', () => done(new SolverError('aborted')), { once: true });
              w.onmessage = (e) => {
                const m = e.data;
                if (m.type === 'progress' && m.p) reportProgress(roundOpts, m.p, i);
                else if (m.type === 'done' && m.out) done(null, m.out);
                else if (m.type === 'error') done(new SolverError(m.message ?? 'solver failed'));
              };
              w.onerror = (e) => done(new SolverError(`solver worker crashed: ${e.message ?? 'unknown error'}`));
              w.postMessage({
                type: 'solve',
                id: i,
                enc: withRun(enc, seed + i, limitMs, warm),
                stop,
                mailbox,
                index: i,
              });
            }),
        ),
      );
    });
    opts.signal?.throwIfAborted();
    return decodeSolution(problem, enc, best, performance.now() - t0);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
}
