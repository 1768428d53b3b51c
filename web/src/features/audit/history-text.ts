/**
 * One line per entry of an order's history in the app's language. The server words each entry
 * in English (`summary`); French is built here from the entry's kind and details.
 */
import type { HistoryEntry, HistoryKind } from '@tournee/shared';
import type { Locale, TextKey, Translate } from '../../i18n/i18n.tsx';
import { formatDate, formatPhone, intlLocale } from '../../i18n/format.ts';
import { channelLabel, failReasonLabel, messageStatusLabel, statusLabel, triggerLabel } from '../../i18n/labels.ts';
import { unplannedReasonText } from '../planner/unplanned-reason.ts';

export const KIND_NAMES: Record<HistoryKind, { en: string; fr: string }> = {
  import: { en: 'Import', fr: 'Import' },
  edit: { en: 'Change', fr: 'Modification' },
  status: { en: 'Status', fr: 'Statut' },
  plan: { en: 'Plan', fr: 'Planification' },
  publication: { en: 'Publication', fr: 'Publication' },
  stop_event: { en: 'Driver', fr: 'Chauffeur' },
  proof: { en: 'Proof', fr: 'Preuve' },
  message: { en: 'Message', fr: 'Message' },
  rating: { en: 'Rating', fr: 'Note' },
};

const STOP_TYPES_FR: Record<string, string> = {
  started: 'en route',
  arrived: 'arrivé',
  delivered: 'livré',
  failed: 'échec',
  skipped: 'passé',
};

// What moved an order's status (the server's `cause`), in words; a newer cause shows as its code.
const CAUSES: Record<string, { en: string; fr: string }> = {
  plan: { en: 'planning', fr: 'planification' },
  publish: { en: 'publication', fr: 'publication' },
  cancel: { en: 'cancellation', fr: 'annulation' },
  edit: { en: 'change', fr: 'modification' },
  hold: { en: 'put on hold', fr: 'mise en attente' },
  release: { en: 'hold released', fr: 'fin de l’attente' },
  requeue: { en: 'back to be planned', fr: 'remise à planifier' },
  reschedule: { en: 'moved to another day', fr: 'reportée à un autre jour' },
  route_start: { en: 'route started', fr: 'tournée démarrée' },
  stop_event: { en: 'driver', fr: 'chauffeur' },
};

/** A status change's cause in `locale`, for the history line. */
export const causeText = (cause: string, locale: Locale) => CAUSES[cause]?.[locale] ?? cause;

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/**
 * What happened, in `locale`. Given the app's `t`, the codes in it (statuses, triggers, reasons)
 * are words too; without it they show as the server names them.
 */
export function historyLine(e: HistoryEntry, locale: Locale, t?: Translate, country?: string): string {
  const d = e.details;
  // Days and phone numbers as the dispatcher writes them ("02/12/2026", "06 26 69 55 98").
  const day = (v: unknown) => (/^\d{4}-\d{2}-\d{2}$/.test(str(v)) ? formatDate(intlLocale(locale), str(v)) : str(v));
  const to = (v: unknown) => (d.channel === 'sms' ? formatPhone(str(v), country) : str(v));
  const status = (v: unknown) => (t ? statusLabel(t, str(v)) : str(v));
  // A change of the order's fields: which ones, in words, rather than the action's code.
  const changed = e.kind === 'edit' && d.action === 'order.update' && t ? changedFields(d.changes, t) : null;
  if (changed) return changed;
  // The server's English summary names statuses by code ("in_progress"): say them in words.
  if (locale === 'en')
    return e.kind === 'status' && t
      ? `Status ${status(d.from)} → ${status(d.to)} (${causeText(str(d.cause), 'en')})`
      : e.summary;
  switch (e.kind) {
    case 'import':
      if (!d.importId) return `Créée (${str(d.source)})`;
      return `${d.created ? 'Créée' : 'Modifiée'} par l’import de ${str(d.filename) || (d.format === 'json' ? 'une requête JSON' : `un envoi ${str(d.format)}`)}`;
    case 'edit':
      return str(d.action);
    case 'status':
      return `Statut ${status(d.from)} → ${status(d.to)} (${causeText(str(d.cause), 'fr')})`;
    case 'plan':
      if (d.routeId) return `Planifiée sur une tournée du ${day(d.localDate)}`;
      if (d.unassignedReason)
        return `Laissée non affectée par une planification (${t ? unplannedReasonText(str(d.unassignedReason), t) : str(d.unassignedReason)})`;
      return 'Placée par une planification (remplacée depuis)';
    case 'publication':
      return d.first
        ? `Publiée au chauffeur (arrêt ${str(d.seq)})`
        : `Tournée modifiée, renvoyée en version ${str(d.version)} (arrêt ${str(d.seq)})`;
    case 'stop_event':
      return `Chauffeur : ${STOP_TYPES_FR[str(d.type)] ?? str(d.type)}${d.reason ? ` (${t ? failReasonLabel(t, str(d.reason)) : str(d.reason)})` : ''}`;
    case 'proof':
      return `Preuve de livraison : ${d.kind === 'signature' ? 'signature' : 'photo'}`;
    case 'message':
      return t
        ? `${channelLabel(t, str(d.channel))} « ${triggerLabel(t, str(d.trigger))} » à ${to(d.recipient)} : ${messageStatusLabel(t, str(d.status))}`
        : `${str(d.channel).toUpperCase()} « ${str(d.trigger)} » à ${to(d.recipient)} : ${str(d.status)}`;
    case 'rating':
      return `Note ${str(d.rating)}/5${d.comment ? ` : ${str(d.comment)}` : ''}`;
  }
}

// The fields of PATCH /api/orders/:id by the order page's name for them.
const FIELD_KEYS: Record<string, TextKey> = {
  name: 'orders.field.name',
  phone: 'orders.field.phone',
  email: 'orders.field.email',
  address: 'orders.field.address',
  location: 'orders.field.location',
  dateFrom: 'orders.field.dateFrom',
  dateTo: 'orders.field.dateTo',
  timeWindows: 'orders.field.windows',
  serviceS: 'orders.field.service',
  demand: 'orders.field.demand',
  skills: 'orders.field.skills',
  priority: 'orders.field.priority',
  notes: 'orders.field.notes',
  requireProof: 'orders.field.requireProof',
  pickup: 'orders.pickup.title',
};

/** "Changed: Notes for the driver, Pickup" for an edit's `changes`, or null when it names none. */
function changedFields(changes: unknown, t: Translate): string | null {
  if (!changes || typeof changes !== 'object') return null;
  const names = Object.keys(changes).map((k) => (FIELD_KEYS[k] ? t(FIELD_KEYS[k]) : k));
  return names.length ? t('orders.history.changed', { fields: names.join(', ') }) : null;
}
