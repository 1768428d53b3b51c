/**
 * Failed token lookups per client address, over a sliding minute, in memory: guessing tokens
 * gets 429s after `maxPerMinute` misses (a 192-bit token is not guessable, this keeps the
 * database out of a brute force). With several processes each keeps its own count.
 */
export interface FailureLimiter {
  /** True when this address is over the limit (checked before any lookup). */
  blocked(ip: string, now?: number): boolean;
  fail(ip: string, now?: number): void;
}

export function failureLimiter(maxPerMinute: number): FailureLimiter {
  const hits = new Map<string, number[]>();
  const recent = (ip: string, now: number) => {
    const list = (hits.get(ip) ?? []).filter((t) => now - t < 60_000);
    if (list.length === 0) hits.delete(ip);
    else hits.set(ip, list);
    return list;
  };
  return {
    blocked: (ip, now = Date.now()) => recent(ip, now).length >= maxPerMinute,
    fail(ip, now = Date.now()) {
      const list = recent(ip, now);
      list.push(now);
      hits.set(ip, list);
      // Bounded memory under a spray of addresses: forget the oldest.
      if (hits.size > 50_000) hits.delete(hits.keys().next().value!);
    },
  };
}
