/**
 * The sentences of the publish confirmation ("36 customers will be texted and emailed"), with
 * plurals chosen by Intl.PluralRules in the user's locale (French says "0 client", "1 client").
 */
import type { MessageKey } from '../../i18n/messages.ts';

export interface PublishPreview {
  routes: number;
  orders: number;
  sms: number;
  email: number;
  drivers: number;
}

type T = (key: MessageKey, values?: Record<string, string | number>) => string;
type Plural = 'publish.routes' | 'publish.orders' | 'publish.both' | 'publish.sms' | 'publish.email';

/** `key.one` or `key.other`, whichever the locale's plural rule picks for `n`. */
export function plural(locale: string, key: string, n: number): MessageKey {
  const form = new Intl.PluralRules(locale).select(n) === 'one' ? 'one' : 'other';
  return `${key}.${form}` as MessageKey;
}

/** One sentence per line: routes, orders, then who will be messaged and how. */
export function publishSentences(p: PublishPreview, locale: string, t: T): string[] {
  const say = (key: Plural, n: number, extra: Record<string, number> = {}) =>
    t(plural(locale, key, n), { n: n.toLocaleString(locale), ...extra });
  const lines = [say('publish.routes', p.routes, { drivers: p.drivers }), say('publish.orders', p.orders)];
  if (p.sms === 0 && p.email === 0) lines.push(t('publish.none'));
  else if (p.sms === p.email) lines.push(say('publish.both', p.sms));
  else {
    if (p.sms > 0) lines.push(say('publish.sms', p.sms));
    if (p.email > 0) lines.push(say('publish.email', p.email));
  }
  return lines;
}
