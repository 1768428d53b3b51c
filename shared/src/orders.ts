import { z } from 'zod';
import { LocalDateField } from './time.ts';
import { REQUIRED_PROOF_KINDS, type RequiredProof } from './proof-kinds.ts';

export const ORDER_STATUSES = [
  'imported',
  'planned',
  'dispatched',
  'in_progress',
  'delivered',
  'failed',
  'skipped',
  'on_hold',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * Statuses in which an order is with a driver or done: imports and PATCH may not change it.
 * The transitions between statuses are the server's order lifecycle (server/src/lifecycle).
 */
export const LOCKED_ORDER_STATUSES: readonly OrderStatus[] = [
  'dispatched',
  'in_progress',
  'delivered',
  'failed',
  'skipped',
];

/** A delivery window in the local time of the depot's zone, 'HH:MM'. */
export interface TimeWindow {
  start: string;
  end: string;
}

/** A GeoJSON point: coordinates are [lon, lat]. */
export interface GeoPoint {
  type: 'Point';
  coordinates: [number, number];
}

/**
 * Where the goods of a pickup and delivery order are collected before delivery (at the order's
 * `location`): the plan puts both stops on one route, the pickup first.
 */
export interface OrderPickup {
  address: string;
  location: GeoPoint;
  /** Local times of the depot's zone; empty: any time of the order's days. */
  timeWindows: TimeWindow[];
}

/**
 * What an order asks for, as a validated import row (server's `ValidRow`) and the API's `Order`
 * both carry it; each adds where the order is and what became of it.
 */
export interface OrderDetails {
  ref: string;
  name: string;
  phone: string | null;
  email: string | null;
  address: string;
  dateFrom: string;
  dateTo: string;
  timeWindows: TimeWindow[];
  serviceS: number;
  /** One value per organisation dimension, in their order. */
  demand: number[];
  skills: string[];
  priority: number;
  notes: string;
  /**
   * What the delivery must carry, in REQUIRED_PROOF_KINDS order: proof files (else the
   * `pod_missing` alert) and/or `code`, the customer's delivery code typed by the driver; empty: none.
   */
  requireProof: RequiredProof[];
}

/** An order as the API shows it. */
export interface Order extends OrderDetails {
  id: string;
  location: GeoPoint;
  /** True when the location came from the geocoder rather than the file. */
  geocoded: boolean;
  /** Set for a pickup and delivery order; absent or null: delivered from the depot. */
  pickup?: OrderPickup | null;
  /** The depot whose vehicles must serve it (set by an intake rule); null: any depot. */
  depotId: string | null;
  /** Labels set by intake rules (`marketplace`, `fragile`…), for filtering and reports. */
  tags: string[];
  status: OrderStatus;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
}

/** One problem with one cell of an import (or a PATCH): users fix their file from it alone. */
export interface ImportRowError {
  /** The row as the spreadsheet shows it: the header is row 1, the first order row 2. */
  row: number;
  /** The column as the file names it (its header), or the canonical field. */
  column: string;
  value: string;
  message: string;
}

/** Why an imported row cannot be served by the fleet as it is (a warning: the row is still imported). */
export type ImportWarningCode = 'capacity' | 'skill' | 'distance' | 'no_shift';

/** One row the fleet cannot serve as it is, and why, in the request's language. */
export interface ImportWarning {
  /** The row as the spreadsheet shows it (the header is row 1). */
  row: number;
  /** The column the warning is about, as the file names it, when there is one. */
  column?: string;
  code: ImportWarningCode;
  message: string;
}

/** How the import read one column of the file: the canonical field it feeds, or null (ignored). */
export interface ImportColumn {
  header: string;
  field: string | null;
}

/**
 * The answer to POST /api/orders/import (200 when written, 422 when all-or-nothing found a bad
 * row and wrote nothing: then created/updated/unchanged are 0).
 */
export interface ImportResult {
  /** Null for a dry run and for a file that could not be read at all. */
  importId: string | null;
  committed: boolean;
  partial: boolean;
  /** Data rows read (blank rows skipped). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Every rejected cell, up to 1,000; the CSV at rejectedCsv has them all. */
  errors: ImportRowError[];
  errorsTruncated: boolean;
  /**
   * Rows imported (or, in a dry run, that would be) that the fleet cannot serve as it is: demand
   * above every vehicle's capacity, a skill no vehicle has, too far from every depot, no shift on
   * any of its days. Up to 1,000; `warningsTruncated` says when there were more.
   */
  warnings: ImportWarning[];
  warningsTruncated?: boolean;
  /** Headers that matched no field and were ignored. */
  ignoredColumns: string[];
  /** Path of the CSV of rejected rows (original columns plus `error`), or null when none. */
  rejectedCsv: string | null;
  /** Rejected rows kept for that CSV: all of them up to IMPORT_REJECTIONS_MAX_ROWS (`rejected` counts all). */
  rejectedKept?: number;
  /** Set when the CSV lists only the first `rejectedKept` rejected rows: says so, in the request's language. */
  rejectedNote?: string;
  /** Every column of the file, in order, with the field it was read as. */
  columns: ImportColumn[];
  /** Set on a dry run (nothing written), with the first rows' cells as read, for a preview. */
  dryRun?: boolean;
  preview?: string[][];
}

const bool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no', ''])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes');

