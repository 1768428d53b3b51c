import { describe, expect, it } from 'vitest';
import { type RowContext, validateRow } from './validate-row.ts';

const ctx: RowContext = { dimensions: ['kg', 'parcels'], defaultCountry: 'FR', defaultServiceS: 300 };
const base = { ref: 'A1', name: 'Mme Lefèvre', address: '3 rue de la République, Lyon', date: '05/03/2026' };

describe('validateRow', () => {
  it('rejects a cell holding a NUL character, naming its column, the NUL shown as U+FFFD', () => {
    const r = validateRow({ ...base, notes: 'porte\u0000B' }, 7, ctx, (f) => (f === 'notes' ? 'Remarques' : f));
    expect(r).toEqual({
      ok: false,
      errors: [{ row: 7, column: 'Remarques', value: 'porte\ufffdB', message: expect.stringMatching(/NUL/) }],
    });
  });

  it('normalises a good row', () => {
    const r = validateRow(
      {
        ...base,
        phone: '06 12 34 56 78',
        lat: '45,76',
        lon: '4,83',
        tw_start: '8h',
        tw_end: '12:00',
        tw2_start: '14:00',
        tw2_end: '17:00',
        service_min: '7,5',
        demand_kg: '12,5',
        skills: 'frigo',
        priority: '2',
      },
      2,
      ctx,
    );
    expect(r).toEqual({
      ok: true,
      row: expect.objectContaining({
        ref: 'A1',
        phone: '+33612345678',
        lat: 45.76,
        lon: 4.83,
        dateFrom: '2026-03-05',
        dateTo: '2026-03-05',
        timeWindows: [
          { start: '08:00', end: '12:00' },
          { start: '14:00', end: '17:00' },
        ],
        serviceS: 450,
        demand: [12.5, 0],
        skills: ['frigo'],
        priority: 2,
      }),
    });
  });
  it('folds postcode and city into the address', () => {
    const r = validateRow(
      { ref: 'A', date: '2026-03-05', address: '3 rue X', postcode: '69002', city: 'Lyon' },
      2,
      ctx,
    );
    expect(r.ok && r.row.address).toBe('3 rue X, 69002 Lyon');
    expect(r.ok && r.row.lon).toBeNull();
  });
  it('names each bad cell with its row and column', () => {
    const r = validateRow(
      {
        ref: 'A',
        date: '2026-03-05',
        lat: '123',
        lon: '4.8',
        tw_start: '12:00',
        tw_end: '08:00',
        demand_kg: 'abc',
        phone: '12',
      },
      7,
      ctx,
      (f) => `col:${f}`,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [7, 'col:phone', '12'],
      [7, 'col:lat', '123'],
      [7, 'col:tw_end', '08:00'],
      [7, 'col:demand_kg', 'abc'],
    ]);
  });
  it('rejects a row with neither an address nor coordinates', () => {
    const r = validateRow({ ref: 'A', date: '2026-03-05', name: 'x' }, 3, ctx);
    expect(!r.ok && r.errors).toEqual([expect.objectContaining({ column: 'address' })]);
  });
  it('rejects 0,0 and a lone latitude', () => {
    const zero = validateRow({ ref: 'A', date: '2026-03-05', lat: '0', lon: '0' }, 2, ctx);
    expect(!zero.ok && zero.errors[0]!.message).toMatch(/0/);
    const lone = validateRow({ ...base, lat: '45' }, 2, ctx);
    expect(!lone.ok && lone.errors[0]!.column).toBe('lon');
  });
  it('rejects a date range that ends before it starts', () => {
    const r = validateRow({ ...base, date: undefined, date_from: '2026-03-06', date_to: '2026-03-05' }, 2, ctx);
    expect(!r.ok && r.errors[0]!.column).toBe('date_to');
  });
  it('requires a ref and a date', () => {
    const r = validateRow({ address: 'x' }, 2, ctx);
    expect(!r.ok && r.errors.map((e) => e.column)).toEqual(['ref', 'date']);
  });
});
