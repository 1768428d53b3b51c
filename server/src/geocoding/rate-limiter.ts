/**
 * Spaces calls at most `perSecond` per second across every caller of one limiter (Nominatim's
 * public service allows 1 request per second per application).
 */
export interface RateLimiter {
  /** Resolves when the caller may make its request. */
  take(): Promise<void>;
}

/** A limiter that hands out one slot every 1000/perSecond ms, in the order callers asked. */
export function createRateLimiter(perSecond: number, now: () => number = Date.now): RateLimiter {
  const intervalMs = 1000 / perSecond;
  let nextSlot = 0;
  return {
    async take() {
      const t = now();
      const slot = Math.max(t, nextSlot);
      nextSlot = slot + intervalMs;
      if (slot > t) await new Promise((r) => setTimeout(r, slot - t));
    },
  };
}
