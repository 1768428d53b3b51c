/**
 * What an import says about its rows and columns, in the language of the request (English or
 * French): dispatchers fix their files from these messages, in the app's language. Each language
 * writes every text (the type checks it, so none can miss a message) in shared's message syntax,
 * `{name}` and plurals; one function fills them for both, with shared's numbers and plural rules.
 */
import { chooseLanguage, formatMessage, intlLocale, type Language, type MessageValues } from '@tournee/shared';

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
type Texts = Omit<Templates<ImportMessages>, 'unreadable' | 'xlsxLimit' | 'xlsxNul' | 'warn'> & {
  unreadable: Record<'CSV' | 'XLSX', string>;
  xlsxLimit: Record<XlsxLimit, string>;
  /** The NUL is in a known cell: {cell}, its {row} and {column}. */
  xlsxNulCell: string;
  /** The NUL is somewhere in {part}. */
  xlsxNulPart: string;
  warn: Omit<Templates<ImportMessages['warn']>, 'noShift'> & { noShiftDay: string; noShiftDays: string };
};

const en: Texts = {
  value: {
    notDate: 'is not a date: write it as YYYY-MM-DD or DD/MM/YYYY',
    badDate: 'is not a valid date',
    notCalendarDate: 'is not a valid calendar date',
    badTime: 'is not a valid time',
    notTimeOfDay: 'is not a time of day',
    notTime: 'is not a time: write it as HH:MM (08:00, 8:00 or 08h00)',
    badTimeOfDay: 'is not a valid time of day',
    notNumber: 'is not a number',
  },
  required: 'is required',
  refRequired: 'is required: every order needs its own reference',
  longerThan: 'is longer than {n, plural, one {# character} other {# characters}}',
  badPhone: 'is not a valid phone number (numbers without a country code are read as {country})',
  badEmail: 'is not an email address',
  notLatitude: 'is not a latitude: it must be between -90 and 90',
  notLongitude: 'is not a longitude: it must be between -180 and 180',
  zeroZero: 'lat 0, lon 0 is not a delivery address: give the real coordinates',
  missingWhileGiven: 'is missing while {given} is given: give both or neither',
  noPlace: 'is empty and there are no lat and lon: give an address or coordinates',
  pickupNeedsPlace: 'is empty and there are no pickup_lat and pickup_lon: give the pickup an address or coordinates',
  endsBeforeFirstDate: 'ends before the first date {date}',
  windowMissingEnd: 'is empty while the window starts at {start}: give both ends',
  windowMissingStart: 'is empty while the window ends at {end}: give both ends',
  windowBackwards: "ends at {end}, not after the window's start {start}",
  serviceRange: 'must be between 0 and 1440 minutes',
  negative: 'must not be negative',
  priorityRange: 'must be a whole number from 0 to 100',
  unknownProof:
    '"{kind}" is not a kind of proof: write photo, signature or code (the customer\'s delivery code), several as photo,code',
  duplicateRef: 'appears again: row {row} has the same ref',
  conflict: 'conflict: order {ref} is already {status} and can no longer be changed by an import',
  noGeocoder: 'has no lat and lon, and no geocoder is configured (GEOCODER_URL) to find them: add lat and lon',
  pickupNoGeocoder:
    'has no pickup_lat and pickup_lon, and no geocoder is configured (GEOCODER_URL) to find them: add pickup_lat and pickup_lon',
  notFound: 'was not found by the geocoder: check the address or add lat and lon',
  geocoderFailed: 'could not be geocoded ({why}): try again later or add lat and lon',
  notDimension: '"{dim}" is not a dimension of this organisation ({dims}): name the column demand_<dimension>',
  sameField: 'both "{a}" and "{b}" hold {field}: keep one, or map one to another field with mapping',
  noRefColumn: 'no column holds the order reference: add a "ref" (or "Référence") column, or map one with mapping',
  noDateColumn:
    'no column holds the delivery date: add a "date" (or date_from and date_to) column, or map one with mapping',
  headerProblems: 'The header row has problems: {list}',
  rejectedNothingImported:
    '{n, plural, one {# row rejected, nothing imported: fix it} other {# rows rejected, nothing imported: fix them}}, or import with partial=true to write the good rows',
  emptyFile: 'The file is empty: it needs a header row and at least one order',
  emptySheet: 'The sheet "{name}" is empty: it needs a header row and at least one order',
  unclosedQuote: 'The CSV could not be read: a quoted cell that starts on row {row} is never closed',
  unreadable: {
    CSV: 'The CSV could not be read: {why}',
    XLSX: 'The XLSX file could not be read: {why}',
  },
  noSheetNamed: 'The workbook has no sheet "{sheet}"; its sheets are: {sheets}',
  noSheet: 'The XLSX file has no sheet',
  jsonNotArray: 'A JSON import is an array of objects, one per order',
  unreadableForm: 'Unreadable multipart body: {why}',
  noFileField: 'The form has no "file" field: send the CSV or XLSX as the field "file"',
  tooLarge:
    'The file is larger than {mb} MB, the most one import takes (IMPORT_MAX_BYTES): split it into smaller files',
  xlsxLimit: {
    entry: 'The XLSX file is refused: its part {part} expands to more than {mb} MB (IMPORT_MAX_ENTRY_BYTES)',
    part: 'The XLSX file is refused: its part {part} expands to more than {mb} MB, far more than a workbook needs there',
    workbook: 'The XLSX file is refused: its parts expand to more than {mb} MB in all (twice IMPORT_MAX_ENTRY_BYTES)',
    sharedStrings:
      'The XLSX file is refused: it holds more than {max, plural, one {# distinct text} other {# distinct texts}} (IMPORT_MAX_SHARED_STRINGS)',
    sharedStringChars:
      'The XLSX file is refused: its texts hold more than {max, plural, one {# character} other {# characters}} in all (IMPORT_MAX_SHARED_STRING_CHARS)',
    cellChars:
      'The XLSX file is refused: a cell holds more than {max, plural, one {# character} other {# characters}} (a spreadsheet cell holds at most 32,767)',
    rowCells:
      'The XLSX file is refused: a row of {part} has more than {max, plural, one {# cell} other {# cells}} (a sheet has at most 16,384 columns)',
  },
  xlsxNulCell:
    'The XLSX file is refused: cell {cell} (row {row}, column {column}) holds a NUL character (\\0), which a spreadsheet cannot hold: remove it',
  xlsxNulPart:
    'The XLSX file is refused: its part {part} holds a NUL character (\\0), which a spreadsheet cannot hold: remove it',
  nulCharacter: 'holds a NUL character (\\0), which cannot be stored: remove it',
  tooDeep:
    'is nested more than {depth, plural, one {# level} other {# levels}} deep: a cell holds a value or a flat list',
  nulInHeader: 'The header row is refused: the name of column {column} holds a NUL character (\\0)',
  unreadableJson: 'The JSON body could not be read: {why}',
  rowCheckFailed: 'The rows could not be checked ({why}): nothing was imported. Please try again.',
  rejectedTruncated:
    '{kept, plural, one {only the first of the {n} rejected rows is listed} other {only the first # of the {n} rejected rows are listed}} (IMPORT_REJECTIONS_MAX_ROWS): fix them and import again to see the rest',
  rejectionsPurged:
    'The rejected rows of this import were deleted: they are kept {days, plural, one {# day} other {# days}} (IMPORT_REJECTIONS_RETENTION_DAYS). Import the file again to see them',
  warn: {
    capacity:
      'demand {demand} is more than any vehicle carries (the largest takes {largest}): it cannot be planned as it is',
    capacityTogether: 'no single vehicle carries {demand} together: it cannot be planned as it is (split the order?)',
    skill: 'needs the skill "{skill}", which no vehicle has: it cannot be planned as it is',
    distance:
      'is {km} km from the nearest depot, farther than {max} km (IMPORT_MAX_DEPOT_DISTANCE_KM): check the address or coordinates',
    noShiftDay: 'no vehicle has a shift on {from}: it cannot be planned on its day',
    noShiftDays: 'no vehicle has a shift on any day from {from} to {to}: it cannot be planned on its days',
  },
};

