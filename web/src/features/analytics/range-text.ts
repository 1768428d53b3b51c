import { formatDate } from '../../i18n/format.ts';
import type { Translate } from '../../i18n/i18n.tsx';

/** The chosen days in words, for empty states: "between 02/12/2026 and 08/12/2026", "on 02/12/2026". */
export function rangeText(t: Translate, intl: string, from: string, to: string): string {
  if (from === to) return t('analytics.range.on', { day: formatDate(intl, from) });
  return t('analytics.range.between', { from: formatDate(intl, from), to: formatDate(intl, to) });
}
