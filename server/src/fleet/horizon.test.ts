import { describe, expect, it } from 'vitest';
import { expansionRange } from './horizon.ts';

describe('expansionRange', () => {
  it('expands a pattern with an end date through that date', () => {
    expect(expansionRange({ validFrom: '2027-03-22', validTo: '2027-04-02' }, '2026-11-24')).toEqual({
      from: '2027-03-22',
      to: '2027-04-02',
    });
  });

  it('expands an open pattern 35 days ahead of today', () => {
    expect(expansionRange({ validFrom: '2026-01-01', validTo: null }, '2026-11-24')).toEqual({
      from: '2026-11-24',
      to: '2026-12-29',
    });
  });

  it('expands a pattern starting later 35 days ahead of its start', () => {
    expect(expansionRange({ validFrom: '2027-01-04', validTo: null }, '2026-11-24')?.to).toBe('2027-02-08');
  });

  it('extends on request, but never past the pattern end', () => {
    expect(expansionRange({ validFrom: '2026-01-01', validTo: '2027-01-15' }, '2026-11-24', '2027-02-01')?.to).toBe(
      '2027-01-15',
    );
  });

  it('has nothing to expand for a pattern that has ended', () => {
    expect(expansionRange({ validFrom: '2026-01-01', validTo: '2026-06-30' }, '2026-11-24')).toBeNull();
  });
});
