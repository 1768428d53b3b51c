/**
 * Spaces calls at most `perSecond` per second across every caller of one limiter (Nominatim's
 * public service allows 1 request per second per application).
 */
export interface RateLimiter {
  /** Resolves when the caller may make its request. */
  take(): Promise<void>;
}

/** Waits `ms` milliseconds. */
export type Sleep = (ms: number) => Promise<void>;

const sleepFor: Sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * A limiter that hands out one slot every 1000/perSecond ms, in the order callers asked. `now`
 * and `sleep` are the time it reads and waits on (tests give a manual clock instead of waiting).
 */
export function createRateLimiter(
  perSecond: number,
  now: () => number = Date.now,
  sleep: Sleep = sleepFor,
): RateLimiter {
  const intervalMs = 1000 / perSecond;
  let nextSlot = 0;
  return {
    async take() {
      const t = now();
      const slot = Math.max(t, nextSlot);
      nextSlot = slot + intervalMs;
      if (slot > t) await sleep(slot - t);
    },
  };
}
