/**
 * Validation of one order row, shared by imports (CSV, XLSX, JSON) and PATCH: raw cell values
 * keyed by canonical field in, a normalised order (or every problem, each naming its column) out.
 */
import {
  type ImportRowError,
  type OrderDetails,
  PICKUP_FIELDS,
  phoneE164,
  REQUIRED_PROOF_KINDS,
  type RequiredProof,
  type TimeWindow,
} from '@tournee/shared';
import { IMPORT_MESSAGES, type ImportMessages } from './messages.ts';
import { cellText, detached, minutesOf, parseDate, parseList, parseNumber, parseTime, ValueError } from './values.ts';

/** A row that passed validation; lon/lat null means "geocode the address". */
export interface ValidRow extends OrderDetails {
  lon: number | null;
  lat: number | null;
  /** Where the goods are collected before delivery (a pickup and delivery order); absent or null: none. */
  pickup?: PickupRow | null;
  /** Set by intake rules (automation/): the depot that serves the order. */
  depotId?: string | null;
  /** Set by intake rules: a new order starts on hold. */
  hold?: boolean;
  /** Set by intake rules. */
  tags?: string[];
}

/** The pickup of a pickup and delivery order, validated; lon/lat null means "geocode the address". */
export interface PickupRow {
  address: string;
  lon: number | null;
  lat: number | null;
  /** Local times of the depot's zone; empty: any time of the delivery's days. */
  timeWindows: TimeWindow[];
}

const WINDOW_FIELD = /^tw(\d*)_(start|end)$/;

export interface RowContext {
  dimensions: string[];
  /** ISO 3166-1 alpha-2, upper case: national phone numbers are read in it. */
  defaultCountry: string;
  defaultServiceS: number;
  /** The [start, end] field pairs of the file's windows (see windowFields); found per row when absent. */
  windows?: [string, string][];
  /** The messages' language (English when absent). */
  messages?: ImportMessages;
}

/** The time-window field pairs among `fields`, in window order: [['tw_start', 'tw_end'], ['tw2_start', 'tw2_end']]. */
export function windowFields(fields: Iterable<string | null>): [string, string][] {
  const numbers = new Set<string>();
  for (const f of fields) {
    const m = f ? WINDOW_FIELD.exec(f) : null;
    if (m) numbers.add(m[1]!);
  }
  return [...numbers].sort((a, b) => Number(a || 1) - Number(b || 1)).map((n) => [`tw${n}_start`, `tw${n}_end`]);
}

const joinNonEmpty = (a: string, b: string, sep: string) => (a && b ? a + sep + b : a || b);

export type RowResult = { ok: true; row: ValidRow } | { ok: false; errors: ImportRowError[] };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The cells of one row being checked, and the errors found so far. A class rather than
 * closures: validateRow runs 100,000 times in a big import and must not allocate functions.
 */
class Cells {
  readonly errors: ImportRowError[] = [];
  constructor(
    readonly record: Record<string, unknown>,
    readonly row: number,
    readonly columnOf: (field: string) => string,
    readonly m: ImportMessages,
  ) {}

  text(field: string): string {
    return cellText(this.record[field]);
  }

  /** True when the cell holds something (XLSX numbers and dates count even when they print as ''). */
  has(field: string): boolean {
    const v = this.record[field];
    return typeof v === 'number' || v instanceof Date || cellText(v) !== '';
  }

  fail(field: string, message: string): void {
    this.errors.push({ row: this.row, column: this.columnOf(field), value: detached(this.text(field)), message });
  }

  /** The parsed cell, null when it is empty or bad (a bad cell is recorded as an error). */
  parse<T>(field: string, fn: (v: unknown) => T): T | null {
    if (!this.has(field)) return null;
    try {
      return fn(this.record[field]);
    } catch (err) {
      if (!(err instanceof ValueError)) throw err;
      this.fail(field, this.m.value[err.problem]);
      return null;
    }
  }
}

const identity = (f: string) => f;

/** The text with every NUL shown as U+FFFD (�), so it can be stored and shown where it was. */
export const withoutNul = (s: string): string => (s.includes('\0') ? s.replaceAll('\0', '\ufffd') : s);

