import { z } from 'zod';

/**
 * The audit trail as the API reads it back: `GET /api/audit` (admins) pages the `events` table
 * newest first with an opaque keyset cursor on (at, id); `GET /api/orders/:id/history` merges
 * everything that happened to one order into one chain of custody, oldest first.
 */

const isoDateTime = z
  .string()
  .trim()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'must be a date (YYYY-MM-DD) or an ISO date-time');

/** Filters of `GET /api/audit`; `from` inclusive, `to` exclusive (a bare date `to` means up to its end). */
export const AuditQuery = z.object({
  entity: z.string().trim().min(1).max(100).optional(),
  entityId: z.string().trim().min(1).max(200).optional(),
  userId: z.string().uuid().optional(),
  action: z.string().trim().min(1).max(100).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  /** The `nextCursor` of the previous page, as given. */
  cursor: z.string().trim().max(200).optional(),
  /** @default 50 */
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** `csv` streams every matching event (no paging). */
  format: z.enum(['json', 'csv']).default('json'),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** One row of the audit trail. */
export interface AuditEvent {
  id: string;
  at: string;
  action: string;
  entity: string;
  entityId: string | null;
  userId: string | null;
  /** The user's email, when the event was done by a user that still exists. */
  userEmail: string | null;
  details: Record<string, unknown>;
}

export interface AuditPage {
  items: AuditEvent[];
  /** Pass it as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** What one entry of an order's history is about. */
export const HISTORY_KINDS = [
  'import',
  'edit',
  'status',
  'plan',
  'publication',
  'stop_event',
  'proof',
  'message',
  'rating',
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/** Who did it: a dispatcher or admin (user), the driver, the customer (tracking link) or the server. */
export interface HistoryActor {
  type: 'user' | 'driver' | 'customer' | 'system';
  id: string | null;
  name: string | null;
}

/** One link of an order's chain of custody. */
export interface HistoryEntry {
  /** When it happened (a stop event: the device's time; its receipt time is in `details.receivedAt`). */
  at: string;
  kind: HistoryKind;
  actor?: HistoryActor;
  /** One line in English saying what happened (the web app words it from `kind` and `details`). */
  summary: string;
  details: Record<string, unknown>;
}

export interface OrderHistory {
  orderId: string;
  ref: string;
  /** How the order came in: `import` (a file), `api` (a JSON body), `manual`… */
  source: string | null;
  entries: HistoryEntry[];
}
