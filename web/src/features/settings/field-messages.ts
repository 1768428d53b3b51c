import type { Translate } from '../../i18n/i18n.tsx';

/**
 * The server's field messages (zod's and the shared schemas') in the user's language, for the
 * ones the settings forms can meet; any other shows as the server wrote it.
 */
const EXACT: Record<string, Parameters<Translate>[0]> = {
  'Invalid URL': 'settings.error.url',
  'Invalid email address': 'settings.error.email',
  'must not be empty': 'settings.error.empty',
  'must be a time HH:MM': 'settings.error.time',
  'must be a two-letter country code such as FR': 'settings.error.country',
  'must be a language tag such as fr or en-GB': 'settings.error.locale',
  'must be a lower-case name such as kg, m3 or parcels': 'settings.error.dimension',
  'must not repeat a dimension': 'settings.error.dimensionTwice',
  'already used by another account': 'settings.error.emailTaken',
  'must be whole minutes': 'settings.error.whole',
  'must be whole metres': 'settings.error.whole',
  'must be whole seconds': 'settings.error.whole',
  'must be a whole number': 'settings.error.whole',
};

export function fieldMessage(t: Translate, message: string): string {
  const key = EXACT[message];
  if (key) return t(key);
  const bound = /^Too (small|big): expected number to be [<>]=(-?[\d.]+)$/.exec(message);
  if (bound) return t(bound[1] === 'small' ? 'settings.error.min' : 'settings.error.max', { n: Number(bound[2]) });
  if (/^Invalid input: expected (number|int)/.test(message)) return t('settings.error.number');
  return message;
}
