import type { Order } from '@tournee/shared';
import { phoneDisplay } from '@tournee/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { quantityLabel } from '../../i18n/labels.ts';
import { FieldsCard, type FieldRow } from './fields-card.tsx';
import { amount, dateTime, localDay } from './order-format.ts';

/** Every field of the order, as a definition list (empty ones show a dash). */
export function OrderFields({
  order: o,
  dimensions,
  country,
  depotName,
}: {
  order: Order;
  dimensions: string[];
  /** The name of the order's depot (`depotId`), when the depots are known. */
  depotName?: string;
  /** The organisation's country: its numbers are shown in national format. */
  country?: string;
}) {
  const { t, locale } = useI18n();
  const none = t('orders.field.none');
  const days =
    o.dateFrom === o.dateTo
      ? localDay(locale, o.dateFrom)
      : `${localDay(locale, o.dateFrom)} → ${localDay(locale, o.dateTo)}`;
  const demand = o.demand
    .map((v, i) => (v ? (dimensions[i] ? quantityLabel(t, dimensions[i], v) : amount(locale, v)) : null))
    .filter((x) => x !== null)
    .join(' · ');
  const rows: FieldRow[] = [
    [t('orders.field.ref'), o.ref],
    [t('orders.field.name'), o.name || none],
    [
      t('orders.field.phone'),
      o.phone ? (
        <a key="phone" href={`tel:${o.phone}`}>
          {phoneDisplay(o.phone, country)}
        </a>
      ) : (
        none
      ),
    ],
    [
      t('orders.field.email'),
      o.email ? (
        <a key="email" href={`mailto:${o.email}`}>
          {o.email}
        </a>
      ) : (
        none
      ),
    ],
    [t('orders.field.address'), o.address],
    [t('orders.field.days'), days],
    [
      t('orders.field.windows'),
      o.timeWindows.length ? o.timeWindows.map((w) => `${w.start}–${w.end}`).join(', ') : t('orders.field.anyTime'),
    ],
    [t('orders.field.service'), t('orders.field.serviceValue', { n: amount(locale, o.serviceS / 60) })],
    [t('orders.field.demand'), demand || none],
    [t('orders.field.skills'), o.skills.length ? o.skills.join(', ') : none],
    [t('orders.field.depot'), o.depotId ? (depotName ?? o.depotId) : t('orders.field.anyDepot')],
    [t('orders.field.tags'), o.tags.length ? o.tags.join(', ') : none],
    [t('orders.field.priority'), String(o.priority)],
    [
      t('orders.field.requireProof'),
      o.requireProof.length ? o.requireProof.map((k) => t(`orders.field.${k}`)).join(', ') : none,
    ],
    [t('orders.field.notes'), o.notes || none],
    [t('orders.field.created'), dateTime(locale, o.createdAt)],
    [t('orders.field.updated'), dateTime(locale, o.updatedAt)],
  ];
  return <FieldsCard id="order-fields" title={t('orders.detail.fields')} rows={rows} />;
}
