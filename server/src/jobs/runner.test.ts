import { describe, expect, it } from 'vitest';
import { createJobRunner, defaultConcurrency } from './runner.ts';

/** A job's work: yields to the event loop a few times, as real work awaiting I/O would. */
const work = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
};
/** Work that never ends on its own: only its abort signal ends it. */
const untilAborted = (signal: AbortSignal) =>
  new Promise<void>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));

describe('job runner', () => {
  it('runs at most `concurrency` jobs at once, in order', async () => {
    let active = 0;
    let peak = 0;
    const order: string[] = [];
    const runner = createJobRunner(
      async (id) => {
        active++;
        peak = Math.max(peak, active);
        order.push(id);
        await work();
        active--;
      },
      { concurrency: 2, onError: () => {} },
    );
    for (const id of ['a', 'b', 'c', 'd', 'e']) runner.enqueue(id);
    await runner.idle();
    expect(peak).toBe(2);
    expect(order).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('aborts a running job and drops a queued one on cancel', async () => {
    const errors: string[] = [];
    const ran: string[] = [];
    const runner = createJobRunner(
      async (id, signal) => {
        ran.push(id);
        await untilAborted(signal);
      },
      { concurrency: 1, onError: (id, err) => errors.push(`${id}: ${(err as Error).message}`) },
    );
    runner.enqueue('a');
    runner.enqueue('b');
    expect(runner.cancel('b')).toBe(true);
    expect(runner.cancel('a', 'stop now')).toBe(true);
    await runner.idle();
    expect(ran).toEqual(['a']);
    expect(errors).toEqual(['a: stop now']);
    expect(runner.cancel('zzz')).toBe(false);
  });

  it('sizes itself from the cores', () => {
    expect(defaultConcurrency(1)).toBe(1);
    expect(defaultConcurrency(2)).toBe(1);
    expect(defaultConcurrency(8)).toBe(4);
  });
});
