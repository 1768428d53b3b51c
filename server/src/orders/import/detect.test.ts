import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DecodeStream, detectDelimiter, isValidUtf8 } from './detect.ts';

async function decode(chunks: Buffer[]): Promise<{ text: string; encoding: string | null }> {
  const d = new DecodeStream();
  let text = '';
  for await (const s of Readable.from(chunks).pipe(d)) text += s;
  return { text, encoding: d.encoding };
}

describe('encoding detection', () => {
  it('reads UTF-8 with a BOM and drops the BOM', async () => {
    const out = await decode([Buffer.from('\ufeffréf;Adresse\n', 'utf8')]);
    expect(out).toEqual({ text: 'réf;Adresse\n', encoding: 'utf8' });
  });
  it('reads Windows-1252 from French Excel', async () => {
    const out = await decode([iconv.encode('Référence;Début créneau\nA1;8h00 – œuf\n', 'win1252')]);
    expect(out).toEqual({ text: 'Référence;Début créneau\nA1;8h00 – œuf\n', encoding: 'windows-1252' });
  });
  it('decides on the first accent even when it comes late, and keeps characters split across chunks', async () => {
    const bytes = Buffer.from(`${'a,b\n'.repeat(1000)}é,è\n`, 'utf8');
    const cut = bytes.length - 4; // inside the two-byte "é"
    const out = await decode([bytes.subarray(0, cut), bytes.subarray(cut)]);
    expect(out.encoding).toBe('utf8');
    expect(out.text.endsWith('é,è\n')).toBe(true);
  });
  it('reads UTF-16 "Unicode text" exports', async () => {
    const out = await decode([Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('réf\tville\n', 'utf16le')])]);
    expect(out.text).toBe('réf\tville\n');
  });
  it('tells valid UTF-8 from Latin bytes', () => {
    expect(isValidUtf8(Buffer.from('éà', 'utf8'))).toBe(true);
    expect(isValidUtf8(Buffer.from([0xe9, 0x20]))).toBe(false);
  });
});

describe('delimiter detection', () => {
  it('finds , ; and tab from the header line', () => {
    expect(detectDelimiter('ref,name,address\n1;2;3')).toBe(',');
    expect(detectDelimiter('Référence;Client;Adresse\n')).toBe(';');
    expect(detectDelimiter('ref\tname\taddress, with comma')).toBe('\t');
  });
  it('ignores delimiters inside quotes', () => {
    expect(detectDelimiter('"a;b;c",d,e')).toBe(',');
  });
});
