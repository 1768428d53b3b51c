import { describe, expect, it } from 'vitest';
import { orderWrite as write } from '../../../test/support/order-write.ts';
import {
  columnBytes,
  columnText,
  concatColumns,
  IMPORT_COLUMNS,
  keysOf,
  type WriteColumns,
  writeColumns,
} from './import-columns.ts';

describe('the columns an import sends', () => {
  const rows = [
    write('A'),
    write('B', { demand: [5, 0, 0], notes: 'a\x1fb' }),
    write('C', { skills: ['fridge'], phone: '+33612345678' }),
    write('D'),
  ];

  const at = (n: string) => IMPORT_COLUMNS.findIndex((c) => c.name === n);
  /** The columns but the ids, which are drawn anew on every call. */
  const withoutIds = (cols: WriteColumns) => {
    const other = (_: unknown, i: number) => i !== at('id');
    return { ...cols, joined: cols.joined.filter(other), first: cols.first.filter(other) };
  };

  it('are the same whether built from all rows at once or from runs of them joined', () => {
    const whole = withoutIds(writeColumns(rows));
    const runs = [writeColumns(rows.slice(0, 1)), writeColumns([]), writeColumns(rows.slice(1))];
    expect(withoutIds(concatColumns(runs))).toEqual(whole);
    expect(withoutIds(concatColumns([writeColumns(rows.slice(0, 2)), writeColumns(rows.slice(2))]))).toEqual(whole);
  });

  it("read the same from the row thread's bytes as from text, alone or beside the main thread's runs", () => {
    const whole = withoutIds(writeColumns(rows));
    const asText = (cols: WriteColumns) => ({ ...cols, joined: cols.joined.map(columnText) });
    const bytes = columnBytes(writeColumns(rows.slice(1)));
    expect(bytes.joined.every((c) => c instanceof Uint8Array)).toBe(true);
    // The main thread's first rows (text), then the thread's (bytes): one run of bytes.
    const mixed = concatColumns([writeColumns(rows.slice(0, 1)), bytes]);
    expect(mixed.joined.every((c) => c instanceof Uint8Array)).toBe(true);
    expect(withoutIds(asText(mixed))).toEqual(whole);
    expect(keysOf(mixed).refs).toEqual(['A', 'B', 'C', 'D']);
    expect(keysOf(mixed).hashes).toEqual(rows.map((r) => r.hash));
  });

  it("give every row an id of its own, so that the database need not draw the new orders' ids", () => {
    const ids = (cols: WriteColumns) => columnText(cols.joined[at('id')]!).slice(1).split('\x1f');
    const first = ids(writeColumns(rows));
    expect(first).toHaveLength(rows.length);
    for (const id of first) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set([...first, ...ids(writeColumns(rows))]).size).toBe(2 * rows.length);
  });

  it('send a value every row shares once, and a value that varies in any run per row', () => {
    const same = concatColumns([writeColumns([rows[0]!]), writeColumns([rows[3]!])]);
    const names = ['ref', 'name', 'phone', 'demand', 'skills'];
    // ref always travels per row: it gives the statement its rows.
    expect(names.map((n) => same.same[at(n)])).toEqual([false, true, true, true, true]);
    const mixed = concatColumns([writeColumns(rows.slice(0, 2)), writeColumns(rows.slice(2))]);
    expect(names.map((n) => mixed.same[at(n)])).toEqual([false, true, false, false, false]);
    // Values split on the unit separator: one inside a cell is made a space; NULL has its own mark.
    expect(mixed.joined[at('phone')]).toBe('\x1f\x1e\x1f\x1e\x1f+33612345678\x1f\x1e');
    expect(mixed.joined[at('demand')]).toBe('\x1f{12.5,0,1}\x1f{5,0,0}\x1f{12.5,0,1}\x1f{12.5,0,1}');
    expect(writeColumns([rows[1]!]).first[at('name')]).toBe('Zoé Ménard');
    expect(mixed.joined[at('notes')]).toBe('\x1f\x1fa b\x1f\x1f');
  });
});
