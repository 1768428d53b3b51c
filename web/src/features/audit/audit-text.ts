/**
 * The Audit screen's words, in English and French. Kept beside the screen (not in the app's
 * catalogue) so the screen is one folder; the catalogue holds only its menu entry (`nav.audit`).
 */
import { format, useI18n } from '../../i18n/i18n.tsx';

const en = {
  title: 'Audit trail',
  intro: 'Every change made in this organisation, newest first.',
  entity: 'Subject',
  anyEntity: 'Any subject',
  entityId: 'Subject id',
  user: 'User',
  anyUser: 'Anyone',
  action: 'Action',
  from: 'From',
  to: 'To',
  apply: 'Filter',
  reset: 'Clear filters',
  csv: 'Export CSV',
  when: 'When',
  details: 'Details',
  system: 'system',
  empty: 'No event matches these filters: clear some of them to see more.',
  emptyAll: 'Nothing has been recorded yet.',
  more: 'Load more',
  shown: '{n} events shown',
  shownOne: '1 event shown',
  end: 'End of the trail.',
  history: 'History',
  historyTitle: 'History of order {ref}',
  historyEmpty: 'Nothing recorded for this order yet.',
  close: 'Close',
  device: 'phone {at}',
  received: 'received {at}',
  by: 'by {who}',
} as const;

type Key = keyof typeof en;

const fr: Record<Key, string> = {
  title: 'Journal d’audit',
  intro: 'Chaque modification faite dans cette organisation, la plus récente en premier.',
  entity: 'Sujet',
  anyEntity: 'Tous les sujets',
  entityId: 'Identifiant du sujet',
  user: 'Utilisateur',
  anyUser: 'Tout le monde',
  action: 'Action',
  from: 'Du',
  to: 'Au',
  apply: 'Filtrer',
  reset: 'Effacer les filtres',
  csv: 'Exporter en CSV',
  when: 'Quand',
  details: 'Détails',
  system: 'système',
  empty: 'Aucun événement ne correspond à ces filtres : retirez-en pour en voir plus.',
  emptyAll: 'Rien n’a encore été enregistré.',
  more: 'Afficher plus',
  shown: '{n} événements affichés',
  shownOne: '1 événement affiché',
  end: 'Fin du journal.',
  history: 'Historique',
  historyTitle: 'Historique de la commande {ref}',
  historyEmpty: 'Rien n’est encore enregistré pour cette commande.',
  close: 'Fermer',
  device: 'téléphone {at}',
  received: 'reçu {at}',
  by: 'par {who}',
};

/** Subjects of the trail, as the server names them, in words. */
const ENTITIES: Record<string, { en: string; fr: string }> = {
  order: { en: 'Order', fr: 'Commande' },
  import: { en: 'Import', fr: 'Import' },
  plan: { en: 'Plan', fr: 'Planification' },
  route: { en: 'Route', fr: 'Tournée' },
  stop: { en: 'Stop', fr: 'Arrêt' },
  user: { en: 'User / sign-in', fr: 'Utilisateur / connexion' },
  driver: { en: 'Driver', fr: 'Chauffeur' },
  vehicle: { en: 'Vehicle', fr: 'Véhicule' },
  depot: { en: 'Depot', fr: 'Dépôt' },
  shift: { en: 'Shift', fr: 'Service' },
  shift_pattern: { en: 'Shift pattern', fr: 'Modèle de services' },
  notification: { en: 'Message', fr: 'Message' },
  organisation: { en: 'Organisation', fr: 'Organisation' },
  alert: { en: 'Alert', fr: 'Alerte' },
  notify_settings: { en: 'Message settings', fr: 'Réglages des messages' },
  plan_schedule: { en: 'Planning schedule', fr: 'Planification programmée' },
  order_template: { en: 'Recurring order', fr: 'Commande récurrente' },
  automation_rule: { en: 'Automation rule', fr: 'Règle automatique' },
  api_key: { en: 'API key', fr: 'Clé d’API' },
  webhook: { en: 'Webhook', fr: 'Webhook' },
  baseline: { en: 'Savings baseline', fr: 'Référence des économies' },
  security_settings: { en: 'Security settings', fr: 'Réglages de sécurité' },
  shop_connection: { en: 'Shop connection', fr: 'Connexion de boutique' },
  customer: { en: 'Customer data', fr: 'Données client' },
};
export const ENTITY_NAMES = Object.keys(ENTITIES);

/** The screen's text function and the name of a subject in the app's language. */
export function useAuditText() {
  const { locale } = useI18n();
  const table = locale === 'fr' ? fr : en;
  return {
    locale,
    at: (key: Key, values?: Record<string, string | number>) => format(table[key], values),
    entityName: (entity: string) => ENTITIES[entity]?.[locale] ?? entity,
  };
}
