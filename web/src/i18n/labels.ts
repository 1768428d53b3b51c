/**
 * The API's codes in words, for every screen: `statusLabel(t, 'planned')` → "Planifiée".
 * A code this app does not know yet (a newer server) shows as it is rather than as a key.
 */
import type { TextKey, Translate } from './i18n.tsx';
import type { MessageKey } from './messages.ts';
import { en } from './messages.ts';

const known = (key: string): key is MessageKey => key in en;

function label(t: Translate, prefix: string, code: string | null | undefined): string {
  if (!code) return '';
  const key = `${prefix}.${code}`;
  return known(key) ? t(key) : code;
}

/** An order's status (ORDER_STATUSES). */
export const statusLabel = (t: Translate, status: string) => label(t, 'status.order', status);
/** A customer message's status (NOTIFY_STATUSES). */
export const messageStatusLabel = (t: Translate, status: string) => label(t, 'status.message', status);
/** A stop's status (STOP_STATUSES). */
export const stopStatusLabel = (t: Translate, status: string) => label(t, 'status.stop', status);
/** A route's status (planned, published, in_progress, done). */
export const routeStatusLabel = (t: Translate, status: string) => label(t, 'status.route', status);
/** A planning job's status (PLAN_STATUSES). */
export const planStatusLabel = (t: Translate, status: string) => label(t, 'status.plan', status);
/** Why a message was written (NOTIFY_TRIGGERS and `driver_access`). */
export const triggerLabel = (t: Translate, trigger: string) => label(t, 'trigger', trigger);
/** A message's channel (sms, email). */
export const channelLabel = (t: Translate, channel: string) => label(t, 'channel', channel);
/** Why a delivery failed (FAIL_REASONS, or `skipped`). */
export const failReasonLabel = (t: Translate, reason: string | null | undefined) => label(t, 'failReason', reason);
/** A capacity dimension's name ("parcels" → "colis"); an organisation's own name shows as it is. */
export const dimensionLabel = (t: Translate, dimension: string) => label(t, 'dimension', dimension);

/** A webhook event type (WEBHOOK_EVENTS) in words: `order.dispatched` → "Une commande est envoyée au chauffeur". */
export const webhookEventLabel = (t: Translate, type: string) => label(t, 'webhookEvent', type);

/** An import field in words, for the mapping dropdowns: `demand_kg` → "Quantité : kg", `tw2_start` → "Début du créneau 2". */
export function importFieldLabel(t: Translate, field: string): string {
  const demand = /^demand_(.+)$/.exec(field);
  if (demand) return t('import.field.demand', { dimension: dimensionLabel(t, demand[1]!) });
  const window = /^tw(\d+)_(start|end)$/.exec(field);
  if (window) return t(`import.field.twN_${window[2] as 'start' | 'end'}`, { n: window[1]! });
  return label(t, 'import.field', field);
}

/** `count` of a dimension with its name, plural-aware where the catalogue has it: "3 colis", "12,5 kg". */
export function quantityLabel(t: Translate, dimension: string, count: number): string {
  const plural = `count.${dimension}` as TextKey;
  if (known(`count.${dimension}.other`)) return t(plural, { count });
  return t('count.quantity', { count, unit: dimensionLabel(t, dimension) });
}
