/**
 * Cell parsers for imported orders: dates, times, numbers and lists as people type them in
 * French and English spreadsheets, and as XLSX cells arrive (Date objects, day fractions).
 * Each returns the parsed value or throws a ValueError whose message tells how to fix the cell.
 */

import { IMPORT_MESSAGES, type ValueProblem } from './messages.ts';

/** A cell that cannot be read; `problem` names why, for a message in the request's language. */
export class ValueError extends Error {
  constructor(readonly problem: ValueProblem) {
    super(IMPORT_MESSAGES.en.value[problem]);
  }
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The text of a cell: trimmed, with non-breaking spaces made plain; '' for empty cells. */
export function cellText(value: unknown): string {
  if (typeof value === 'string') {
    // The common case, kept cheap: it runs for every cell of every row.
    return value.includes('\u00a0') || value.includes('\u202f')
      ? value.replace(/\u00a0|\u202f/g, ' ').trim()
      : value.trim();
  }
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value)
    .replace(/\u00a0|\u202f/g, ' ')
    .trim();
}

function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2999) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/;
// JJ/MM/AAAA as French spreadsheets write it; also with - or . and a two-digit year.
const FR_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;

/**
 * A calendar date as 'YYYY-MM-DD'. Accepts ISO (2026-03-05), JJ/MM/AAAA (05/03/2026, also
 * with - or . and two-digit years) and XLSX date cells (Date objects at UTC midnight).
 */
export function parseDate(value: unknown): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new ValueError('badDate');
    return `${value.getUTCFullYear()}-${pad2(value.getUTCMonth() + 1)}-${pad2(value.getUTCDate())}`;
  }
  const text = cellText(value);
  const iso = ISO_DATE.exec(text);
  const fr = iso ? null : FR_DATE.exec(text);
  let y: number;
  let mo: number;
  let d: number;
  if (iso) {
    [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else if (fr) {
    [d, mo, y] = [Number(fr[1]), Number(fr[2]), Number(fr[3])];
    if (fr[3]!.length === 2) y += 2000;
  } else {
    throw new ValueError('notDate');
  }
  if (!isValidDate(y, mo, d)) throw new ValueError('notCalendarDate');
  return `${y}-${pad2(mo)}-${pad2(d)}`;
}

const TIME = /^(\d{1,2})(?:[:hH](\d{2})?(?::(\d{2}))?)?$/;

/**
 * A local time of day as 'HH:MM'. Accepts 08:00, 8:00, 08h00, 8h, 8h30, 08:00:00, XLSX time
 * cells (Date objects on 1899-12-30 UTC) and day fractions (0.5 = 12:00). 24:00 is allowed as
 * the end of the day.
 */
export function parseTime(value: unknown): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new ValueError('badTime');
    // Excel stores times as fractions of a day; seconds are rounded to the minute.
    const minutes = Math.round((value.getUTCHours() * 3600 + value.getUTCMinutes() * 60 + value.getUTCSeconds()) / 60);
    return `${pad2(Math.floor(minutes / 60) % 24)}:${pad2(minutes % 60)}`;
  }
  if (typeof value === 'number') {
    if (!(value >= 0 && value <= 1)) throw new ValueError('notTimeOfDay');
    const minutes = Math.round(value * 24 * 60);
    return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
  }
  const text = cellText(value);
  const m = TIME.exec(text);
  if (!m) throw new ValueError('notTime');
  const h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min > 0)) throw new ValueError('badTimeOfDay');
  return `${pad2(h)}:${pad2(min)}`;
}

/**
 * A copy of a string that does not keep its source alive. Cells are slices of the CSV text they
 * came from; one kept for the whole import (a ref in the duplicate check, a value in an error)
 * would otherwise pin its 32 KB chunk, and with it, slice by slice, the whole file.
 */
export const detached = (s: string): string => (s.length < 13 ? s : ` ${s}`.slice(1));

/** Minutes since midnight of an 'HH:MM' time. */
export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * A number written either way: 12.5, 12,5 (decimal comma), 1 234,5 or 1,234.5 (thousands
 * separators). XLSX numeric cells pass through.
 */
const PLAIN_DECIMAL = /^-?\d+(?:[.,]\d+)?$/;

export function parseNumber(value: unknown): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ValueError('notNumber');
    return value;
  }
  const plain = cellText(value);
  // Most cells are plain decimals ("12", "45,764", "-4.83"): read at once, without the
  // rewriting below (it runs for every number of every row: four per row in a typical file).
  if (PLAIN_DECIMAL.test(plain)) return Number(plain.replace(',', '.'));
  let text = plain.replace(/[\s']/g, '');
  const comma = text.lastIndexOf(',');
  const dot = text.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) {
    // Both present: the last one is the decimal separator, the other groups thousands.
    text = comma > dot ? text.replace(/\./g, '').replace(',', '.') : text.replace(/,/g, '');
  } else if (comma >= 0) {
    text = text.replace(',', '.');
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) throw new ValueError('notNumber');
  return Number(text);
}

/** A list cell ("fridge, tail-lift" or "fridge;tail-lift" or "fridge|tail-lift"): trimmed, unique. */
export function parseList(value: unknown): string[] {
  const text = cellText(value);
  if (!text) return [];
  return [
    ...new Set(
      text
        .split(/[,;|]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}
