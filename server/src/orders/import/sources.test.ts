import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { CsvChunks } from './csv-records.ts';
import { RowNumbers } from './source-rows.ts';
import { csvSource, type RestText, type SourceRow, xlsxSource } from './sources.ts';

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

describe('csvSource', () => {
  it('hands the rest of the file over as text, after the rows it had parsed: together, every row as the file numbers them', async () => {
    const lines = ['ref;Client', ...Array.from({ length: 200 }, (_, i) => (i === 120 ? '' : `R${i};"Zoé\n${i}"`))];
    const bytes = Buffer.from(lines.join('\r\n'));
    const pieces = Array.from({ length: Math.ceil(bytes.length / 64) }, (_, i) => bytes.subarray(i * 64, (i + 1) * 64));
    const whole = await allRows((await csvSource(Readable.from([bytes]))).rows);
    const source = await csvSource(Readable.from(pieces));
    const rows: SourceRow[] = [];
    const first = await source.rows[Symbol.asyncIterator]().next();
    rows.push(...(first.value as SourceRow[]));
    const texts: RestText[] = [];
    for await (const item of source.rest!()) {
      if (Array.isArray(item)) rows.push(...item);
      else texts.push(item);
    }
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.at(-1)!.final).toBe(true);
    // What the worker thread does with the text (row-worker.ts).
    const chunks = new CsvChunks(';'.charCodeAt(0), texts[0]!.afterRow);
    const numbers = new RowNumbers(texts[0]!.afterRow);
    for (const t of texts) rows.push(...numbers.rows(chunks.push(t.text, t.final)));
    expect(rows).toEqual(whole);
    expect(rows).toHaveLength(199);
    expect(rows.at(-1)).toEqual({ row: 201, cells: ['R199', 'Zoé\n199'] });
  });
});
