/**
 * Time in milliseconds that moves only when a test says so, with a `sleep` that wakes when it
 * has moved far enough: pacing (a rate limiter's waits) is then checked without real waiting,
 * and so without depending on how loaded the machine is.
 */
export interface ManualTime {
  now(): number;
  /** Resolves once the time has been advanced by `ms` from now (at once when `ms` ≤ 0). */
  sleep(ms: number): Promise<void>;
  /** Moves the time on and wakes every sleeper whose time has come. */
  advance(ms: number): void;
}

export function manualTime(start = 0): ManualTime {
  let t = start;
  let sleepers: { at: number; wake(): void }[] = [];
  return {
    now: () => t,
    sleep: (ms) =>
      ms <= 0 ? Promise.resolve() : new Promise<void>((wake) => void sleepers.push({ at: t + ms, wake })),
    advance(ms) {
      t += ms;
      const due = sleepers.filter((s) => s.at <= t);
      sleepers = sleepers.filter((s) => s.at > t);
      for (const s of due) s.wake();
    },
  };
}

/** Lets every promise already resolved run its continuations (the I/O queue included). */
export const settle = () => new Promise<void>((r) => setImmediate(r));
