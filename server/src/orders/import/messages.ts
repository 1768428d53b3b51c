/**
 * What an import says about its rows and columns, in the language of the request (English or
 * French): dispatchers fix their files from these messages, in the app's language. Each language
 * writes every text (the type checks it, so none can miss a message) in shared's message syntax,
 * `{name}` and plurals; one function fills them for both, with shared's numbers and plural rules.
 */
import { chooseLanguage, formatMessage, intlLocale, type Language, type MessageValues } from '@tournee/shared';
import { EN_TEXTS } from './messages-en.ts';
import { FR_TEXTS } from './messages-fr.ts';

export type ImportLang = Language;
export const IMPORT_LANGS: readonly ImportLang[] = ['en', 'fr'];

/** Why a cell could not be read (thrown by the parsers of values.ts as ValueError keys). */
export type ValueProblem =
  | 'notDate'
  | 'badDate'
  | 'notCalendarDate'
  | 'badTime'
  | 'notTimeOfDay'
  | 'notTime'
  | 'badTimeOfDay'
  | 'notNumber';

export interface ImportMessages {
  value: Record<ValueProblem, string>;
  required: string;
  refRequired: string;
  longerThan(chars: number): string;
  badPhone(country: string): string;
  badEmail: string;
  notLatitude: string;
  notLongitude: string;
  zeroZero: string;
  missingWhileGiven(given: string): string;
  noPlace: string;
  /** A pickup column is filled but the pickup has neither an address nor coordinates. */
  pickupNeedsPlace: string;
  endsBeforeFirstDate(date: string): string;
  windowMissingEnd(start: string): string;
  windowMissingStart(end: string): string;
  windowBackwards(start: string, end: string): string;
  serviceRange: string;
  negative: string;
  priorityRange: string;
  /** A proof kind (require_proof) that is not one of PROOF_KINDS. */
  unknownProof(kind: string): string;
  duplicateRef(firstRow: number): string;
  conflict(ref: string, status: string): string;
  noGeocoder: string;
  /** A pickup address to geocode, and no geocoder. */
  pickupNoGeocoder: string;
  notFound: string;
  geocoderFailed(why: string): string;
  notDimension(dim: string, dims: string): string;
  sameField(a: string, b: string, field: string): string;
  noRefColumn: string;
  noDateColumn: string;
  headerProblems(list: string): string;
  rejectedNothingImported(rejected: number): string;
  emptyFile: string;
  emptySheet(name: string): string;
  unclosedQuote(row: number): string;
  unreadable(what: 'CSV' | 'XLSX', why: string): string;
  noSheetNamed(sheet: string, sheets: string): string;
  noSheet: string;
  jsonNotArray: string;
  unreadableForm(why: string): string;
  noFileField: string;
  /** The upload passed IMPORT_MAX_BYTES (413). */
  tooLarge(maxBytes: number): string;
  /** The XLSX archive passed one of the limits checked while it inflates (422); `part` is the zip entry. */
  xlsxLimit(limit: XlsxLimit, max: number, part: string): string;
  /** The XML of an XLSX part holds a NUL character, in `cell` (e.g. B3) when known. */
  xlsxNul(cell: string, part: string): string;
  /** A mapped cell holds a NUL character (PostgreSQL text cannot store it). */
  nulCharacter: string;
  /** A JSON cell nested deeper than a value or a flat list can be. */
  tooDeep(maxDepth: number): string;
  /** The header row holds a NUL character in a column name. */
  nulInHeader(column: number): string;
  /** The JSON body could not be parsed. */
  unreadableJson(why: string): string;
  /** Only the first `kept` rejected rows were kept for the rejected-rows CSV. */
  rejectedTruncated(kept: number, rejected: number): string;
  /** The worker thread that checks the rows failed: nothing was imported. */
  rowCheckFailed(why: string): string;
  /** The rejected rows of an import were purged after `days` days. */
  rejectionsPurged(days: number): string;
  /** Warnings (the row is imported): see serviceability.ts. */
  warn: {
    /** The demand on one dimension is above every vehicle's capacity on it. */
    capacity(demand: string, largest: string): string;
    /** Each dimension fits some vehicle, but no one vehicle holds them all together. */
    capacityTogether(demand: string): string;
    skill(skill: string): string;
    distance(km: number, maxKm: number): string;
    noShift(from: string, to: string): string;
  };
}

/** The limits an XLSX file is checked against while it inflates (see zip-guard.ts). */
export type XlsxLimit =
  | 'entry'
  | 'part'
  | 'workbook'
  | 'sharedStrings'
  | 'sharedStringChars'
  | 'cellChars'
  | 'rowCells';

/** A message with values as a template (shared's syntax); a message without values as its text. */
type Templates<T> = {
  [K in keyof T]: T[K] extends string ? string : T[K] extends (...args: never[]) => string ? string : Templates<T[K]>;
};

/**
 * One language's texts, in shared's message syntax (formatMessage: `{name}`, `{n, plural, …}`).
 * The values each template may use are named where `messages` below fills it; where the
 * interface picks a text by its arguments, the texts are kept apart.
 */
export type ImportTexts = Omit<Templates<ImportMessages>, 'unreadable' | 'xlsxLimit' | 'xlsxNul' | 'warn'> & {
  unreadable: Record<'CSV' | 'XLSX', string>;
  xlsxLimit: Record<XlsxLimit, string>;
  /** The NUL is in a known cell: {cell}, its {row} and {column}. */
  xlsxNulCell: string;
  /** The NUL is somewhere in {part}. */
  xlsxNulPart: string;
  warn: Omit<Templates<ImportMessages['warn']>, 'noShift'> & { noShiftDay: string; noShiftDays: string };
};

