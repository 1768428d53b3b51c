import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';

/** The outcome of normalising a phone number: E.164 (`+33612345678`) or why it is not one. */
export type PhoneResult = { ok: true; e164: string } | { ok: false; message: string };

/** True for an ISO 3166-1 alpha-2 code whose phone numbering is known ('FR', 'BE'). */
export function isPhoneCountry(code: string): boolean {
  return isSupportedCountry(code.toUpperCase());
}

/**
 * Normalises a phone number written nationally ('06 12 34 56 78', read in `defaultCountry`) or
 * internationally ('+33 6 12 34 56 78', '0033…') to E.164. Shared by the fleet API, the order
 * import and the web forms, so every layer accepts and refuses the same numbers.
 */
export function normalisePhone(input: string, defaultCountry: string): PhoneResult {
  const text = input.trim().replace(/^00(?=[1-9])/, '+');
  if (text === '') return { ok: false, message: 'is empty' };
  const country = defaultCountry.toUpperCase();
  const parsed = parsePhoneNumberFromString(text, isSupportedCountry(country) ? country : undefined);
  if (!parsed?.isValid()) {
    return {
      ok: false,
      message: `"${input}" is not a valid phone number (national numbers are read as ${country}; write others as +<country code>…)`,
    };
  }
  return { ok: true, e164: parsed.number };
}
