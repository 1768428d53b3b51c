/**
 * Positions acked to phones, counted per ingest (one per app, so tests running several apps in
 * one process keep theirs apart); read by the metrics at scrape time. No prom-client here: the
 * tracking code only reports what it acked.
 */

export interface PositionCounts {
  stored: number;
  duplicates: number;
  rejected: Map<string, number>;
}

const bySource = new WeakMap<object, PositionCounts>();

/** The counts of `source` (the app's position ingest), zero until its first ack. */
export function positionCounts(source: object): PositionCounts {
  let c = bySource.get(source);
  if (!c) {
    c = { stored: 0, duplicates: 0, rejected: new Map() };
    bySource.set(source, c);
  }
  return c;
}

/** Counts one `positions` ack: stored now, already stored, and rejected by reason. */
export function countPositionsAck(
  source: object,
  ack: { accepted: readonly unknown[]; duplicates: readonly unknown[]; rejected: readonly { reason: string }[] },
): void {
  const c = positionCounts(source);
  c.stored += ack.accepted.length;
  c.duplicates += ack.duplicates.length;
  for (const r of ack.rejected) c.rejected.set(r.reason, (c.rejected.get(r.reason) ?? 0) + 1);
}
