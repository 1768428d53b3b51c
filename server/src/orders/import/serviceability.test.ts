import { describe, expect, it } from 'vitest';
import type { FleetSummary } from '../../fleet/fleet-summary.ts';
import { IMPORT_MESSAGES } from './messages.ts';
import { hasShiftBetween, paretoFront, serviceabilityCheck } from './serviceability.ts';
import type { ValidRow } from './validate-row.ts';

// Lyon depot; a van (800 kg, 6 m3, fridge) and a truck (3000 kg, 4 m3); shifts on two days.
const fleet: FleetSummary = {
  capacities: [
    [800, 6],
    [3000, 4],
  ],
  skills: new Set(['fridge', 'tail_lift']),
  depots: [{ lon: 4.84, lat: 45.76 }],
  shiftDates: ['2026-03-05', '2026-03-06'],
  patterns: [],
};
const TODAY = '2026-03-01';
const opts = { dimensions: ['kg', 'm3'], messages: IMPORT_MESSAGES.en, today: TODAY, maxDepotDistanceKm: 150 };
const check = serviceabilityCheck(fleet, opts)!;
const columns = (f: string) => ({ demand_kg: 'Poids (kg)', skills: 'Compétences', lat: 'Latitude' })[f] ?? f;

const row = (over: Partial<ValidRow> = {}): ValidRow => ({
  ref: 'R1',
  name: 'Client',
  phone: null,
  email: null,
  address: '1 rue Mercière, Lyon',
  lon: 4.83,
  lat: 45.76,
  dateFrom: '2026-03-05',
  dateTo: '2026-03-05',
  timeWindows: [],
  serviceS: 300,
  demand: [100, 1],
  skills: [],
  priority: 0,
  notes: '',
  requireProof: [],
  ...over,
});

describe('serviceability of an imported row', () => {
  it('has nothing to say about a row the fleet can serve', () => {
    expect(check(row({ demand: [2900, 3], skills: ['fridge'] }), 2, columns, 'lat')).toEqual([]);
  });

  it('warns when the demand is above every vehicle’s capacity, naming the column', () => {
    expect(check(row({ demand: [3500, 1] }), 7, columns, 'lat')).toEqual([
      {
        row: 7,
        column: 'Poids (kg)',
        code: 'capacity',
        message:
          'demand 3500 kg is more than any vehicle carries (the largest takes 3000 kg): it cannot be planned as it is',
      },
    ]);
  });

  it('warns when each dimension fits some vehicle but none holds them together', () => {
    const [w] = check(row({ demand: [1000, 5] }), 3, columns, 'lat');
    expect(w).toMatchObject({ row: 3, code: 'capacity' });
    expect(w!.message).toContain('no single vehicle carries 1000 kg, 5 m3 together');
  });

  it('warns about each skill no vehicle has', () => {
    expect(check(row({ skills: ['fridge', 'crane'] }), 4, columns, 'lat')).toEqual([
      expect.objectContaining({
        row: 4,
        column: 'Compétences',
        code: 'skill',
        message: expect.stringContaining('"crane"'),
      }),
    ]);
  });

  it('warns when the row is farther than the limit from every depot', () => {
    // Marseille is about 280 km from Lyon.
    const [w] = check(row({ lon: 5.37, lat: 43.3 }), 5, columns, 'lat');
    expect(w).toMatchObject({ row: 5, column: 'Latitude', code: 'distance' });
    expect(w!.message).toMatch(/^is 27\d km from the nearest depot, farther than 150 km/);
    expect(check(row({ lon: 5.37, lat: 43.3 }), 5, columns, 'lat').length).toBe(1);
    // Rows still to be geocoded are checked once they have coordinates, not before.
    expect(check(row({ lon: null, lat: null }), 5, columns, 'address')).toEqual([]);
  });

  it('warns when no vehicle has a shift on any of the row’s days, in French too', () => {
    const fr = serviceabilityCheck(fleet, { ...opts, messages: IMPORT_MESSAGES.fr })!;
    expect(fr(row({ dateFrom: '2026-03-07', dateTo: '2026-03-09' }), 6, columns, 'lat')).toEqual([
      {
        row: 6,
        column: 'date',
        code: 'no_shift',
        message:
          "aucun véhicule n'a de service du 2026-03-07 au 2026-03-09 : elle ne peut pas être planifiée sur ses jours",
      },
    ]);
    expect(check(row({ dateFrom: '2026-03-04', dateTo: '2026-03-06' }), 6, columns, 'lat')).toEqual([]);
  });

  it('says nothing when the organisation has no vehicle yet', () => {
    expect(serviceabilityCheck({ ...fleet, capacities: [], skills: new Set() }, opts)).toBeNull();
  });
});

describe('hasShiftBetween', () => {
  const weekdays = {
    ...fleet,
    shiftDates: [],
    patterns: [{ weekdays: [1, 2, 3, 4, 5], validFrom: '2026-01-01', validTo: null, expandedThrough: '2026-04-05' }],
  };

  it('counts a weekly pattern past the dates it was expanded to, on its weekdays only', () => {
    expect(hasShiftBetween(weekdays, '2026-05-04', '2026-05-04', TODAY)).toBe(true); // a Monday
    expect(hasShiftBetween(weekdays, '2026-05-09', '2026-05-10', TODAY)).toBe(false); // a weekend
    // Dates already expanded are read from the shifts (none here: cancelled, say).
    expect(hasShiftBetween(weekdays, '2026-03-02', '2026-03-06', TODAY)).toBe(false);
  });

  it('does not count a pattern for past days nor after it ends', () => {
    const ended = {
      ...weekdays,
      patterns: [{ ...weekdays.patterns[0]!, expandedThrough: null, validTo: '2026-04-30' }],
    };
    expect(hasShiftBetween(ended, '2026-02-02', '2026-02-27', TODAY)).toBe(false);
    expect(hasShiftBetween(ended, '2026-05-04', '2026-05-08', TODAY)).toBe(false);
    expect(hasShiftBetween(ended, '2026-04-27', '2026-05-08', TODAY)).toBe(true);
  });
});

describe('helpers', () => {
  it('keeps only the capacity vectors no other holds entirely', () => {
    expect(
      paretoFront([
        [800, 6],
        [3000, 4],
        [500, 4],
        [800, 6],
      ]),
    ).toEqual([
      [800, 6],
      [3000, 4],
    ]);
  });
});