/** Query (or multipart form fields) of POST /api/orders/import. */
export const ImportOptions = z.object({
  /** Write the good rows and report the others, instead of all-or-nothing. @default false */
  partial: bool.default(false),
  /** Check everything and answer as an import would, with a preview, but write nothing. @default false */
  dryRun: bool.default(false),
  /** XLSX sheet by name or 1-based number. @default the first sheet */
  sheet: z.string().trim().min(1).optional(),
  /** JSON object { "their header": "canonical field" }; "" ignores a column. */
  mapping: z
    .union([z.string(), z.record(z.string(), z.string())])
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || typeof v === 'object') return v ?? {};
      try {
        const parsed: unknown = JSON.parse(v);
        const ok = z.record(z.string(), z.string()).safeParse(parsed);
        if (ok.success) return ok.data;
      } catch {}
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object like {"Their header": "ref"}' });
      return z.NEVER;
    }),
});
export type ImportOptions = z.infer<typeof ImportOptions>;

const isoDate = LocalDateField;

/** Query of GET /api/orders. */
export const OrderListQuery = z.object({
  /** Orders whose date range overlaps [from, to]. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** One status or several separated by commas. */
  status: z
    .string()
    .optional()
    .transform((s) =>
      s
        ? s
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean)
        : undefined,
    )
    .pipe(z.array(z.enum(ORDER_STATUSES)).optional()),
  /** Text searched in ref, name and address (case- and accent-insensitive). */
  q: z.string().trim().max(200).optional(),
  /** minLon,minLat,maxLon,maxLat */
  bbox: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined) return undefined;
      const n = s.split(',').map(Number);
      if (n.length !== 4 || n.some((x) => !Number.isFinite(x)) || n[0]! > n[2]! || n[1]! > n[3]!) {
        ctx.addIssue({ code: 'custom', message: 'must be minLon,minLat,maxLon,maxLat' });
        return z.NEVER;
      }
      return n as [number, number, number, number];
    }),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type OrderListQuery = z.infer<typeof OrderListQuery>;

/** Body of PATCH /api/orders/:id: any of these; the result is validated like an import row. */
export const OrderPatch = z
  .object({
    name: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    address: z.string(),
    location: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
    dateFrom: z.string(),
    dateTo: z.string(),
    timeWindows: z.array(z.object({ start: z.string(), end: z.string() })).max(10),
    serviceS: z.number().int(),
    demand: z.array(z.number()),
    skills: z.array(z.string()),
    priority: z.number().int(),
    notes: z.string(),
    requireProof: z
      .array(z.enum(REQUIRED_PROOF_KINDS, { message: `must be ${REQUIRED_PROOF_KINDS.join(', ')}` }))
      .max(3),
  })
  .partial()
  .strict();
export type OrderPatch = z.infer<typeof OrderPatch>;

/** Body of POST /api/orders/:id/hold: why, and optionally when the hold ends by itself. */
export const HoldRequest = z
  .object({
    /** Why the order is held, for the dispatcher (e.g. "customer away until the 12th"). */
    reason: z.string().trim().min(1, 'must say why the order is held').max(500),
    /** An instant (ISO 8601 with a zone) in the future; without it the order is held until released. */
    until: z.iso
      .datetime({ offset: true, message: 'must be an ISO 8601 instant, e.g. 2026-05-12T08:00:00+02:00' })
      .refine((s) => Date.parse(s) > Date.now(), { message: 'must be in the future' })
      .optional(),
  })
  .strict();
