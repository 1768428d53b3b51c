import { describe, expect, it } from 'vitest';
import { usualPhoneCountry } from './phone-country.ts';
import { phoneDisplay } from './phone-display.ts';

describe('phoneDisplay', () => {
  it('writes a number of the home country nationally', () => {
    expect(phoneDisplay('+33612345678', 'FR')).toBe('06 12 34 56 78');
    expect(phoneDisplay('+33478000000', 'fr')).toBe('04 78 00 00 00');
  });

  it('writes a foreign number internationally', () => {
    expect(phoneDisplay('+32470123456', 'FR')).toBe('+32 470 12 34 56');
    expect(phoneDisplay('+33612345678', 'GB')).toBe('+33 6 12 34 56 78');
  });

  it('returns what cannot be read as it is', () => {
    expect(phoneDisplay('ask at the desk', 'FR')).toBe('ask at the desk');
    expect(phoneDisplay('+3361', 'FR')).toBe('+3361');
  });
});

describe('usualPhoneCountry', () => {
  it('is the country most numbers belong to', () => {
    expect(usualPhoneCountry(['+33612345678', '+32470123456', '+33478000000', null], 'GB')).toBe('FR');
  });

  it('falls back when no number can be read', () => {
    expect(usualPhoneCountry([null, 'n/a'], 'FR')).toBe('FR');
  });
});
