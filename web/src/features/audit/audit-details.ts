/**
 * An audit event's details on one line, `key: value · key: value`, in the app's language: the
 * usual keys named in French, order statuses and booleans in words, long values cut. Keys this
 * table does not know show as the server names them (the trail must never hide a detail).
 */
import type { Locale, Translate } from '../../i18n/i18n.tsx';
import { statusLabel } from '../../i18n/labels.ts';

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

/** The details of one event, for the trail's table. */
export function detailsText(d: Record<string, unknown>, locale: Locale, t: Translate): string {
  return Object.entries(d)
    .map(([k, v]) => {
      let s: string;
      if (typeof v === 'string') s = STATUS_KEYS.has(k) ? statusLabel(t, v) : v;
      else if (typeof v === 'boolean' && locale === 'fr') s = v ? 'oui' : 'non';
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
  start: { en: 'Route started', fr: 'Départ de tournée' },
  redelivery: { en: 'Redelivery', fr: 'Nouvelle livraison' },
  opt_out: { en: 'Opted out', fr: 'Désinscription' },
};

/** The action in words, or null when this table does not know it (the code is shown then). */
export function actionWords(action: string, locale: Locale): string | null {
  const verb = action.slice(action.lastIndexOf('.') + 1);
  return VERBS[verb]?.[locale] ?? null;
}
