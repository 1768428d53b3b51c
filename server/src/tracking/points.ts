/**
 * Checks a batch's points one by one: a point out of its schema's bounds is rejected alone (acked
 * `invalid`, naming the field, so the phone drops it) and never fails its batch or reaches the
 * database. Pure, so it is unit-tested alone.
 */
import { PositionPoint, type PositionsAck } from '@tournee/shared';

/** Ids longer than a UUID's text are not echoed back: the phone sends UUIDs. */
const MAX_ID_CHARS = 64;

export interface SplitPoints {
  valid: PositionPoint[];
  rejected: PositionsAck['rejected'];
}

/** Separates the points that parse from those that do not (a point without a readable id is dropped). */
export function splitPoints(raw: readonly unknown[]): SplitPoints {
  const valid: PositionPoint[] = [];
  const rejected: PositionsAck['rejected'] = [];
  for (const p of raw) {
    const r = PositionPoint.safeParse(p);
    if (r.success) {
      valid.push(r.data);
      continue;
    }
    const id = (p as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_CHARS) continue;
    const field = r.error.issues[0]?.path[0];
    rejected.push({ id, reason: 'invalid', field: typeof field === 'string' ? field : 'point' });
  }
  return { valid, rejected };
}
