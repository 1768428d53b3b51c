import { afterAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../../../test/test-db.ts';
import { createPgDb } from '../../db/pg-adapter.ts';
import { arrayOf, type ElementType, ElementWriter, readTexts, writerOf } from './array-elements.ts';

const db = createPgDb(TEST_DATABASE_URL, { max: 1 });
afterAll(() => db.close());

/** What PostgreSQL reads from the values written as one binary array of `type`, as text. */
async function readBack(type: ElementType, values: (string | number | boolean | null)[]): Promise<(string | null)[]> {
  const w = new ElementWriter(8); // small, so that it grows
  const put = writerOf(type);
  for (const v of values) put(w, v);
  const res = await db.query<{ v: string | null }>(`SELECT v::text FROM unnest($1::${type}[]) AS v`, [
    arrayOf(type, values.length, [w.slice(0, w.length)]),
  ]);
  return res.rows.map((r) => r.v);
}

describe('values sent as binary array elements', () => {
  it('are read by PostgreSQL as the values written', async () => {
    expect(await readBack('text', ['Zoé Ménard', '', null, 'a\x1fb😀'])).toEqual(['Zoé Ménard', '', null, 'a\x1fb😀']);
    expect(await readBack('float8', [4.8309, -180, 45.7296123456789, null])).toEqual([
      '4.8309',
      '-180',
      '45.7296123456789',
      null,
    ]);
    expect(await readBack('date', ['2027-03-23', '1999-12-31', '2000-01-01', '2026-02-28'])).toEqual([
      '2027-03-23',
      '1999-12-31',
      '2000-01-01',
      '2026-02-28',
    ]);
    expect(await readBack('int', [300, 0, -1, 86_400])).toEqual(['300', '0', '-1', '86400']);
    expect(await readBack('int2', [0, 100, null])).toEqual(['0', '100', null]);
    expect(await readBack('bool', [true, false])).toEqual(['true', 'false']);
    const id = 'd0c5a1e2-7b3f-4c8e-9a1b-2c3d4e5f6a7b';
    expect(await readBack('uuid', [id, null])).toEqual([id, null]);
  });

  it('draw random version 4 uuids that PostgreSQL reads as such', async () => {
    const w = new ElementWriter();
    w.randomUuids(3);
    const res = await db.query<{ v: string }>('SELECT v::text FROM unnest($1::uuid[]) AS v', [
      arrayOf('uuid', 3, [w.slice(0, w.length)]),
    ]);
    expect(new Set(res.rows.map((r) => r.v)).size).toBe(3);
    for (const r of res.rows)
      expect(r.v).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('refuse a value their type cannot hold, as the database would', () => {
    const w = new ElementWriter();
    expect(() => w.int2(40_000)).toThrow(RangeError);
    expect(() => w.int(1.5)).toThrow(RangeError);
    expect(() => w.date('2027-3-23')).toThrow(RangeError);
    expect(() => w.uuid('not-a-uuid')).toThrow(RangeError);
    expect(w.length).toBe(0);
  });

  it('of several runs, one after the other, read back in order', () => {
    const w = new ElementWriter();
    w.text('A');
    const cut = w.length;
    w.null();
    w.text('C');
    expect(readTexts(Buffer.concat([w.slice(0, cut), w.slice(cut, w.length)]))).toEqual(['A', null, 'C']);
  });
});
