/**
 * The audit list's paging: a keyset cursor on (at, id), newest first. The cursor is opaque to
 * clients (base64url of JSON) but carries the event's time as PostgreSQL wrote it, to the
 * microsecond: a JavaScript Date would round it to the millisecond and skip or repeat events
 * written in the same millisecond.
 */
import { AppError } from '../errors.ts';

export interface AuditCursor {
  /** `at` of the last event of the page, as text with microseconds (`…T12:00:00.123456Z`). */
  at: string;
  /** Its id (bigserial, as text). */
  id: string;
}

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

export function encodeCursor(c: AuditCursor): string {
  return Buffer.from(JSON.stringify([c.at, c.id])).toString('base64url');
}

/** The cursor a client sent back; anything else is a 400 naming `cursor`. */
export function decodeCursor(raw: string): AuditCursor {
  const bad = () =>
    new AppError('bad_request', 'Invalid query: cursor: not a cursor this API gave', {
      details: [{ field: 'cursor', message: 'not a cursor this API gave' }],
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw bad();
  const [at, id] = parsed as unknown[];
  if (typeof at !== 'string' || !AT.test(at) || typeof id !== 'string' || !/^\d{1,19}$/.test(id)) throw bad();
  return { at, id };
}

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The time range of `from`/`to` as instants: `from` inclusive, `to` exclusive; a bare date is a
 * UTC day, and a bare `to` date includes its whole day (`to=2026-03-31` ends at April 1st 00:00).
 */
export function timeRange(from?: string, to?: string): { from: Date | null; to: Date | null } {
  const start = from ? new Date(BARE_DATE.test(from) ? `${from}T00:00:00Z` : from) : null;
  let end: Date | null = null;
  if (to) {
    end = new Date(BARE_DATE.test(to) ? `${to}T00:00:00Z` : to);
    if (BARE_DATE.test(to)) end = new Date(end.getTime() + 86_400_000);
  }
  if (start && end && end <= start) {
    throw new AppError('bad_request', 'Invalid query: to: must be after from', {
      details: [{ field: 'to', message: 'must be after from' }],
    });
  }
  return { from: start, to: end };
}
