/**
 * What an import says about its rows and columns, in the language of the request (English or
 * French): dispatchers fix their files from these messages, in the app's language. Every
 * language implements the whole interface, so none can miss a message.
 */
import { chooseLanguage, type Language } from '@tournee/shared';

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

const mb = (bytes: number, unit: string) => `${(bytes / 1048576).toFixed(bytes % 1048576 ? 1 : 0)} ${unit}`;
const num = (n: number, lang: ImportLang) => n.toLocaleString(lang);

const en: ImportMessages = {
  value: {
    notDate: 'is not a date: write it as AAAA-MM-JJ or JJ/MM/AAAA',
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
  longerThan: (n) => `is longer than ${n} characters`,
  badPhone: (c) => `is not a valid phone number (numbers without a country code are read as ${c})`,
  badEmail: 'is not an email address',
  notLatitude: 'is not a latitude: it must be between -90 and 90',
  notLongitude: 'is not a longitude: it must be between -180 and 180',
  zeroZero: 'lat 0, lon 0 is not a delivery address: give the real coordinates',
  missingWhileGiven: (given) => `is missing while ${given} is given: give both or neither`,
  noPlace: 'is empty and there are no lat and lon: give an address or coordinates',
  pickupNeedsPlace: 'is empty and there are no pickup_lat and pickup_lon: give the pickup an address or coordinates',
  endsBeforeFirstDate: (d) => `ends before the first date ${d}`,
  windowMissingEnd: (s) => `is empty while the window starts at ${s}: give both ends`,
  windowMissingStart: (e) => `is empty while the window ends at ${e}: give both ends`,
  windowBackwards: (s, e) => `ends at ${e}, not after the window's start ${s}`,
  serviceRange: 'must be between 0 and 1440 minutes',
  negative: 'must not be negative',
  priorityRange: 'must be a whole number from 0 to 100',
  unknownProof: (k) =>
    `"${k}" is not a kind of proof: write photo, signature or code (the customer's delivery code), several as photo,code`,
  duplicateRef: (r) => `appears again: row ${r} has the same ref`,
  conflict: (ref, status) => `conflict: order ${ref} is already ${status} and can no longer be changed by an import`,
  noGeocoder: 'has no lat and lon, and no geocoder is configured (GEOCODER_URL) to find them: add lat and lon',
  pickupNoGeocoder:
    'has no pickup_lat and pickup_lon, and no geocoder is configured (GEOCODER_URL) to find them: add pickup_lat and pickup_lon',
  notFound: 'was not found by the geocoder: check the address or add lat and lon',
  geocoderFailed: (why) => `could not be geocoded (${why}): try again later or add lat and lon`,
  notDimension: (dim, dims) =>
    `"${dim}" is not a dimension of this organisation (${dims}): name the column demand_<dimension>`,
  sameField: (a, b, f) => `both "${a}" and "${b}" hold ${f}: keep one, or map one to another field with mapping`,
  noRefColumn: 'no column holds the order reference: add a "ref" (or "Référence") column, or map one with mapping',
  noDateColumn:
    'no column holds the delivery date: add a "date" (or date_from and date_to) column, or map one with mapping',
  headerProblems: (list) => `The header row has problems: ${list}`,
  rejectedNothingImported: (n) =>
    `${n} row(s) rejected, nothing imported: fix them, or import with partial=true to write the good rows`,
  emptyFile: 'The file is empty: it needs a header row and at least one order',
  emptySheet: (name) => `The sheet "${name}" is empty: it needs a header row and at least one order`,
  unclosedQuote: (row) => `The CSV could not be read: a quoted cell that starts on row ${row} is never closed`,
  unreadable: (what, why) => `The ${what === 'CSV' ? 'CSV' : 'XLSX file'} could not be read: ${why}`,
  noSheetNamed: (sheet, sheets) => `The workbook has no sheet "${sheet}"; its sheets are: ${sheets}`,
  noSheet: 'The XLSX file has no sheet',
  jsonNotArray: 'A JSON import is an array of objects, one per order',
  unreadableForm: (why) => `Unreadable multipart body: ${why}`,
  noFileField: 'The form has no "file" field: send the CSV or XLSX as the field "file"',
  tooLarge: (max) =>
    `The file is larger than ${mb(max, 'MB')}, the most one import takes (IMPORT_MAX_BYTES): split it into smaller files`,
  xlsxLimit: (limit, max, part) => {
    const refused = 'The XLSX file is refused:';
    switch (limit) {
      case 'entry':
        return `${refused} its part ${part} expands to more than ${mb(max, 'MB')} (IMPORT_MAX_ENTRY_BYTES)`;
      case 'part':
        return `${refused} its part ${part} expands to more than ${mb(max, 'MB')}, far more than a workbook needs there`;
      case 'workbook':
        return `${refused} its parts expand to more than ${mb(max, 'MB')} in all (twice IMPORT_MAX_ENTRY_BYTES)`;
      case 'sharedStrings':
        return `${refused} it holds more than ${num(max, 'en')} distinct texts (IMPORT_MAX_SHARED_STRINGS)`;
      case 'sharedStringChars':
        return `${refused} its texts hold more than ${num(max, 'en')} characters in all (IMPORT_MAX_SHARED_STRING_CHARS)`;
      case 'cellChars':
        return `${refused} a cell holds more than ${num(max, 'en')} characters (a spreadsheet cell holds at most 32,767)`;
      case 'rowCells':
        return `${refused} a row of ${part} has more than ${num(max, 'en')} cells (a sheet has at most 16,384 columns)`;
    }
  },
  xlsxNul: (cell, part) =>
    cell
      ? `The XLSX file is refused: cell ${cell} (row ${cell.replace(/^[A-Z]+/, '')}, column ${cell.replace(/\d+$/, '')}) holds a NUL character (\\0), which a spreadsheet cannot hold: remove it`
      : `The XLSX file is refused: its part ${part} holds a NUL character (\\0), which a spreadsheet cannot hold: remove it`,
  nulCharacter: 'holds a NUL character (\\0), which cannot be stored: remove it',
  tooDeep: (d) => `is nested more than ${d} levels deep: a cell holds a value or a flat list`,
  nulInHeader: (c) => `The header row is refused: the name of column ${c} holds a NUL character (\\0)`,
  unreadableJson: (why) => `The JSON body could not be read: ${why}`,
  rowCheckFailed: (why) => `The rows could not be checked (${why}): nothing was imported. Please try again.`,
  rejectedTruncated: (kept, n) =>
    `only the first ${num(kept, 'en')} of the ${num(n, 'en')} rejected rows are listed (IMPORT_REJECTIONS_MAX_ROWS): fix them and import again to see the rest`,
  rejectionsPurged: (days) =>
    `The rejected rows of this import were deleted: they are kept ${days} days (IMPORT_REJECTIONS_RETENTION_DAYS). Import the file again to see them`,
  warn: {
    capacity: (demand, largest) =>
      `demand ${demand} is more than any vehicle carries (the largest takes ${largest}): it cannot be planned as it is`,
    capacityTogether: (demand) =>
      `no single vehicle carries ${demand} together: it cannot be planned as it is (split the order?)`,
    skill: (skill) => `needs the skill "${skill}", which no vehicle has: it cannot be planned as it is`,
    distance: (km, max) =>
      `is ${num(km, 'en')} km from the nearest depot, farther than ${num(max, 'en')} km (IMPORT_MAX_DEPOT_DISTANCE_KM): check the address or coordinates`,
    noShift: (from, to) =>
      from === to
        ? `no vehicle has a shift on ${from}: it cannot be planned on its day`
        : `no vehicle has a shift on any day from ${from} to ${to}: it cannot be planned on its days`,
  },
};

const fr: ImportMessages = {
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
  longerThan: (n) => `dépasse ${n} caractères`,
  badPhone: (c) => `n'est pas un numéro de téléphone valide (sans indicatif, il est lu comme un numéro ${c})`,
  badEmail: "n'est pas une adresse e-mail",
  notLatitude: "n'est pas une latitude : elle doit être comprise entre -90 et 90",
  notLongitude: "n'est pas une longitude : elle doit être comprise entre -180 et 180",
  zeroZero: "lat 0, lon 0 n'est pas une adresse de livraison : donnez les vraies coordonnées",
  missingWhileGiven: (given) => `manque alors que ${given} est donnée : donnez les deux ou aucune`,
  noPlace: 'est vide et il n’y a ni lat ni lon : donnez une adresse ou des coordonnées',
  pickupNeedsPlace:
    'est vide et il n’y a ni pickup_lat ni pickup_lon : donnez une adresse ou des coordonnées à l’enlèvement',
  endsBeforeFirstDate: (d) => `finit avant la première date ${d}`,
  windowMissingEnd: (s) => `est vide alors que le créneau commence à ${s} : donnez les deux bornes`,
  windowMissingStart: (e) => `est vide alors que le créneau finit à ${e} : donnez les deux bornes`,
  windowBackwards: (s, e) => `finit à ${e}, pas après le début du créneau ${s}`,
  serviceRange: 'doit être entre 0 et 1440 minutes',
  negative: 'ne doit pas être négatif',
  priorityRange: 'doit être un nombre entier de 0 à 100',
  unknownProof: (k) =>
    `« ${k} » n'est pas un type de preuve : écrivez photo, signature ou code (le code de livraison du client), plusieurs sous la forme photo,code`,
  duplicateRef: (r) => `apparaît deux fois : la ligne ${r} a la même référence`,
  conflict: (ref, status) =>
    `conflit : la commande ${ref} est déjà au statut ${status} et un import ne peut plus la modifier`,
  noGeocoder:
    "n'a ni lat ni lon, et aucun géocodeur n'est configuré (GEOCODER_URL) pour les trouver : ajoutez lat et lon",
  pickupNoGeocoder:
    "n'a ni pickup_lat ni pickup_lon, et aucun géocodeur n'est configuré (GEOCODER_URL) pour les trouver : ajoutez pickup_lat et pickup_lon",
  notFound: "n'a pas été trouvée par le géocodeur : vérifiez l'adresse ou ajoutez lat et lon",
  geocoderFailed: (why) => `n'a pas pu être géocodée (${why}) : réessayez plus tard ou ajoutez lat et lon`,
  notDimension: (dim, dims) =>
    `« ${dim} » n'est pas une dimension de cette organisation (${dims}) : nommez la colonne demand_<dimension>`,
  sameField: (a, b, f) =>
    `« ${a} » et « ${b} » contiennent tous deux ${f} : gardez-en une, ou associez l'autre à un autre champ (mapping)`,
  noRefColumn:
    'aucune colonne ne contient la référence de commande : ajoutez une colonne « Référence » (ou « ref »), ou associez-en une (mapping)',
  noDateColumn:
    'aucune colonne ne contient la date de livraison : ajoutez une colonne « Date » (ou date_from et date_to), ou associez-en une (mapping)',
  headerProblems: (list) => `La ligne d'en-tête a des problèmes : ${list}`,
  rejectedNothingImported: (n) =>
    `${n} ligne(s) rejetée(s), rien n'a été importé : corrigez-les, ou importez avec partial=true pour écrire les bonnes lignes`,
  emptyFile: 'Le fichier est vide : il faut une ligne d’en-tête et au moins une commande',
  emptySheet: (name) => `La feuille « ${name} » est vide : il faut une ligne d’en-tête et au moins une commande`,
  unclosedQuote: (row) =>
    `Le CSV n'a pas pu être lu : une cellule entre guillemets qui commence ligne ${row} n'est jamais fermée`,
  unreadable: (what, why) => `Le ${what === 'CSV' ? 'CSV' : 'fichier XLSX'} n'a pas pu être lu : ${why}`,
  noSheetNamed: (sheet, sheets) => `Le classeur n'a pas de feuille « ${sheet} » ; ses feuilles sont : ${sheets}`,
  noSheet: "Le fichier XLSX n'a aucune feuille",
  jsonNotArray: 'Un import JSON est un tableau d’objets, un par commande',
  unreadableForm: (why) => `Formulaire multipart illisible : ${why}`,
  noFileField: 'Le formulaire n’a pas de champ « file » : envoyez le CSV ou le XLSX dans le champ « file »',
  tooLarge: (max) =>
    `Le fichier dépasse ${mb(max, 'Mo')}, le maximum d'un import (IMPORT_MAX_BYTES) : découpez-le en fichiers plus petits`,
  xlsxLimit: (limit, max, part) => {
    const refused = 'Le fichier XLSX est refusé :';
    switch (limit) {
      case 'entry':
        return `${refused} sa partie ${part} se décompresse en plus de ${mb(max, 'Mo')} (IMPORT_MAX_ENTRY_BYTES)`;
      case 'part':
        return `${refused} sa partie ${part} se décompresse en plus de ${mb(max, 'Mo')}, bien plus qu'un classeur n'en a besoin`;
      case 'workbook':
        return `${refused} ses parties se décompressent en plus de ${mb(max, 'Mo')} au total (deux fois IMPORT_MAX_ENTRY_BYTES)`;
      case 'sharedStrings':
        return `${refused} il contient plus de ${num(max, 'fr')} textes distincts (IMPORT_MAX_SHARED_STRINGS)`;
      case 'sharedStringChars':
        return `${refused} ses textes dépassent ${num(max, 'fr')} caractères au total (IMPORT_MAX_SHARED_STRING_CHARS)`;
      case 'cellChars':
        return `${refused} une cellule contient plus de ${num(max, 'fr')} caractères (une cellule en contient au plus 32 767)`;
      case 'rowCells':
        return `${refused} une ligne de ${part} a plus de ${num(max, 'fr')} cellules (une feuille a au plus 16 384 colonnes)`;
    }
  },
  xlsxNul: (cell, part) =>
    cell
      ? `Le fichier XLSX est refusé : la cellule ${cell} (ligne ${cell.replace(/^[A-Z]+/, '')}, colonne ${cell.replace(/\d+$/, '')}) contient un caractère NUL (\\0), qu'un classeur ne peut pas contenir : supprimez-le`
      : `Le fichier XLSX est refusé : sa partie ${part} contient un caractère NUL (\\0), qu'un classeur ne peut pas contenir : supprimez-le`,
  nulCharacter: 'contient un caractère NUL (\\0), qui ne peut pas être enregistré : supprimez-le',
  tooDeep: (d) => `est imbriquée sur plus de ${d} niveaux : une cellule contient une valeur ou une liste simple`,
  nulInHeader: (c) => `La ligne d'en-tête est refusée : le nom de la colonne ${c} contient un caractère NUL (\\0)`,
  unreadableJson: (why) => `Le corps JSON n'a pas pu être lu : ${why}`,
  rowCheckFailed: (why) =>
    `Les lignes n'ont pas pu être vérifiées (${why}) : rien n'a été importé. Veuillez réessayer.`,
  rejectedTruncated: (kept, n) =>
    `seules les ${num(kept, 'fr')} premières des ${num(n, 'fr')} lignes rejetées sont listées (IMPORT_REJECTIONS_MAX_ROWS) : corrigez-les et importez à nouveau pour voir les suivantes`,
  rejectionsPurged: (days) =>
    `Les lignes rejetées de cet import ont été supprimées : elles sont gardées ${days} jours (IMPORT_REJECTIONS_RETENTION_DAYS). Importez à nouveau le fichier pour les voir`,
  warn: {
    capacity: (demand, largest) =>
      `la demande de ${demand} dépasse la capacité de tous les véhicules (le plus grand prend ${largest}) : elle ne peut pas être planifiée telle quelle`,
    capacityTogether: (demand) =>
      `aucun véhicule ne transporte à la fois ${demand} : elle ne peut pas être planifiée telle quelle (scinder la commande ?)`,
    skill: (skill) =>
      `demande la compétence « ${skill} », qu'aucun véhicule n'a : elle ne peut pas être planifiée telle quelle`,
    distance: (km, max) =>
      `est à ${num(km, 'fr')} km du dépôt le plus proche, plus de ${num(max, 'fr')} km (IMPORT_MAX_DEPOT_DISTANCE_KM) : vérifiez l'adresse ou les coordonnées`,
    noShift: (from, to) =>
      from === to
        ? `aucun véhicule n'a de service le ${from} : elle ne peut pas être planifiée ce jour-là`
        : `aucun véhicule n'a de service du ${from} au ${to} : elle ne peut pas être planifiée sur ses jours`,
  },
};

export const IMPORT_MESSAGES: Record<ImportLang, ImportMessages> = { en, fr };

/** The language of a request's `Accept-Language` header (shared's choice; English by default). */
export function importLang(acceptLanguage: string | undefined): ImportLang {
  return chooseLanguage(acceptLanguage, 'en');
}
