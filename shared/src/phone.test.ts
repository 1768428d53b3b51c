import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { isPhoneCountry, normalisePhone, phoneE164 } from './phone.ts';

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

describe('phoneE164', () => {
  it('agrees with libphonenumber on French national numbers, however they are written', () => {
    // The fast path for 0X XX XX XX XX must never accept or refuse what libphonenumber would not.
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const separators = ['', ' ', '.', '-'];
    for (let i = 0; i < 2_000; i++) {
      const digits = Array.from({ length: 10 }, (_, k) => (k === 0 && i % 4 ? 0 : random(10)));
      const sep = separators[random(4)]!;
      const text = `${digits[0]}${digits[1]}${sep}${digits[2]}${digits[3]}${sep}${digits[4]}${digits[5]}${sep}${digits[6]}${digits[7]}${sep}${digits[8]}${digits[9]}`;
      const parsed = parsePhoneNumberFromString(text, 'FR');
      expect(phoneE164(text, 'FR'), text).toBe(parsed?.isValid() ? parsed.number : null);
    }
  });

  it('reads 00 as the international prefix', () => {
    expect(phoneE164('0044 20 7946 0958', 'FR')).toBe('+442079460958');
  });
});

describe('isPhoneCountry', () => {
  it('knows country codes in either case', () => {
    expect(isPhoneCountry('fr')).toBe(true);
    expect(isPhoneCountry('XX')).toBe(false);
  });
});
