/**
 * The in-process job runner for plans: a FIFO queue drained by at most `concurrency` jobs at a
 * time. A job only awaits: the solver itself runs on worker threads, so the HTTP event loop
 * stays free while plans run. Each running job has an AbortController; cancelling aborts it.
 */
import { availableParallelism } from 'node:os';

export type JobFn = (id: string, signal: AbortSignal) => Promise<void>;

export interface JobRunner {
  /** Queues a job; it starts when a slot is free. */
  enqueue(id: string): void;
  /** Aborts a running job or drops a queued one; false when the runner does not hold it. */
  cancel(id: string, reason?: string): boolean;
  /** Jobs queued or running. */
  size(): number;
  /** Resolves when no job is queued or running. */
  idle(): Promise<void>;
  /** Drops the queue, aborts running jobs and waits for them to settle. */
  close(reason?: string): Promise<void>;
}

/**
 * Plans at once: one per two cores (each plan's solver uses the cores left to it), at least one.
 * @default max(1, floor(cores / 2))
 */
export function defaultConcurrency(cores = availableParallelism()): number {
  return Math.max(1, Math.floor(cores / 2));
}

export function createJobRunner(
  run: JobFn,
  opts: { concurrency: number; onError: (id: string, err: unknown) => void },
): JobRunner {
  const queue: string[] = [];
  const running = new Map<string, { ctl: AbortController; done: Promise<void> }>();
  let waiters: (() => void)[] = [];
  let closed = false;

  const settle = () => {
    if (queue.length === 0 && running.size === 0) {
      const w = waiters;
      waiters = [];
      for (const f of w) f();
    }
  };

  const pump = () => {
    while (!closed && running.size < opts.concurrency && queue.length > 0) {
      const id = queue.shift()!;
      const ctl = new AbortController();
      const done = run(id, ctl.signal)
        .catch((err) => opts.onError(id, err))
        .finally(() => {
          running.delete(id);
          pump();
          settle();
        });
      running.set(id, { ctl, done });
    }
  };

  return {
    enqueue(id) {
      if (closed) throw new Error('the job runner is closed');
      queue.push(id);
      pump();
    },
    cancel(id, reason = 'cancelled') {
      const i = queue.indexOf(id);
      if (i >= 0) {
        queue.splice(i, 1);
        settle();
        return true;
      }
      const job = running.get(id);
      if (!job) return false;
      job.ctl.abort(new Error(reason));
      return true;
    },
    size: () => queue.length + running.size,
    idle: () => (queue.length === 0 && running.size === 0 ? Promise.resolve() : new Promise((r) => waiters.push(r))),
    async close(reason = 'the server is stopping') {
      closed = true;
      queue.length = 0;
      for (const job of running.values()) job.ctl.abort(new Error(reason));
      await Promise.all([...running.values()].map((j) => j.done));
      settle();
    },
  };
}