/**
 * Validates one row. `record` maps canonical fields to raw cells; `columnOf` gives the name of
 * the column as the user wrote it (for messages); `row` is the row number the user sees.
 */
export function validateRow(
  record: Record<string, unknown>,
  row: number,
  ctx: RowContext,
  columnOf: (field: string) => string = identity,
): RowResult {
  const m = ctx.messages ?? IMPORT_MESSAGES.en;
  const c = new Cells(record, row, columnOf, m);
  // PostgreSQL text cannot hold NUL: a cell with one is the user's to fix, named like any other.
  for (const field in record) {
    const v = record[field];
    if (typeof v === 'string' && v.includes('\0')) {
      c.errors.push({ row, column: columnOf(field), value: withoutNul(cellText(v)), message: m.nulCharacter });
    }
  }
  const ref = c.text('ref');
  if (!ref) c.fail('ref', m.refRequired);
  else if (ref.length > 100) c.fail('ref', m.longerThan(100));

  const name = c.text('name');
  if (name.length > 200) c.fail('name', m.longerThan(200));

  let phone: string | null = null;
  const phoneText = c.text('phone');
  if (phoneText) {
    phone = phoneE164(phoneText, ctx.defaultCountry);
    if (phone === null) c.fail('phone', m.badPhone(ctx.defaultCountry));
  }

  const email = c.text('email') || null;
  if (email && !EMAIL.test(email)) c.fail('email', m.badEmail);

  const address = joinNonEmpty(
    joinNonEmpty(c.text('address'), joinNonEmpty(c.text('postcode'), c.text('city'), ' '), ', '),
    c.text('country'),
    ', ',
  );

  const lat = c.parse('lat', parseNumber);
  const lon = c.parse('lon', parseNumber);
  const hasLat = c.has('lat');
  const hasLon = c.has('lon');
  if (lat !== null && (lat < -90 || lat > 90)) c.fail('lat', m.notLatitude);
  if (lon !== null && (lon < -180 || lon > 180)) c.fail('lon', m.notLongitude);
  if (lat === 0 && lon === 0) c.fail('lat', m.zeroZero);
  if (hasLat && !hasLon) c.fail('lon', m.missingWhileGiven('lat'));
  if (hasLon && !hasLat) c.fail('lat', m.missingWhileGiven('lon'));
  if (!hasLat && !hasLon && !address) c.fail('address', m.noPlace);

  const date = c.parse('date', parseDate);
  let dateFrom = c.parse('date_from', parseDate) ?? date;
  let dateTo = c.parse('date_to', parseDate) ?? dateFrom;
  if (!dateFrom && !c.has('date') && !c.has('date_from'))
    c.fail('date_from' in record ? 'date_from' : 'date', m.required);
  if (dateFrom && dateTo && dateTo < dateFrom) c.fail('date_to', m.endsBeforeFirstDate(dateFrom));
  dateFrom ??= '';
  dateTo ??= dateFrom;

  const timeWindows: TimeWindow[] = [];
  for (const [sf, ef] of ctx.windows ?? windowFields(Object.keys(record))) {
    const start = c.parse(sf, parseTime);
    const end = c.parse(ef, parseTime);
    if (start === null && end === null) {
      if (!c.text(sf) && !c.text(ef)) continue;
    } else if (start !== null && end === null && !c.text(ef)) {
      c.fail(ef, m.windowMissingEnd(start));
    } else if (end !== null && start === null && !c.text(sf)) {
      c.fail(sf, m.windowMissingStart(end));
    } else if (start !== null && end !== null) {
      if (minutesOf(end) <= minutesOf(start)) c.fail(ef, m.windowBackwards(start, end));
      else timeWindows.push({ start, end });
    }
  }
  if (timeWindows.length > 1) timeWindows.sort((a, b) => minutesOf(a.start) - minutesOf(b.start));

  const serviceMin = c.parse('service_min', parseNumber);
  if (serviceMin !== null && (serviceMin < 0 || serviceMin > 24 * 60)) c.fail('service_min', m.serviceRange);
  const serviceS = serviceMin === null ? ctx.defaultServiceS : Math.round(serviceMin * 60);

  const demand = ctx.dimensions.map((dim) => {
    const v = c.parse(`demand_${dim}`, parseNumber);
    if (v !== null && v < 0) c.fail(`demand_${dim}`, m.negative);
    return v ?? 0;
  });

  const priority = c.parse('priority', parseNumber) ?? 0;
  if (!Number.isInteger(priority) || priority < 0 || priority > 100) c.fail('priority', m.priorityRange);

  const notes = c.text('notes');
  if (notes.length > 2000) c.fail('notes', m.longerThan(2000));

  const pickup = PICKUP_FIELDS.some((f) => c.has(f)) ? pickupOf(c) : null;

  // Most files have no such column: nothing is allocated then.
  const requireProof = c.has('require_proof') ? proofKinds(c) : NO_PROOF;

  if (c.errors.length) return { ok: false, errors: c.errors };
  return {
    ok: true,
    row: {
      ref,
      name,
      phone,
      email,
      address,
      lon: hasLon ? lon : null,
      lat: hasLat ? lat : null,
      dateFrom,
      dateTo,
      timeWindows,
      serviceS,
      demand,
      skills: parseList(record.skills),
      priority,
      notes,
      requireProof,
      ...(pickup ? { pickup } : {}),
    },
  };
}