const fr: Texts = {
  value: {
    notDate: "n'est pas une date : écrivez-la AAAA-MM-JJ ou JJ/MM/AAAA",
    badDate: "n'est pas une date valide",
    notCalendarDate: "n'est pas une date du calendrier",
    badTime: "n'est pas une heure valide",
    notTimeOfDay: "n'est pas une heure de la journée",
    notTime: "n'est pas une heure : écrivez-la HH:MM (08:00, 8:00 ou 08h00)",
    badTimeOfDay: "n'est pas une heure valide de la journée",
    notNumber: "n'est pas un nombre",
  },
  required: 'est obligatoire',
  refRequired: 'est obligatoire : chaque commande a sa propre référence',
  longerThan: 'dépasse {n, plural, one {# caractère} other {# caractères}}',
  badPhone: "n'est pas un numéro de téléphone valide (sans indicatif, il est lu comme un numéro {country})",
  badEmail: "n'est pas une adresse e-mail",
  notLatitude: "n'est pas une latitude : elle doit être comprise entre -90 et 90",
  notLongitude: "n'est pas une longitude : elle doit être comprise entre -180 et 180",
  zeroZero: "lat 0, lon 0 n'est pas une adresse de livraison : donnez les vraies coordonnées",
  missingWhileGiven: 'manque alors que {given} est donnée : donnez les deux ou aucune',
  noPlace: 'est vide et il n’y a ni lat ni lon : donnez une adresse ou des coordonnées',
  pickupNeedsPlace:
    'est vide et il n’y a ni pickup_lat ni pickup_lon : donnez une adresse ou des coordonnées à l’enlèvement',
  endsBeforeFirstDate: 'finit avant la première date {date}',
  windowMissingEnd: 'est vide alors que le créneau commence à {start} : donnez les deux bornes',
  windowMissingStart: 'est vide alors que le créneau finit à {end} : donnez les deux bornes',
  windowBackwards: 'finit à {end}, pas après le début du créneau {start}',
  serviceRange: 'doit être entre 0 et 1440 minutes',
  negative: 'ne doit pas être négatif',
  priorityRange: 'doit être un nombre entier de 0 à 100',
  unknownProof:
    "« {kind} » n'est pas un type de preuve : écrivez photo, signature ou code (le code de livraison du client), plusieurs sous la forme photo,code",
  duplicateRef: 'apparaît deux fois : la ligne {row} a la même référence',
  conflict: 'conflit : la commande {ref} est déjà au statut {status} et un import ne peut plus la modifier',
  noGeocoder:
    "n'a ni lat ni lon, et aucun géocodeur n'est configuré (GEOCODER_URL) pour les trouver : ajoutez lat et lon",
  pickupNoGeocoder:
    "n'a ni pickup_lat ni pickup_lon, et aucun géocodeur n'est configuré (GEOCODER_URL) pour les trouver : ajoutez pickup_lat et pickup_lon",
  notFound: "n'a pas été trouvée par le géocodeur : vérifiez l'adresse ou ajoutez lat et lon",
  geocoderFailed: "n'a pas pu être géocodée ({why}) : réessayez plus tard ou ajoutez lat et lon",
  notDimension:
    "« {dim} » n'est pas une dimension de cette organisation ({dims}) : nommez la colonne demand_<dimension>",
  sameField:
    "« {a} » et « {b} » contiennent tous deux {field} : gardez-en une, ou associez l'autre à un autre champ (mapping)",
  noRefColumn:
    'aucune colonne ne contient la référence de commande : ajoutez une colonne « Référence » (ou « ref »), ou associez-en une (mapping)',
  noDateColumn:
    'aucune colonne ne contient la date de livraison : ajoutez une colonne « Date » (ou date_from et date_to), ou associez-en une (mapping)',
  headerProblems: "La ligne d'en-tête a des problèmes : {list}",
  rejectedNothingImported:
    "{n, plural, one {# ligne rejetée, rien n'a été importé : corrigez-la} other {# lignes rejetées, rien n'a été importé : corrigez-les}}, ou importez avec partial=true pour écrire les bonnes lignes",
  emptyFile: 'Le fichier est vide : il faut une ligne d’en-tête et au moins une commande',
  emptySheet: 'La feuille « {name} » est vide : il faut une ligne d’en-tête et au moins une commande',
  unclosedQuote:
    "Le CSV n'a pas pu être lu : une cellule entre guillemets qui commence ligne {row} n'est jamais fermée",
  unreadable: {
    CSV: "Le CSV n'a pas pu être lu : {why}",
    XLSX: "Le fichier XLSX n'a pas pu être lu : {why}",
  },
  noSheetNamed: "Le classeur n'a pas de feuille « {sheet} » ; ses feuilles sont : {sheets}",
  noSheet: "Le fichier XLSX n'a aucune feuille",
  jsonNotArray: 'Un import JSON est un tableau d’objets, un par commande',
  unreadableForm: 'Formulaire multipart illisible : {why}',
  noFileField: 'Le formulaire n’a pas de champ « file » : envoyez le CSV ou le XLSX dans le champ « file »',
  tooLarge:
    "Le fichier dépasse {mb} Mo, le maximum d'un import (IMPORT_MAX_BYTES) : découpez-le en fichiers plus petits",
  xlsxLimit: {
    entry: 'Le fichier XLSX est refusé : sa partie {part} se décompresse en plus de {mb} Mo (IMPORT_MAX_ENTRY_BYTES)',
    part: "Le fichier XLSX est refusé : sa partie {part} se décompresse en plus de {mb} Mo, bien plus qu'un classeur n'en a besoin",
    workbook:
      'Le fichier XLSX est refusé : ses parties se décompressent en plus de {mb} Mo au total (deux fois IMPORT_MAX_ENTRY_BYTES)',
    sharedStrings:
      'Le fichier XLSX est refusé : il contient plus de {max, plural, one {# texte distinct} other {# textes distincts}} (IMPORT_MAX_SHARED_STRINGS)',
    sharedStringChars:
      'Le fichier XLSX est refusé : ses textes dépassent {max, plural, one {# caractère} other {# caractères}} au total (IMPORT_MAX_SHARED_STRING_CHARS)',
    cellChars:
      'Le fichier XLSX est refusé : une cellule contient plus de {max, plural, one {# caractère} other {# caractères}} (une cellule en contient au plus 32 767)',
    rowCells:
      'Le fichier XLSX est refusé : une ligne de {part} a plus de {max, plural, one {# cellule} other {# cellules}} (une feuille a au plus 16 384 colonnes)',
  },
  xlsxNulCell:
    "Le fichier XLSX est refusé : la cellule {cell} (ligne {row}, colonne {column}) contient un caractère NUL (\\0), qu'un classeur ne peut pas contenir : supprimez-le",
  xlsxNulPart:
    "Le fichier XLSX est refusé : sa partie {part} contient un caractère NUL (\\0), qu'un classeur ne peut pas contenir : supprimez-le",
  nulCharacter: 'contient un caractère NUL (\\0), qui ne peut pas être enregistré : supprimez-le',
  tooDeep:
    'est imbriquée sur plus de {depth, plural, one {# niveau} other {# niveaux}} : une cellule contient une valeur ou une liste simple',
  nulInHeader: "La ligne d'en-tête est refusée : le nom de la colonne {column} contient un caractère NUL (\\0)",
  unreadableJson: "Le corps JSON n'a pas pu être lu : {why}",
  rowCheckFailed: "Les lignes n'ont pas pu être vérifiées ({why}) : rien n'a été importé. Veuillez réessayer.",
  rejectedTruncated:
    '{kept, plural, one {seule la première des {n} lignes rejetées est listée} other {seules les # premières des {n} lignes rejetées sont listées}} (IMPORT_REJECTIONS_MAX_ROWS) : corrigez-les et importez à nouveau pour voir les suivantes',
  rejectionsPurged:
    'Les lignes rejetées de cet import ont été supprimées : elles sont gardées {days, plural, one {# jour} other {# jours}} (IMPORT_REJECTIONS_RETENTION_DAYS). Importez à nouveau le fichier pour les voir',
  warn: {
    capacity:
      'la demande de {demand} dépasse la capacité de tous les véhicules (le plus grand prend {largest}) : elle ne peut pas être planifiée telle quelle',
    capacityTogether:
      'aucun véhicule ne transporte à la fois {demand} : elle ne peut pas être planifiée telle quelle (scinder la commande ?)',
    skill: "demande la compétence « {skill} », qu'aucun véhicule n'a : elle ne peut pas être planifiée telle quelle",
    distance:
      "est à {km} km du dépôt le plus proche, plus de {max} km (IMPORT_MAX_DEPOT_DISTANCE_KM) : vérifiez l'adresse ou les coordonnées",
    noShiftDay: "aucun véhicule n'a de service le {from} : elle ne peut pas être planifiée ce jour-là",
    noShiftDays: "aucun véhicule n'a de service du {from} au {to} : elle ne peut pas être planifiée sur ses jours",
  },
};

/** Bytes in MB, to a tenth when not whole (the limits are set in bytes). */
const megabytes = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

/**
 * One language's messages: its texts filled by shared's formatter, which writes counts as the
 * language does ("10,000" / "10 000") and picks their plural form. Row and column numbers are
 * given as text, so they stay as the spreadsheet shows them ("row 12345").
 */
function messages(x: Texts, lang: ImportLang): ImportMessages {
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

export const IMPORT_MESSAGES: Record<ImportLang, ImportMessages> = { en: messages(en, 'en'), fr: messages(fr, 'fr') };

/** The language of a request's `Accept-Language` header (shared's choice; English by default). */
export function importLang(acceptLanguage: string | undefined): ImportLang {
  return chooseLanguage(acceptLanguage, 'en');
}
