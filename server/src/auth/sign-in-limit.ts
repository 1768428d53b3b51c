/**
 * How many sign-ins may be tried, in the server's rate limits (http/rate-limit.ts), a minute:
 * - an address may fail at most `4 × limit` times, whatever the accounts;
 * - an account takes at most `limit` failures from all addresses together …
 * - … but once that is used up, an address with no recent failure for the account still gets
 *   one try: so an attacker who spends the account's budget cannot lock its owner out (the
 *   owner's address is clean), while each extra address an attacker uses buys one guess a minute.
 *   We chose this over progressive delays because a delay still lets anyone slow an admin down.
 * An attempt is taken from the budgets before the password is checked (each take is atomic, so
 * parallel requests cannot all slip past) and given back when the password was right; a refused
 * attempt is given back at once (it does not count).
 */
import type { RateLimits } from '../http/rate-limit.ts';

export interface SignInLimit {
  /** Takes one attempt for `email` from `ip`: how to settle it, or null when refused (429). */
  reserve(email: string, ip: string): Promise<((ok: boolean) => Promise<void>) | null>;
}

export function signInLimit(limits: RateLimits, perMinute: number): SignInLimit {
  const byIp = limits.limit('sign-in:ip', perMinute * 4);
  const byEmail = limits.limit('sign-in:email', perMinute);
  // One point: taken while free means this address had no attempt on the account this minute.
  const cleanPair = limits.limit('sign-in:email-ip', 1);
  return {
    async reserve(email, ip) {
      const account = email.trim().toLowerCase();
      const pair = `${account} ${ip}`;
      if ((await byIp.take(ip)) !== null) {
        await byIp.refund(ip);
        return null;
      }
      const [clean, withinAccount] = await Promise.all([
        cleanPair.take(pair).then((wait) => wait === null),
        byEmail.take(account).then((wait) => wait === null),
      ]);
      const giveBack = () => Promise.all([byIp.refund(ip), cleanPair.refund(pair), byEmail.refund(account)]);
      if (!withinAccount && !clean) {
        await giveBack();
        return null;
      }
      return async (ok) => {
        if (ok) await giveBack();
      };
    },
  };
}
