import type { Translate } from '../../i18n/i18n.tsx';
import { en, type MessageKey } from '../../i18n/messages.ts';

/**
 * What a capacity dimension measures, in words: dimension names are short units (`kg`, `m3`,
 * `parcels`); one the app has no word for shows as "custom unit".
 */
export function unitName(t: Translate, dimension: string): string {
  const key = `settings.unit.${dimension.trim()}`;
  return key in en ? t(key as MessageKey) : t('settings.unit.custom');
}
