import { describe, expect, it } from 'vitest';
import { isPhoneCountry, normalisePhone } from './phone.ts';

describe('normalisePhone', () => {
  it('reads a French national mobile number as E.164', () => {
    expect(normalisePhone('06 12 34 56 78', 'FR')).toEqual({ ok: true, e164: '+33612345678' });
  });

  it('keeps international numbers whatever the default country', () => {
    expect(normalisePhone('+44 20 7946 0958', 'FR')).toEqual({ ok: true, e164: '+442079460958' });
    expect(normalisePhone('0033 6 12 34 56 78', 'BE')).toEqual({ ok: true, e164: '+33612345678' });
  });

  it('refuses a number too short to be real, saying how it was read', () => {
    const r = normalisePhone('0612', 'FR');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/not a valid phone number.*FR/);
  });

  it('refuses text that is no number at all', () => {
    expect(normalisePhone('call me', 'FR').ok).toBe(false);
    expect(normalisePhone('  ', 'FR').ok).toBe(false);
  });
});

describe('isPhoneCountry', () => {
  it('knows country codes in either case', () => {
    expect(isPhoneCountry('fr')).toBe(true);
    expect(isPhoneCountry('XX')).toBe(false);
  });
});
