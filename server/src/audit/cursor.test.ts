import { describe, expect, it } from 'vitest';
import { csvCell } from './csv.ts';
import { decodeCursor, encodeCursor, timeRange } from './cursor.ts';
import { sortEntries } from './history.ts';

describe('the audit cursor', () => {
  it('gives back the exact time and id it was made from', () => {
    const c = { at: '2026-03-01T08:00:00.000001Z', id: '9007199254740993' };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
  });

  it('refuses anything it did not make, naming the cursor', () => {
    for (const raw of ['', 'abc', Buffer.from('{"at":1}').toString('base64url'), encodeCursor({ at: 'x', id: '1' })]) {
      expect(() => decodeCursor(raw)).toThrow(/cursor/);
    }
    expect(() => decodeCursor(encodeCursor({ at: '2026-03-01T08:00:00Z', id: '1; DROP' }))).toThrow(/cursor/);
  });
});

describe('the audit time range', () => {
  it('reads a bare `to` date as the end of that day, and refuses a range backwards', () => {
    expect(timeRange('2026-03-01', '2026-03-31')).toEqual({
      from: new Date('2026-03-01T00:00:00Z'),
      to: new Date('2026-04-01T00:00:00Z'),
    });
    expect(timeRange(undefined, '2026-03-31T12:00:00Z').to).toEqual(new Date('2026-03-31T12:00:00Z'));
    expect(() => timeRange('2026-03-05', '2026-03-01')).toThrow(/to/);
  });
});

describe('audit CSV cells', () => {
  it('quotes separators and defuses what a spreadsheet would run as a formula', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-2')).toBe("'-2");
  });
});

describe('history order', () => {
  it('sorts by time, then what happens first within one transaction (a plan before the status it caused)', () => {
    const at = '2026-03-01T08:00:00.000Z';
    const sorted = sortEntries([
      { at: '2026-03-01T09:00:00.000Z', kind: 'rating', summary: '', details: {} },
      { at, kind: 'status', summary: '', details: {} },
      { at, kind: 'plan', summary: '', details: {} },
      { at: '2026-03-01T07:00:00.000Z', kind: 'import', summary: '', details: {} },
    ]);
    expect(sorted.map((e) => e.kind)).toEqual(['import', 'plan', 'status', 'rating']);
  });
});