/**
 * The pickup of a row with any pickup cell filled: coordinates (both) or an address to geocode,
 * a window checked like the delivery's. Errors name the pickup column.
 */
function pickupOf(c: Cells): PickupRow | null {
  const before = c.errors.length;
  const lat = c.parse('pickup_lat', parseNumber);
  const lon = c.parse('pickup_lon', parseNumber);
  if (lat !== null && (lat < -90 || lat > 90)) c.fail('pickup_lat', c.m.notLatitude);
  if (lon !== null && (lon < -180 || lon > 180)) c.fail('pickup_lon', c.m.notLongitude);
  if (lat === 0 && lon === 0) c.fail('pickup_lat', c.m.zeroZero);
  const hasLat = c.has('pickup_lat');
  const hasLon = c.has('pickup_lon');
  if (hasLat && !hasLon) c.fail('pickup_lon', c.m.missingWhileGiven('pickup_lat'));
  else if (hasLon && !hasLat) c.fail('pickup_lat', c.m.missingWhileGiven('pickup_lon'));
  else if (!hasLat && !hasLon && !c.text('pickup_address')) c.fail('pickup_address', c.m.pickupNeedsPlace);
  const start = c.parse('pickup_tw_start', parseTime);
  const end = c.parse('pickup_tw_end', parseTime);
  const timeWindows: TimeWindow[] = [];
  if (start !== null && end === null && !c.text('pickup_tw_end')) c.fail('pickup_tw_end', c.m.windowMissingEnd(start));
  else if (end !== null && start === null && !c.text('pickup_tw_start'))
    c.fail('pickup_tw_start', c.m.windowMissingStart(end));
  else if (start !== null && end !== null) {
    if (minutesOf(end) <= minutesOf(start)) c.fail('pickup_tw_end', c.m.windowBackwards(start, end));
    else timeWindows.push({ start, end });
  }
  if (c.errors.length > before) return null;
  return { address: c.text('pickup_address'), lon: hasLon ? lon : null, lat: hasLat ? lat : null, timeWindows };
}

const NO_PROOF: RequiredProof[] = [];

/** The kinds of a `require_proof` cell ("photo", "signature,code"…), in REQUIRED_PROOF_KINDS order. */
function proofKinds(c: Cells): RequiredProof[] {
  const given = parseList(c.record.require_proof).map((k) => k.toLowerCase());
  const unknown = given.find((k) => !(REQUIRED_PROOF_KINDS as readonly string[]).includes(k));
  if (unknown !== undefined) {
    c.fail('require_proof', c.m.unknownProof(unknown));
    return NO_PROOF;
  }
  return REQUIRED_PROOF_KINDS.filter((k) => given.includes(k));
}
