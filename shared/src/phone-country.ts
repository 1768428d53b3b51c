/**
 * The country a day's customers mostly belong to, for a screen that shows their phone numbers
 * without knowing the organisation's country (the driver app): their numbers then read
 * nationally, and a foreign one keeps its +prefix (see phone-display.ts).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** The country most of `phones` (E.164) belong to; `fallback` when none can be read. */
export function usualPhoneCountry(phones: readonly (string | null)[], fallback: string): string {
  const counts = new Map<string, number>();
  for (const p of phones) {
    const c = p ? parsePhoneNumberFromString(p)?.country : undefined;
    if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = fallback;
  let most = 0;
  for (const [c, n] of counts) if (n > most) [best, most] = [c, n];
  return best;
}
