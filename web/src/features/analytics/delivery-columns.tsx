import type { AnalyticsStop } from '@tournee/shared';
import { formatDate } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** What names one delivery in a row: its day, driver, order and customer. */
export type Delivery = Pick<AnalyticsStop, 'localDate' | 'driverName' | 'orderRef' | 'customer'>;

/**
 * The headings of the columns that name the delivery, first in every table of single deliveries
 * (ratings, the stops behind a figure), so those tables line up and read alike.
 */
export function DeliveryHeads() {
  const { t } = useI18n();
  return (
    <>
      <th>{t('analytics.day')}</th>
      <th>{t('fleet.driver')}</th>
      <th>{t('analytics.order')}</th>
      <th>{t('analytics.customer')}</th>
    </>
  );
}

/** The cells under {@link DeliveryHeads}; a delivery nobody drove shows a dash. */
export function DeliveryCells({ delivery: d }: { delivery: Delivery }) {
  const { intl } = useI18n();
  return (
    <>
      <td>{formatDate(intl, d.localDate)}</td>
      <td>{d.driverName ?? '—'}</td>
      <td>{d.orderRef}</td>
      <td>{d.customer}</td>
    </>
  );
}
