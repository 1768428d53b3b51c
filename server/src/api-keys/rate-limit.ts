/**
 * Requests per key and minute, counted in this process (fixed one-minute windows). Behind a load
 * balancer with N processes a key may get up to N times the limit; the limit is there to stop a
 * runaway client loop, not to bill.
 */
export interface KeyRateLimiter {
  /** Counts one request; null when allowed, else the seconds to wait (Retry-After). */
  hit(keyId: string, nowMs?: number): number | null;
}

export function createKeyRateLimiter(perMinute: number): KeyRateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(keyId, nowMs = Date.now()) {
      const start = Math.floor(nowMs / 60_000) * 60_000;
      let w = windows.get(keyId);
      if (!w || w.start !== start) {
        // Old windows go as keys come back; a map of one entry per live key stays small.
        if (windows.size > 10_000) windows.clear();
        w = { start, count: 0 };
        windows.set(keyId, w);
      }
      w.count++;
      if (w.count <= perMinute) return null;
      return Math.max(1, Math.ceil((start + 60_000 - nowMs) / 1000));
    },
  };
}
