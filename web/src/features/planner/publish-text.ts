/**
 * The sentences of the publish confirmation ("36 customers will be texted and emailed"), the
 * plural form picked by the app's `t` (shared's rule for the user's locale: French says
 * "0 client", "1 client").
 */
import type { PublishPreview } from '@tournee/shared';
import type { Translate } from '../../i18n/i18n.tsx';

export type { PublishPreview };

type Plural = 'publish.routes' | 'publish.orders' | 'publish.both' | 'publish.sms' | 'publish.email';

/** One sentence per line: routes, orders, then who will be messaged and how. */
export function publishSentences(p: PublishPreview, locale: string, t: Translate): string[] {
  const say = (key: Plural, n: number, extra: Record<string, number> = {}) =>
    t(key, { count: n, n: n.toLocaleString(locale), ...extra });
  const lines = [say('publish.routes', p.routes, { drivers: p.drivers }), say('publish.orders', p.orders)];
  if (p.sms === 0 && p.email === 0) lines.push(t('publish.none'));
  else if (p.sms === p.email) lines.push(say('publish.both', p.sms));
  else {
    if (p.sms > 0) lines.push(say('publish.sms', p.sms));
    if (p.email > 0) lines.push(say('publish.email', p.email));
  }
  return lines;
}
