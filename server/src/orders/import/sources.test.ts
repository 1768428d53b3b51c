import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { type SourceRow, xlsxSource } from './sources.ts';

/** exceljs's streaming reader, with the one step this test slows down (not in its type declarations). */
const readerProto = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as {
  _parseRels(entry: unknown): Promise<void>;
};
const parseRels = readerProto._parseRels;
afterEach(() => {
  readerProto._parseRels = parseRels;
});

/** Two sheets written by exceljs, which stores xl/workbook.xml (the sheets' names) last. */
async function twoSheets(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Notes').addRow(['read me']);
  const ws = wb.addWorksheet('Tournée');
  ws.addRow(['reference', 'address']);
  for (let i = 1; i <= 30; i++) ws.addRow([`R${i}`, `${i} rue de la Paix, Paris`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function allRows(rows: AsyncIterable<SourceRow[]>): Promise<SourceRow[]> {
  const out: SourceRow[] = [];
  for await (const chunk of rows) out.push(...chunk);
  return out;
}

describe('xlsxSource', () => {
  // A busy server (CI, a batch of imports) can hold the reader up on one part while the unzip
  // runs through the rest of the upload; the parts it met meanwhile must still be read. exceljs
  // 4.4.0 dropped them ("Cannot read properties of undefined (reading 'sheets')", or no sheet).
  it.each([
    ['without', undefined],
    ['with', { maxEntryBytes: 1 << 20, maxSharedStrings: 1000, maxSharedStringChars: 100_000 }],
  ])(
    'reads every part when the reader is held up until the upload has arrived (%s the zip guard)',
    async (_, limits) => {
      const book = await twoSheets();
      const input = Readable.from([book]);
      const arrived = new Promise((resolve) => input.once('end', resolve));
      readerProto._parseRels = async function (this: unknown, entry: unknown) {
        await arrived;
        // A further pause, as a loaded machine makes: the unzip finishes the archive meanwhile.
        await new Promise((resolve) => setTimeout(resolve, 30));
        return parseRels.call(this, entry);
      };
      const source = await xlsxSource(input, 'Tournée', undefined, limits);
      expect(source.header).toEqual(['reference', 'address']);
      const rows = await allRows(source.rows);
      expect(rows.map((r) => r.row)).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
      expect(rows[29]!.cells).toEqual(['R30', '30 rue de la Paix, Paris']);
    },
  );
});
