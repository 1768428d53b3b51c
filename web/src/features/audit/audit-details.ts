/**
 * An audit event's details on one line, `key: value · key: value`, in the app's language: the
 * usual keys named in French, order statuses and booleans in words, long values cut. Keys this
 * table does not know show as the server names them (the trail must never hide a detail).
 */
import type { Locale, Translate } from '../../i18n/i18n.tsx';
import { formatDate, formatDateTime, formatNumber, intlLocale } from '../../i18n/format.ts';
import { statusLabel } from '../../i18n/labels.ts';
import { causeText } from './history-text.ts';

const KEYS_FR: Record<string, string> = {
  to: 'vers',
  from: 'de',
  cause: 'cause',
  status: 'statut',
  changed: 'modifié',
  date: 'jour',
  orders: 'commandes',
  routes: 'tournées',
  rows: 'lignes',
  created: 'créées',
  updated: 'mises à jour',
  unchanged: 'inchangées',
  rejected: 'rejetées',
  committed: 'enregistré',
  filename: 'fichier',
  partial: 'partiel',
  assigned: 'affectées',
  unassigned: 'non affectées',
  cost: 'coût',
  distanceM: 'distance (m)',
  durationS: 'durée (s)',
  keptRoutes: 'tournées gardées',
  computingTimeMs: 'calcul (ms)',
  reason: 'motif',
  name: 'nom',
  email: 'e-mail',
  role: 'rôle',
  version: 'version',
};

// Details whose value is an order's status (an order's status change, a bulk change).
const STATUS_KEYS = new Set(['to', 'from', 'status']);

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** The details of one event, for the trail's table. */
export function detailsText(d: Record<string, unknown>, locale: Locale, t: Translate): string {
  return Object.entries(d)
    .map(([k, v]) => {
      const intl = intlLocale(locale);
      let s: string;
      if (typeof v === 'string') {
        if (STATUS_KEYS.has(k)) s = statusLabel(t, v);
        else if (k === 'cause') s = causeText(v, locale);
        // Days and instants as the user writes them ("02/12/2026", "08/12/2026 16:30").
        else if (DAY.test(v)) s = formatDate(intl, v);
        else if (INSTANT.test(v)) s = formatDateTime(intl, v);
        else s = v;
      } else if (typeof v === 'boolean' && locale === 'fr') s = v ? 'oui' : 'non';
      else if (typeof v === 'number') s = formatNumber(intl, v, 2);
      else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) s = v.join(', ');
      else if (v && typeof v === 'object' && Object.keys(v).length === 0) s = '—';
      else s = JSON.stringify(v);
      const key = locale === 'fr' ? (KEYS_FR[k] ?? k) : k;
      return `${key}: ${s.length > 60 ? `${s.slice(0, 57)}…` : s}`;
    })
    .join(' · ');
}

/** What was done, by the action's last part ("order.status" → "status"), in both languages. */
const VERBS: Record<string, { en: string; fr: string }> = {
  create: { en: 'Created', fr: 'Création' },
  update: { en: 'Changed', fr: 'Modification' },
  delete: { en: 'Deleted', fr: 'Suppression' },
  cancel: { en: 'Cancelled', fr: 'Annulation' },
  status: { en: 'Status change', fr: 'Changement de statut' },
  import: { en: 'Import', fr: 'Import' },
  publish: { en: 'Publication', fr: 'Publication' },
  complete: { en: 'Plan finished', fr: 'Planification terminée' },
  insert: { en: 'Urgent insert', fr: 'Insertion urgente' },
  sign_in: { en: 'Sign-in', fr: 'Connexion' },
  sign_in_failed: { en: 'Refused sign-in', fr: 'Connexion refusée' },
  sign_out: { en: 'Sign-out', fr: 'Déconnexion' },
  send_access: { en: 'Access sent', fr: 'Accès envoyé' },
  issue_access: { en: 'Access created', fr: 'Accès créé' },
  revoke_access: { en: 'Access revoked', fr: 'Accès révoqué' },
  revoke: { en: 'Revoked', fr: 'Révocation' },
  reset_password: { en: 'Password reset', fr: 'Mot de passe réinitialisé' },
  enable: { en: 'Enabled', fr: 'Activation' },
  disable: { en: 'Disabled', fr: 'Désactivation' },
  resend: { en: 'Sent again', fr: 'Renvoi' },
  acknowledge: { en: 'Acknowledged', fr: 'Prise en compte' },
  rate: { en: 'Rating', fr: 'Note' },
  upload_proof: { en: 'Proof received', fr: 'Preuve reçue' },
  delivery_code_refused: { en: 'Delivery code refused', fr: 'Code de livraison refusé' },
  delivery_code_locked: { en: 'Delivery code locked', fr: 'Code de livraison bloqué' },
  delivery_code_unlocked: { en: 'Delivery code unlocked', fr: 'Code de livraison débloqué' },
  start: { en: 'Route started', fr: 'Départ de tournée' },
  redelivery: { en: 'Redelivery', fr: 'Nouvelle livraison' },
  opt_out: { en: 'Opted out', fr: 'Désinscription' },
  lock: { en: 'Locked', fr: 'Verrouillage' },
  unlock: { en: 'Unlocked', fr: 'Déverrouillage' },
  pause: { en: 'Paused', fr: 'Mise en pause' },
  override: { en: 'Changed for the day', fr: 'Modification pour le jour' },
  expand: { en: 'Shifts generated', fr: 'Services générés' },
  reorder: { en: 'Order of the rules changed', fr: 'Ordre des règles modifié' },
  replay: { en: 'Events sent again', fr: 'Événements renvoyés' },
  connect: { en: 'Shop connected', fr: 'Boutique connectée' },
  disconnect: { en: 'Shop disconnected', fr: 'Boutique déconnectée' },
  issue: { en: 'Tracker key created', fr: 'Clé de traceur créée' },
  scheduled_plan: { en: 'Scheduled planning', fr: 'Planification programmée' },
  scheduled_publish: { en: 'Scheduled publication', fr: 'Publication programmée' },
  hold: { en: 'Put on hold', fr: 'Mise en attente' },
  release: { en: 'Released', fr: 'Remise en circulation' },
  reschedule: { en: 'Moved to another day', fr: 'Déplacement à un autre jour' },
  bulk_edit: { en: 'Bulk change', fr: 'Modification groupée' },
  start_override: { en: 'Start allowed', fr: 'Départ autorisé' },
  start_override_revoked: { en: 'Start allowance withdrawn', fr: 'Autorisation de départ retirée' },
  sign_in_code: { en: 'Sign-in with a code', fr: 'Connexion par code' },
  change_password: { en: 'Password changed', fr: 'Mot de passe changé' },
  totp_enabled: { en: 'Two-factor turned on', fr: 'Double authentification activée' },
  totp_disabled: { en: 'Two-factor turned off', fr: 'Double authentification désactivée' },
  totp_failed: { en: 'Wrong two-factor code', fr: 'Code de double authentification refusé' },
  recovery_code_used: { en: 'Recovery code used', fr: 'Code de secours utilisé' },
  session_revoked: { en: 'Session closed', fr: 'Session fermée' },
  export: { en: 'Data exported', fr: 'Données exportées' },
  erase: { en: 'Data erased', fr: 'Données effacées' },
  purge: { en: 'Old data deleted', fr: 'Anciennes données supprimées' },
};

/** The action in words, or null when this table does not know it (the code is shown then). */
export function actionWords(action: string, locale: Locale): string | null {
  const verb = action.slice(action.lastIndexOf('.') + 1);
  return VERBS[verb]?.[locale] ?? null;
}
