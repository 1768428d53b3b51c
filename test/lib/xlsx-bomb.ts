/**
 * Zip bombs dressed as XLSX workbooks, for the import fault tests: a tiny zip writer (local
 * headers, central directory, end record) over node:zlib, so that an entry can expand to half
 * a gigabyte from a few hundred kilobytes, declare sizes that lie, or hide its sizes behind a
 * data descriptor.
 */
import { crc32, createDeflateRaw } from 'node:zlib';

export interface BombEntry {
  name: string;
  /** The entry's content, as chunks written one after the other (the same chunk may repeat). */
  chunks: () => Iterable<Buffer>;
}

export interface ZipOptions {
  /** Sizes and CRC in a data descriptor after the data, zero in the local header (flag bit 3). */
  descriptor?: boolean;
  /** Declare this uncompressed size instead of the real one (the declared sizes can lie). */
  declaredSize?: number;
}

interface Deflated {
  data: Buffer;
  crc: number;
  size: number;
}

async function deflate(entry: BombEntry): Promise<Deflated> {
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (c: Buffer) => out.push(c));
  let crc = 0;
  let size = 0;
  for (const c of entry.chunks()) {
    crc = crc32(c, crc);
    size += c.length;
    if (!z.write(c)) await new Promise((r) => z.once('drain', r));
  }
  const ended = new Promise((r) => z.once('end', r));
  z.end();
  await ended;
  return { data: Buffer.concat(out), crc, size };
}

/** A zip archive of `entries`, deflated; `options` apply to every entry. */
export async function zipOf(entries: BombEntry[], options: ZipOptions = {}): Promise<Buffer> {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const d = await deflate(entry);
    const name = Buffer.from(entry.name);
    const declared = options.declaredSize ?? d.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(options.descriptor ? 0x08 : 0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(options.descriptor ? 0 : d.crc, 14);
    local.writeUInt32LE(options.descriptor ? 0 : d.data.length, 18);
    local.writeUInt32LE(options.descriptor ? 0 : declared, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, d.data);
    let size = local.length + name.length + d.data.length;
    if (options.descriptor) {
      const dd = Buffer.alloc(16);
      dd.writeUInt32LE(0x08074b50, 0);
      dd.writeUInt32LE(d.crc, 4);
      dd.writeUInt32LE(d.data.length, 8);
      dd.writeUInt32LE(declared, 12);
      parts.push(dd);
      size += dd.length;
    }
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(options.descriptor ? 0x08 : 0, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(d.crc, 16);
    cd.writeUInt32LE(d.data.length, 20);
    cd.writeUInt32LE(declared, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += size;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const once = (text: string) => () => [Buffer.from(text)];

/** The parts of a one-sheet workbook whose sheet shows shared string 0 in A1. */
function workbookParts(sheetXml = `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`): BombEntry[] {
  return [
    {
      name: '[Content_Types].xml',
      chunks: once(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      chunks: once(
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Orders" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      chunks: once(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      chunks: once(
        `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${sheetXml}</sheetData></worksheet>`,
      ),
    },
  ];
}

/**
 * A workbook whose shared strings expand to `megabytes` MB (strings of 64 KiB of "A"): at
 * level 9 deflate, 512 MB weigh about 560 KB.
 */
export function sharedStringsBomb(megabytes: number, options: ZipOptions = {}): Promise<Buffer> {
  const one = `<si><t>${'A'.repeat(65536)}</t></si>`;
  const block = Buffer.from(one.repeat(16)); // ~1 MB
  const sst: BombEntry = {
    name: 'xl/sharedStrings.xml',
    chunks: function* () {
      yield Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}">`);
      for (let i = 0; i < megabytes; i++) yield block;
      yield Buffer.from('</sst>');
    },
  };
  const [types, book, rels, sheet] = workbookParts();
  return zipOf([types!, book!, rels!, sst, sheet!], options);
}

/** A workbook whose sheet expands to `megabytes` MB of white space between its rows. */
export function sheetBomb(megabytes: number): Promise<Buffer> {
  const parts = workbookParts();
  const blank = Buffer.alloc(1024 * 1024, 0x20);
  parts[3] = {
    name: 'xl/worksheets/sheet1.xml',
    chunks: function* () {
      yield Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>`);
      for (let i = 0; i < megabytes; i++) yield blank;
      yield Buffer.from('</sheetData></worksheet>');
    },
  };
  return zipOf(parts);
}

/** A small, valid workbook of inline-string cells (`rows` of cell texts, the first is the header). */
export function inlineWorkbook(rows: string[][]): Promise<Buffer> {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const col = (i: number) => String.fromCharCode(65 + i);
  const xml = rows
    .map(
      (cells, r) =>
        `<row r="${r + 1}">${cells.map((c, i) => `<c r="${col(i)}${r + 1}" t="inlineStr"><is><t>${esc(c)}</t></is></c>`).join('')}</row>`,
    )
    .join('');
  return zipOf(workbookParts(xml));
}