/**
 * Bytes in MB, to a tenth when not whole (the limits are set in bytes); under 1 MB to a hundredth (as
 * much as the formatter writes), so a limit of a few tens of KB is not shown as "0 MB".
 */
const megabytes = (bytes: number) => {
  const mb = bytes / 1048576;
  return mb < 1 ? Math.round(mb * 100) / 100 : Math.round(mb * 10) / 10;
};

/**
 * One language's messages: its texts filled by shared's formatter, which writes counts as the
 * language does ("10,000" / "10 000") and picks their plural form. Row and column numbers are
 * given as text, so they stay as the spreadsheet shows them ("row 12345").
 */
function messages(x: ImportTexts, lang: ImportLang): ImportMessages {
  const locale = intlLocale(lang);
  const f = (template: string, values: MessageValues) => formatMessage(template, values, locale);
  return {
    value: x.value,
    required: x.required,
    refRequired: x.refRequired,
    longerThan: (n) => f(x.longerThan, { n }),
    badPhone: (country) => f(x.badPhone, { country }),
    badEmail: x.badEmail,
    notLatitude: x.notLatitude,
    notLongitude: x.notLongitude,
    zeroZero: x.zeroZero,
    missingWhileGiven: (given) => f(x.missingWhileGiven, { given }),
    noPlace: x.noPlace,
    pickupNeedsPlace: x.pickupNeedsPlace,
    endsBeforeFirstDate: (date) => f(x.endsBeforeFirstDate, { date }),
    windowMissingEnd: (start) => f(x.windowMissingEnd, { start }),
    windowMissingStart: (end) => f(x.windowMissingStart, { end }),
    windowBackwards: (start, end) => f(x.windowBackwards, { start, end }),
    serviceRange: x.serviceRange,
    negative: x.negative,
    priorityRange: x.priorityRange,
    unknownProof: (kind) => f(x.unknownProof, { kind }),
    duplicateRef: (row) => f(x.duplicateRef, { row: String(row) }),
    conflict: (ref, status) => f(x.conflict, { ref, status }),
    noGeocoder: x.noGeocoder,
    pickupNoGeocoder: x.pickupNoGeocoder,
    notFound: x.notFound,
    geocoderFailed: (why) => f(x.geocoderFailed, { why }),
    notDimension: (dim, dims) => f(x.notDimension, { dim, dims }),
    sameField: (a, b, field) => f(x.sameField, { a, b, field }),
    noRefColumn: x.noRefColumn,
    noDateColumn: x.noDateColumn,
    headerProblems: (list) => f(x.headerProblems, { list }),
    rejectedNothingImported: (n) => f(x.rejectedNothingImported, { n }),
    emptyFile: x.emptyFile,
    emptySheet: (name) => f(x.emptySheet, { name }),
    unclosedQuote: (row) => f(x.unclosedQuote, { row: String(row) }),
    unreadable: (what, why) => f(x.unreadable[what], { why }),
    noSheetNamed: (sheet, sheets) => f(x.noSheetNamed, { sheet, sheets }),
    noSheet: x.noSheet,
    jsonNotArray: x.jsonNotArray,
    unreadableForm: (why) => f(x.unreadableForm, { why }),
    noFileField: x.noFileField,
    tooLarge: (maxBytes) => f(x.tooLarge, { mb: megabytes(maxBytes) }),
    xlsxLimit: (limit, max, part) => f(x.xlsxLimit[limit], { max, mb: megabytes(max), part }),
    xlsxNul: (cell, part) =>
      cell
        ? f(x.xlsxNulCell, { cell, row: cell.replace(/^[A-Z]+/, ''), column: cell.replace(/\d+$/, '') })
        : f(x.xlsxNulPart, { part }),
    nulCharacter: x.nulCharacter,
    tooDeep: (depth) => f(x.tooDeep, { depth }),
    nulInHeader: (column) => f(x.nulInHeader, { column: String(column) }),
    unreadableJson: (why) => f(x.unreadableJson, { why }),
    rejectedTruncated: (kept, n) => f(x.rejectedTruncated, { kept, n }),
    rowCheckFailed: (why) => f(x.rowCheckFailed, { why }),
    rejectionsPurged: (days) => f(x.rejectionsPurged, { days }),
    warn: {
      capacity: (demand, largest) => f(x.warn.capacity, { demand, largest }),
      capacityTogether: (demand) => f(x.warn.capacityTogether, { demand }),
      skill: (skill) => f(x.warn.skill, { skill }),
      distance: (km, max) => f(x.warn.distance, { km, max }),
      noShift: (from, to) => (from === to ? f(x.warn.noShiftDay, { from }) : f(x.warn.noShiftDays, { from, to })),
    },
  };
}

export const IMPORT_MESSAGES: Record<ImportLang, ImportMessages> = {
  en: messages(EN_TEXTS, 'en'),
  fr: messages(FR_TEXTS, 'fr'),
};

/** The language of a request's `Accept-Language` header (shared's choice; English by default). */
export function importLang(acceptLanguage: string | undefined): ImportLang {
  return chooseLanguage(acceptLanguage, 'en');
}
