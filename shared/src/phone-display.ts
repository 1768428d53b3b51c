/**
 * Phone numbers as people read them: stored numbers are E.164 (`+33612345678`); screens and
 * printed sheets show them in the national format of the organisation's country
 * (`06 12 34 56 78`) and in international format when they belong to another country
 * (`+32 470 12 34 56`), so a foreign number stands out.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * `e164` written for display: national format when it is a number of `country` (ISO 3166-1
 * alpha-2; none: international), international otherwise; what cannot be read is returned as it is.
 */
export function phoneDisplay(e164: string, country?: string): string {
  const home = country?.toUpperCase();
  const parsed = parsePhoneNumberFromString(e164.trim(), home as 'FR' | undefined);
  if (!parsed?.isValid()) return e164;
  return home && parsed.country === home ? parsed.formatNational() : parsed.formatInternational();
}
