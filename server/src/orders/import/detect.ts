/**
 * Encoding and delimiter detection for CSV uploads. Spreadsheets export UTF-8 (with or without
 * a BOM), Windows-1252 (French Excel's "CSV (séparateur : point-virgule)") or UTF-16 ("Unicode
 * text"); the delimiter is whichever of , ; or tab the header line uses most.
 */
import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';

export type Encoding = 'utf8' | 'windows-1252' | 'utf16le';

const SLICE_BYTES = 16 * 1024;

/**
 * True when bytes are valid UTF-8, allowing a sequence cut short at the very end (the rest
 * arrives with the next chunk).
 */
export function isValidUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return false;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return true; // truncated at the end of the chunk
      if ((bytes[i + k]! & 0xc0) !== 0x80) return false;
    }
    i += need + 1;
  }
  return true;
}

/**
 * Decodes an upload to text, deciding the encoding from its bytes: a BOM decides at once;
 * otherwise plain ASCII is passed through until the first byte ≥ 0x80, whose chunk decides
 * between UTF-8 (if valid) and Windows-1252. So a file whose first accent is on row 50,000
 * is still detected right, without buffering anything.
 */
export class DecodeStream extends Transform {
  encoding: Encoding | null = null;
  private started = false;
  private utf8 = new StringDecoder('utf8');
  private other: ReturnType<typeof iconv.getDecoder> | null = null;

  constructor() {
    super({ readableObjectMode: true });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    let buf = chunk;
    if (!this.started) {
      this.started = true;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
        this.encoding = 'utf8';
        buf = buf.subarray(3);
      } else if (buf[0] === 0xff && buf[1] === 0xfe) {
        this.encoding = 'utf16le';
        this.other = iconv.getDecoder('utf16le');
        buf = buf.subarray(2);
      }
    }
    if (this.encoding === null) {
      if (isAscii(buf)) {
        // Pure ASCII reads the same in both encodings.
        for (let at = 0; at < buf.length; at += SLICE_BYTES) this.push(buf.toString('latin1', at, at + SLICE_BYTES));
        done();
        return;
      }
      let firstHigh = 0;
      while (buf[firstHigh]! < 0x80) firstHigh++;
      this.encoding = isValidUtf8(buf.subarray(firstHigh)) ? 'utf8' : 'windows-1252';
      if (this.encoding === 'windows-1252') this.other = iconv.getDecoder('win1252');
    }
    // Decoded in slices so each string stays small: V8 puts strings over ~128 KB (a 64 KiB
    // socket chunk with one accent becomes two-byte, 128 KB) straight into the old generation,
    // where they pile up until a full GC — that alone raised a big import's peak memory.
    for (let at = 0; at < buf.length; at += SLICE_BYTES) {
      const piece = buf.subarray(at, at + SLICE_BYTES);
      const text = this.other ? this.other.write(piece) : this.utf8.write(piece);
      if (text) this.push(text);
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    const rest = this.other ? this.other.end() : this.utf8.end();
    if (rest) this.push(rest);
    done();
  }
}

/** The delimiter of a CSV from its first line: the most frequent of , ; tab outside quotes. */
export function detectDelimiter(head: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of head) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[',']) return '\t';
  return ',';
}
