/**
 * The Audit screen's filters as the API's query: days picked in the dispatcher's calendar are
 * local days, sent as instants (`from` at the day's local midnight, `to` at the next day's, so
 * the last day is included whole).
 */
export interface AuditFilters {
  entity: string;
  entityId: string;
  userId: string;
  action: string;
  /** Local dates, YYYY-MM-DD, or ''. */
  from: string;
  to: string;
}

export const NO_FILTERS: AuditFilters = { entity: '', entityId: '', userId: '', action: '', from: '', to: '' };

/** Local midnight of a YYYY-MM-DD date, `plusDays` later, as an ISO instant. */
export function localMidnight(date: string, plusDays = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/** The query string (with `?`) of the filters, a cursor and a format. */
export function auditQuery(f: AuditFilters, extra: { cursor?: string | null; format?: 'csv'; limit?: number } = {}) {
  const q = new URLSearchParams();
  if (f.entity) q.set('entity', f.entity);
  if (f.entityId.trim()) q.set('entityId', f.entityId.trim());
  if (f.userId) q.set('userId', f.userId);
  if (f.action.trim()) q.set('action', f.action.trim());
  if (f.from) q.set('from', localMidnight(f.from));
  if (f.to) q.set('to', localMidnight(f.to, 1));
  if (extra.limit) q.set('limit', String(extra.limit));
  if (extra.cursor) q.set('cursor', extra.cursor);
  if (extra.format) q.set('format', extra.format);
  const s = q.toString();
  return s ? `?${s}` : '';
}
