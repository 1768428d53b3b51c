import type { OrderActionState, OrderStatus } from '@tournee/shared';
import type { useI18n } from '../../i18n/i18n.tsx';
import { en, type MessageKey } from '../../i18n/messages.ts';

type T = ReturnType<typeof useI18n>['t'];

/** An order's status as its badge says it ("Delivered", "Livrée"). */
export const statusLabel = (t: T, s: OrderStatus) => t(`orders.status.${s}` as MessageKey);

/** An order's status as words after "the order is" ("in progress", "en cours de livraison"). */
export const stateWords = (t: T, s: OrderStatus) => t(`orders.state.${s}` as MessageKey);

/** A label for a code the catalogue may not know (a new trigger, a new reason): the code itself then. */
export function labelOf(t: T, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return key in en ? t(key as MessageKey) : code;
}

/** Why an action is refused, in the user's language; the server's own words stay in the tooltip. */
export function blockedText(
  t: T,
  action: 'edit' | 'cancel',
  state: OrderActionState,
  status: OrderStatus,
  date: (iso: string) => string,
): string | null {
  if (state.allowed) return null;
  if (state.code === 'cancelled') return t(`orders.blocked.${action}.cancelled`);
  if (state.code === 'status') {
    if (action === 'cancel' && (status === 'dispatched' || status === 'in_progress'))
      return t('orders.blocked.cancel.onRoute', { state: stateWords(t, status) });
    return t(`orders.blocked.${action}.status`, { state: stateWords(t, status) });
  }
  const where = { vehicle: state.route?.vehicleName ?? '', date: state.route ? date(state.route.localDate) : '' };
  if (state.code === 'route_locked') return t('orders.blocked.cancel.routeLocked', where);
  if (state.code === 'stop_frozen') return t('orders.blocked.cancel.stopFrozen', where);
  return state.reason;
}
