import type { OrderStatus } from '@tournee/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { localDay } from './order-format.ts';
import type { Filters } from './orders-list.tsx';

/**
 * What an empty list says, fitted to its filters: "No delivered orders between 01/06/2026 and
 * 03/06/2026 matching “Dupont”", with a way out; with no filter at all, how to get orders in.
 */
export function EmptyOrders({ filters, onClear }: { filters: Filters; onClear(): void }) {
  const { t, locale } = useI18n();
  const { q, from, to, status } = filters;
  const single = status && !status.includes(',') ? (status as OrderStatus) : null;
  if (!q && !from && !to && !status) return <p className="empty">{t('orders.empty.start')}</p>;
  const day = (iso: string) => localDay(locale, iso);
  let text = single ? t(`orders.empty.${single}` as MessageKey) : t('orders.empty.any');
  if (from && to)
    text +=
      from === to
        ? t('orders.empty.sameDay', { from: day(from) })
        : t('orders.empty.between', { from: day(from), to: day(to) });
  else if (from) text += t('orders.empty.fromOn', { from: day(from) });
  else if (to) text += t('orders.empty.until', { to: day(to) });
  if (q) text += t('orders.empty.matching', { q });
  return (
    <div className="empty">
      <p>{`${text}.`}</p>
      <button type="button" onClick={onClear}>
        {t('orders.empty.clear')}
      </button>
    </div>
  );
}
