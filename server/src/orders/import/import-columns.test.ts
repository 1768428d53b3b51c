import { describe, expect, it } from 'vitest';
import { orderWrite as write } from '../../../test/support/order-write.ts';
import { concatColumns, IMPORT_COLUMNS, writeColumns } from './import-columns.ts';

describe('the columns an import sends', () => {
  const rows = [
    write('A'),
    write('B', { demand: [5, 0, 0], notes: 'a\x1fb' }),
    write('C', { skills: ['fridge'], phone: '+33612345678' }),
    write('D'),
  ];

  it('are the same whether built from all rows at once or from runs of them joined', () => {
    const whole = writeColumns(rows);
    expect(concatColumns([writeColumns(rows.slice(0, 1)), writeColumns([]), writeColumns(rows.slice(1))])).toEqual(
      whole,
    );
    expect(concatColumns([writeColumns(rows.slice(0, 2)), writeColumns(rows.slice(2))])).toEqual(whole);
  });

  it('send a value every row shares once, and a value that varies in any run per row', () => {
    const same = concatColumns([writeColumns([rows[0]!]), writeColumns([rows[3]!])]);
    const names = ['ref', 'name', 'phone', 'demand', 'skills'];
    const at = (n: string) => IMPORT_COLUMNS.findIndex((c) => c.name === n);
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
