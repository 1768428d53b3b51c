import { describe, expect, it } from 'vitest';
import { orderWrite as write } from '../../../test/support/order-write.ts';
import { readElements, readTexts } from './array-elements.ts';
import { concatColumns, IMPORT_COLUMNS, keysOf, type WriteColumns, writeColumns } from './import-columns.ts';

describe('the columns an import sends', () => {
  const rows = [
    write('A'),
    write('B', { demand: [5, 0, 0], notes: 'a\x1fb' }),
    write('C', { skills: ['fridge'], phone: '+33612345678' }),
    write('D'),
  ];

  const at = (n: string) => IMPORT_COLUMNS.findIndex((c) => c.name === n);
  /** The columns but the ids, which are drawn anew on every call, with their elements as plain bytes. */
  const withoutIds = (cols: WriteColumns) => {
    const other = (_: unknown, i: number) => i !== at('id');
    return { ...cols, elements: cols.elements.filter(other).map((e) => [...e]), first: cols.first.filter(other) };
  };

  it('are the same whether built from all rows at once or from runs of them joined', () => {
    const whole = withoutIds(writeColumns(rows));
    const runs = [writeColumns(rows.slice(0, 1)), writeColumns([]), writeColumns(rows.slice(1))];
    expect(withoutIds(concatColumns(runs))).toEqual(whole);
    expect(withoutIds(concatColumns([writeColumns(rows.slice(0, 2)), writeColumns(rows.slice(2))]))).toEqual(whole);
    expect(keysOf(concatColumns(runs)).refs).toEqual(['A', 'B', 'C', 'D']);
    expect(keysOf(concatColumns(runs)).hashes).toEqual(rows.map((r) => r.hash));
  });

  it("are written into one buffer, so that the row thread moves a chunk's columns at once", () => {
    const cols = writeColumns(rows);
    expect(new Set(cols.elements.map((e) => e.buffer)).size).toBe(1);
  });

  it("give every row an id of its own, so that the database need not draw the new orders' ids", () => {
    const hex = (b: Uint8Array | null) => Buffer.from(b!).toString('hex');
    const ids = (cols: WriteColumns) => readElements(cols.elements[at('id')]!).map(hex);
    const first = ids(writeColumns(rows));
    expect(first).toHaveLength(rows.length);
    // Version 4, RFC 4122 variant.
    for (const id of first) expect(id).toMatch(/^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$/);
    expect(new Set([...first, ...ids(writeColumns(rows))]).size).toBe(2 * rows.length);
  });

  it('send a value every row shares once, and a value that varies in any run per row', () => {
    const same = concatColumns([writeColumns([rows[0]!]), writeColumns([rows[3]!])]);
    const names = ['ref', 'name', 'phone', 'demand', 'skills'];
    // ref always travels per row: it gives the statement its rows.
    expect(names.map((n) => same.same[at(n)])).toEqual([false, true, true, true, true]);
    const mixed = concatColumns([writeColumns(rows.slice(0, 2)), writeColumns(rows.slice(2))]);
    expect(names.map((n) => mixed.same[at(n)])).toEqual([false, true, false, false, false]);
    // Values are sent as they are (no separator to escape); NULL is NULL.
    expect(readTexts(mixed.elements[at('phone')]!)).toEqual([null, null, '+33612345678', null]);
    expect(readTexts(mixed.elements[at('demand')]!)).toEqual(['{12.5,0,1}', '{5,0,0}', '{12.5,0,1}', '{12.5,0,1}']);
    expect(writeColumns([rows[1]!]).first[at('name')]).toBe('Zoé Ménard');
    expect(readTexts(mixed.elements[at('notes')]!)).toEqual(['', 'a\x1fb', '', '']);
  });
});
