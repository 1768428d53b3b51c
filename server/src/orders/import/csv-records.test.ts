import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CsvChunks, CsvRecords, type CsvText, parse } from './csv-records.ts';

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
  it('hands the text over at any point: the records parsed before, then the rest parsed elsewhere, are the same records', async () => {
    const text = 'ref;"note ""x"" ;\r\nsuite";fin\r\nB;"";\r\n\r\nC;3;4\r\nD;"é";5';
    const expected = all(text, ';');
    const pieces = text.match(/[\s\S]{1,5}/g)!;
    for (let at = 0; at <= pieces.length; at++) {
      const parser = new CsvRecords(';');
      const records: string[][] = [];
      const handed: CsvText[] = [];
      const done = (async () => {
        for await (const item of parser as AsyncIterable<string[][] | CsvText>) {
          if (Array.isArray(item)) records.push(...item);
          else handed.push(item);
        }
      })();
      for (const [i, piece] of pieces.entries()) {
        if (i === at) parser.handOver();
        parser.write(piece);
      }
      if (at === pieces.length) parser.handOver();
      parser.end();
      await done;
      // What another thread does with the text: the same parser state, counting on from the records before.
      const rest = new CsvChunks(';'.charCodeAt(0), records.length);
      for (const h of handed) records.push(...rest.push(h.text, h.final));
      expect(records, `handed over before piece ${at}`).toEqual(expected);
      expect(handed.at(-1)?.final ?? true).toBe(true);
    }
  });
  it('names the row of a quote never closed in text parsed after the hand-over', () => {
    const rest = new CsvChunks(','.charCodeAt(0), 41);
    expect(rest.push('a,b\nc,"d\n', false)).toEqual([['a', 'b']]);
    expect(() => rest.push('e,f\n', true)).toThrow('a quoted cell that starts on row 43 is never closed');
  });
});