export type HoldRequest = z.infer<typeof HoldRequest>;

/**
 * Body of POST /api/orders/bulk: the same change for up to 500 orders, each checked like
 * PATCH /api/orders/:id. `hold` holds them (or changes the hold); `false` releases held ones.
 */
export const BulkOrderEdit = z
  .object({
    ids: z.array(z.string()).min(1, 'must name at least one order').max(500, 'at most 500 orders at once'),
    set: z
      .object({
        dateFrom: z.string(),
        dateTo: z.string(),
        timeWindows: z.array(z.object({ start: z.string(), end: z.string() })).max(10),
        priority: z.number().int(),
        skills: z.array(z.string()),
        notes: z.string(),
        hold: z.union([HoldRequest, z.literal(false)]),
      })
      .partial()
      .strict(),
  })
  .strict();
export type BulkOrderEdit = z.infer<typeof BulkOrderEdit>;

/** One order's answer to a bulk edit: changed, or refused with the reason (as PATCH would say). */
export type BulkOrderResult = { id: string; ok: true } | { id: string; ok: false; code: string; reason: string };

/** One visit of an order: what the driver's stop event said (a corrected event updates it). */
export interface Attempt {
  /** 1 for the first visit, 2 for the next… */
  n: number;
  /** Null once the stop is gone (routes rewritten); the attempt stays. */
  stopId: string | null;
  routeId: string | null;
  /** The route's day. */
  localDate: string;
  outcome: 'delivered' | 'failed' | 'skipped';
  /** The driver's reason (FAIL_REASONS for a failure), or null. */
  reason: string | null;
  note: string | null;
  /** The device's time of the event. */
  at: string;
  /** Proof files (photo, signature) of the event. */
  proofIds: string[];
}

/** GET /api/orders/:id: the order, its visits, and why it is held (when it is). */
export interface OrderDetail extends Order {
  attempts: Attempt[];
  holdReason: string | null;
  holdUntil: string | null;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const RescheduleWindow = z
  .object({
    start: z.string().trim().regex(HHMM, 'must be HH:MM'),
    end: z.string().trim().regex(HHMM, 'must be HH:MM'),
  })
  .refine((w) => w.start < w.end, { message: 'must end after it starts', path: ['end'] });

/** Statuses an order may be rescheduled from (it is on no route). */
export const RESCHEDULABLE_STATUSES: readonly OrderStatus[] = ['failed', 'skipped', 'on_hold', 'imported'];

/** What a reschedule changes: new allowed days, and optionally windows and notes. */
const rescheduleFields = {
  dateFrom: LocalDateField,
  dateTo: LocalDateField,
  /** Replace the order's delivery windows (local times of the depot's zone). */
  timeWindows: z.array(RescheduleWindow).max(10).optional(),
  /** Replace the order's notes. */
  notes: z.string().max(2000).optional(),
};
const daysInOrder = (r: { dateFrom: string; dateTo: string }) => r.dateFrom <= r.dateTo;
const DAYS_IN_ORDER = { message: 'must not be before dateFrom', path: ['dateTo'] };

/** Body of POST /api/orders/:id/reschedule. */
export const RescheduleRequest = z.object(rescheduleFields).strict().refine(daysInOrder, DAYS_IN_ORDER);
export type RescheduleRequest = z.infer<typeof RescheduleRequest>;

/** Body of POST /api/orders/reschedule: the same for several orders, answered per id. */
export const BulkRescheduleRequest = z
  .object({ ids: z.array(z.string().uuid('must be order ids')).min(1).max(1000), ...rescheduleFields })
  .strict()
  .refine(daysInOrder, DAYS_IN_ORDER);
export type BulkRescheduleRequest = z.infer<typeof BulkRescheduleRequest>;

/** One order's answer to a reschedule: done, or why not. */
export type RescheduleOutcome =
  | { id: string; ok: true; status: OrderStatus; dateFrom: string; dateTo: string }
  | { id: string; ok: false; code: 'not_found' | 'conflict' | 'unprocessable'; reason: string };
