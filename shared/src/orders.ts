import { z } from 'zod';
import { LocalDateField } from './time.ts';

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

/** An order as the API shows it. */
export interface Order {
  id: string;
  ref: string;
  name: string;
  phone: string | null;
  email: string | null;
  address: string;
  location: GeoPoint;
  /** True when the location came from the geocoder rather than the file. */
  geocoded: boolean;
  dateFrom: string;
  dateTo: string;
  timeWindows: TimeWindow[];
  serviceS: number;
  /** One value per organisation dimension, in their order. */
  demand: number[];
  skills: string[];
  priority: number;
  notes: string;
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

/**
 * The answer to POST /api/orders/import (200 when written, 422 when all-or-nothing found a bad
 * row and wrote nothing: then created/updated/unchanged are 0).
 */
/** How the import read one column of the file: the canonical field it feeds, or null (ignored). */
export interface ImportColumn {
  header: string;
  field: string | null;
}

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
  })
  .partial()
  .strict();
export type OrderPatch = z.infer<typeof OrderPatch>;
