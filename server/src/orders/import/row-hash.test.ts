import { describe, expect, it } from 'vitest';
import { hashRow } from './row-hash.ts';
import type { ValidRow } from './validate-row.ts';

const row: ValidRow = {
  ref: 'R1',
  name: 'Client',
  phone: '+33612345678',
  email: null,
  address: '1 rue Mercière, Lyon',
  lon: 4.83,
  lat: 45.76,
  dateFrom: '2026-03-05',
  dateTo: '2026-03-05',
  timeWindows: [{ start: '08:00', end: '12:00' }],
  serviceS: 300,
  demand: [12.5],
  skills: ['fridge'],
  priority: 0,
  notes: '',
  requireProof: [],
};

describe('the content hash of an imported row', () => {
  it('is the one stored before orders could require proof when the row requires none (re-imports stay unchanged)', () => {
    // Computed by row-hash.ts as it was before require_proof existed.
    expect(hashRow(row)).toBe('HHkWFlmLiarLRx/+JvszznT2KD8=');
  });

  it('changes when the row requires proof, and with the kinds required', () => {
    const photo = hashRow({ ...row, requireProof: ['photo'] });
    expect(photo).not.toBe(hashRow(row));
    expect(hashRow({ ...row, requireProof: ['photo', 'signature'] })).not.toBe(photo);
  });
});
