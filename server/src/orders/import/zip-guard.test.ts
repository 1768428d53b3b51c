import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { XmlCounter } from './xml-counter.ts';
import { guardZip, type ZipLimits, ZipLimitError } from './zip-guard.ts';

const LIMITS: ZipLimits = { maxEntryBytes: 1 << 20, maxSharedStrings: 3, maxSharedStringChars: 50 };

/** `bytes` cut into pieces of `size`, as a stream delivers them. */
async function* pieces(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function collect(gen: AsyncGenerator<Buffer>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of gen) out.push(c);
  return Buffer.concat(out);
}

describe('XmlCounter', () => {
  it('counts shared strings and their characters across chunk boundaries', () => {
    const xml = Buffer.from('<sst><si><t>héllo</t></si>\n<si><t>wörld</t></si><si/><si><t>x</t></si></sst>');
    for (const size of [1, 3, 7, xml.length]) {
      const c = new XmlCounter('sharedStrings', LIMITS);
      let over = null;
      for (let at = 0; at < xml.length && !over; at += size) over = c.scan(xml.subarray(at, at + size));
      expect(over, `chunks of ${size}`).toEqual({ limit: 'sharedStrings', max: 3 });
    }
  });

  it('stops a shared string table past its characters, and a row past 16,384 cells', () => {
    const sst = new XmlCounter('sharedStrings', LIMITS);
    expect(sst.scan(Buffer.from(`<sst><si><t>${'a'.repeat(51)}</t></si>`))).toEqual({
      limit: 'sharedStringChars',
      max: 50,
    });
    const sheet = new XmlCounter('sheet', LIMITS);
    expect(sheet.scan(Buffer.from(`<row r="1">${'<c/>'.repeat(16_384)}</row><row>`))).toBeNull();
    expect(sheet.scan(Buffer.from('<c/>'.repeat(16_385)))).toEqual({ limit: 'rowCells', max: 16_384 });
  });
});

describe('guardZip', () => {
  it('hands a real workbook on unchanged, whatever the chunk size', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Orders');
    ws.addRow(['ref', 'name']);
    for (let i = 0; i < 50; i++) ws.addRow([`R${i}`, `Client ${i}`]);
    const book = Buffer.from(await wb.xlsx.writeBuffer());
    const limits = { ...LIMITS, maxSharedStrings: 1000, maxSharedStringChars: 10_000 };
    for (const size of [5, 4096, book.length]) {
      expect((await collect(guardZip(pieces(book, size), limits))).equals(book), `chunks of ${size}`).toBe(true);
    }
  });

  it('refuses a workbook past its shared strings, naming the limit and the part', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Orders');
    for (let i = 0; i < 10; i++) ws.addRow([`text ${i}`]);
    const book = Buffer.from(await wb.xlsx.writeBuffer());
    const err = await collect(guardZip(pieces(book, 1000), LIMITS)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZipLimitError);
    expect(err).toMatchObject({ limit: 'sharedStrings', max: 3, entry: 'xl/sharedStrings.xml' });
  });

  it('refuses bytes that are not a zip archive after a first header', async () => {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    const bytes = Buffer.concat([header, Buffer.from('not a zip at all')]);
    const err = await collect(guardZip(pieces(bytes, 7), LIMITS)).catch((e: unknown) => e);
    expect(err).toMatchObject({ limit: 'unreadable', detail: expect.stringMatching(/not a zip record/) });
  });
});
