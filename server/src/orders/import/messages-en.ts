/** The import's messages in English, in shared's message syntax (messages.ts fills them). */
import type { ImportTexts } from './messages.ts';

export const EN_TEXTS: ImportTexts = {
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
