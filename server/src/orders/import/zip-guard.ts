/**
 * Guards exceljs against zip bombs: sits between the upload and exceljs's streaming unzip and
 * reads the archive the same way it does (local headers one after the other, an entry's data
 * ending at its declared compressed size, or at the first data-descriptor signature when the
 * size is not declared), inflating each entry itself and counting the real bytes — declared
 * sizes can lie. An entry's bytes are handed on only once the whole entry has been counted and
 * found within the limits, so exceljs never holds any part of a bomb; past a limit the guard
 * stops with an error naming it and ends the stream (so exceljs stops too).
 *
 * Counted: the inflated size of every entry (IMPORT_MAX_ENTRY_BYTES; the parts exceljs reads
 * whole into objects get a smaller fixed cap), the whole workbook (twice that), the shared
 * strings' number and characters, the characters of one cell and the cells of one row.
 */
import { createInflateRaw, type InflateRaw } from 'node:zlib';
import { ByteReader } from './byte-reader.ts';
import { XmlCounter, type XmlLimit } from './xml-counter.ts';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const DESCRIPTOR = Buffer.from([0x50, 0x4b, 0x07, 0x08]);

/** Parts exceljs parses whole into memory: real ones weigh kilobytes, the worst style-bloated files a few MB. */
const WHOLE_PARTS = new Set(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml']);
export const WHOLE_PART_MAX_BYTES = 16 * 1024 * 1024;
const SHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

export interface ZipLimits {
  /** Inflated bytes of one entry. */
  maxEntryBytes: number;
  maxSharedStrings: number;
  maxSharedStringChars: number;
}

/** Why the guard stopped: which limit, and its value (for a message in the request's language). */
export class ZipLimitError extends Error {
  constructor(
    readonly limit: 'entry' | 'part' | 'workbook' | XmlLimit | 'unreadable',
    readonly max: number,
    readonly entry: string,
    /** For an unreadable archive, why; for a NUL, the cell it is in (e.g. `B3`) when known. */
    readonly detail = '',
  ) {
    super(`${limit} limit ${max} passed in ${entry}${detail ? `: ${detail}` : ''}`);
  }
}

/** Counts one entry's inflated bytes (and its XML when exceljs reads cells from it). */
class EntryCount {
  bytes = 0;
  private readonly xml: XmlCounter | null;
  private readonly max: number;
  private readonly limit: 'entry' | 'part';
  constructor(
    readonly name: string,
    limits: ZipLimits,
    private readonly total: { bytes: number; max: number },
  ) {
    const whole = WHOLE_PARTS.has(name) && WHOLE_PART_MAX_BYTES < limits.maxEntryBytes;
    this.max = whole ? WHOLE_PART_MAX_BYTES : limits.maxEntryBytes;
    this.limit = whole ? 'part' : 'entry';
    const kind = name === 'xl/sharedStrings.xml' ? 'sharedStrings' : SHEET.test(name) ? 'sheet' : null;
    this.xml = kind ? new XmlCounter(kind, limits) : null;
  }

  add(chunk: Buffer): void {
    this.bytes += chunk.length;
    this.total.bytes += chunk.length;
    if (this.bytes > this.max) throw new ZipLimitError(this.limit, this.max, this.name);
    if (this.total.bytes > this.total.max) throw new ZipLimitError('workbook', this.total.max, this.name);
    const over = this.xml?.scan(chunk);
    if (over) throw new ZipLimitError(over.limit, over.max, this.name, over.cell);
  }
}

/** Inflates (or, for stored entries, passes) an entry's data into its count, one chunk at a time. */
class EntrySink {
  private readonly z: InflateRaw | null;
  private failure: Error | null = null;
  private ended = false;
  constructor(
    deflated: boolean,
    private readonly count: EntryCount,
  ) {
    this.z = deflated ? createInflateRaw() : null;
    this.z?.on('data', (c: Buffer) => {
      try {
        this.count.add(c);
      } catch (err) {
        this.failure = err as Error;
        this.z?.destroy();
      }
    });
    this.z?.on('error', (err) => {
      this.failure ??= new ZipLimitError('unreadable', 0, count.name, err.message);
    });
    this.z?.on('end', () => {
      this.ended = true;
    });
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  async write(chunk: Buffer): Promise<void> {
    const z = this.z;
    if (!z) return this.count.add(chunk);
    // Bytes after the end of the deflate stream are ignored, as exceljs's unzip ignores them.
    if (this.ended || z.destroyed) return this.check();
    await new Promise<void>((resolve) => z.write(chunk, () => resolve()));
    this.check();
  }

  async end(): Promise<void> {
    const z = this.z;
    if (!z || this.ended || z.destroyed) return this.check();
    await new Promise<void>((resolve) => {
      z.once('end', resolve);
      z.once('close', resolve);
      z.end();
    });
    this.check();
  }
}

/**
 * The upload's bytes, unchanged, each entry released once it has been counted. Throws a
 * ZipLimitError past a limit, or the input's own error (e.g. the upload size limit).
 */
export async function* guardZip(input: AsyncIterable<Buffer>, limits: ZipLimits): AsyncGenerator<Buffer> {
  const r = new ByteReader(input[Symbol.asyncIterator]());
  const total = { bytes: 0, max: 2 * limits.maxEntryBytes };
  let central = false;
  for (;;) {
    const sig = await r.take(4);
    if (sig.length < 4) {
      if (sig.length) yield sig;
      return;
    }
    const kind = sig.readUInt32LE(0);
    if (kind === LOCAL) {
      const head = await r.take(26);
      if (head.length < 26) throw new ZipLimitError('unreadable', 0, '', 'the archive ends inside a header');
      const flags = head.readUInt16LE(2);
      const method = head.readUInt16LE(4);
      let compressed = head.readUInt32LE(14);
      const nameBytes = await r.take(head.readUInt16LE(22));
      const extra = await r.take(head.readUInt16LE(24));
      if (compressed === 0xffffffff) compressed = zip64CompressedSize(extra);
      const name = nameBytes.toString('utf8');
      const held: Buffer[] = [sig, head, nameBytes, extra];
      const sink = new EntrySink(method !== 0, new EntryCount(name, limits, total));
      const known = !(flags & 0x08) || compressed > 0;
      const onData = async (c: Buffer) => {
        held.push(c);
        await sink.write(c);
      };
      if (known) await r.stream(compressed, onData);
      else await r.streamUntil(DESCRIPTOR, onData);
      await sink.end();
      if (!known) held.push(await r.take(16));
      yield* held;
    } else if (kind === CENTRAL) {
      const head = await r.take(42);
      const rest = head.length < 42 ? 0 : head.readUInt16LE(24) + head.readUInt16LE(26) + head.readUInt16LE(28);
      yield Buffer.concat([sig, head, await r.take(rest)]);
      central = true;
    } else if (kind === END || central) {
      // Nothing is extracted after the central directory (exceljs's unzip only looks for the end
      // record there, e.g. past ZIP64 records): the rest goes through as it is.
      yield sig;
      for (let c = await r.next(); c; c = await r.next()) yield c;
      return;
    } else {
      throw new ZipLimitError('unreadable', 0, '', `not a zip record (0x${kind.toString(16)})`);
    }
  }
}

/** The compressed size from a ZIP64 extra field, read as exceljs's unzip reads it. */
function zip64CompressedSize(extra: Buffer): number {
  for (let at = 0; at + 4 <= extra.length; at += 4 + extra.readUInt16LE(at + 2)) {
    if (extra.readUInt16LE(at) === 0x0001 && at + 20 <= extra.length) return Number(extra.readBigUInt64LE(at + 12));
  }
  return 0;
}
