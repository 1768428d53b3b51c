import { describe, expect, it } from 'vitest';
import type { CheckedRow } from './check-rows.ts';
import { fromWire, toWire } from './checked-wire.ts';
import type { ValidRow } from './validate-row.ts';

const row: ValidRow = {
  ref: 'R1',
  name: 'Zoé Ménard',
  phone: '+33612345678',
  email: null,
  address: '12 rue Mercière, Lyon',
  lon: 4.83,
  lat: 45.76,
  dateFrom: '2027-03-23',
  dateTo: '2027-03-24',
  timeWindows: [{ start: '08:00', end: '12:00' }],
  serviceS: 300,
  demand: [12, 1],
  skills: ['frigo'],
  priority: 2,
  notes: 'digicode 1234',
  requireProof: ['signature'],
};

describe('checked rows between threads', () => {
  it('arrive as they left: every field, optional ones absent when they were absent', () => {
    const plain: CheckedRow = { ok: true, row, hash: 'abc', learnService: true };
    const full: CheckedRow = {
      ok: true,
      hash: 'def',
      learnService: false,
      row: {
        ...row,
        pickup: { address: 'quai Saint-Antoine', lon: null, lat: null, timeWindows: [] },
        depotId: '7b0c7a4e-4a43-4a7e-9d53-0a1f6f7e2f11',
        hold: true,
        tags: ['vip'],
      },
    };
    const bad: CheckedRow = { ok: false, errors: [{ row: 3, column: 'Date', value: 'x', message: 'not a date' }] };
    for (const c of [plain, full, bad]) expect(fromWire(structuredClone(toWire(c)))).toStrictEqual(c);
  });
});
