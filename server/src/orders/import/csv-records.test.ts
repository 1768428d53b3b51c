import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CsvRecords, parse } from './csv-records.ts';

const all = (text: string, delim = ',') => {
  const out: string[][] = [];
  parse(text, delim.charCodeAt(0), true, out);
  return out;
};

async function streamed(chunks: string[], delim = ','): Promise<string[][]> {
  const out: string[][] = [];
  for await (const records of Readable.from(chunks).pipe(new CsvRecords(delim))) out.push(...(records as string[][]));
  return out;
}

describe('CSV records', () => {
  it('splits cells and lines (\\n, \\r\\n, \\r)', () => {
    expect(all('a,b\r\nc,d\ne,f\rg,h')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });
  it('keeps empty cells, trailing ones included, and empty lines as one empty cell', () => {
    expect(all('a,,c,\n\nx')).toEqual([['a', '', 'c', ''], [''], ['x']]);
  });
  it('reads quoted cells with delimiters, doubled quotes and line breaks', () => {
    expect(all('"a;b";"say ""hi""";"two\nlines"\n', ';')).toEqual([['a;b', 'say "hi"', 'two\nlines']]);
  });
  it('keeps a stray quote inside an unquoted cell', () => {
    expect(all('12 "bis" rue,x')).toEqual([['12 "bis" rue', 'x']]);
  });
  it('gives the same records whatever the chunk boundaries', async () => {
    const text = 'ref;"note ""x"" ;\r\nsuite";fin\r\nB;"";\r\nC;3;4\r\n';
    const expected = all(text, ';');
    for (let cut = 1; cut < text.length; cut++) {
      expect(await streamed([text.slice(0, cut), text.slice(cut)], ';'), `cut at ${cut}`).toEqual(expected);
    }
  });
  it('fails on a quote that is never closed', async () => {
    await expect(streamed(['a,"b\n', 'c,d\n'])).rejects.toThrow(/never closed/);
  });
});
