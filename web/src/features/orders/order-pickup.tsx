import type { OrderPickup } from '@tournee/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { FieldsCard, type FieldRow } from './fields-card.tsx';
import type { OrderStop } from './order-activity.tsx';
import { dateTime, latLon, localDay } from './order-format.ts';

/**
 * A pickup and delivery order's pickup: where and when the goods are collected, and the
 * pickup stop the plan has for it (the newest day's), or that it is not planned yet.
 */
export function OrderPickupCard({ pickup, stops }: { pickup: OrderPickup; stops: OrderStop[] }) {
  const { t, locale } = useI18n();
  const planned = stops.find((s) => s.kind === 'pickup');
  const window = pickup.timeWindows.map((w) => `${w.start}–${w.end}`).join(', ');
  const when = planned
    ? planned.etaAt || planned.plannedArrivalAt
      ? dateTime(locale, planned.etaAt ?? planned.plannedArrivalAt)
      : localDay(locale, planned.localDate)
    : '';
  const rows: FieldRow[] = [
    [t('orders.field.address'), pickup.address || t('orders.field.none')],
    [t('orders.field.location'), latLon(locale, pickup.location.coordinates)],
    [t('orders.pickup.window'), window || t('orders.field.anyTime')],
    [
      t('orders.pickup.planned'),
      planned
        ? t('orders.pickup.plannedValue', { when, vehicle: planned.vehicleName, position: planned.position })
        : t('orders.pickup.notPlanned'),
    ],
  ];
  return <FieldsCard id="order-pickup" title={t('orders.pickup.title')} rows={rows} />;
}
