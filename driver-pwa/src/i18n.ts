/**
 * French and English text of the driver app: the saved choice, else the first of the phone's
 * languages the app speaks, else English. Messages with values are templates (shared's
 * formatMessage: `{n}`, plurals) turned into functions: `t.pending(3)`.
 */
import { chooseLanguage, intlLocale, type Language, messageFunctions, STOP_WORDS } from '@tournee/shared';
import { createContext, useContext } from 'react';

/** The messages with values: the names of their values in argument order, one list for both languages. */
const PARAMS = {
  pending: ['n'],
  arriveWait: ['time'],
  distance: ['km'],
  changedBanner: ['version'],
  added: ['n'],
  removed: ['n'],
  breakSpan: ['from', 'to'],
  breakFirst: ['from', 'to'],
  reloadSpan: ['from', 'to'],
  reloadFirst: ['from', 'to'],
  progress: ['done', 'total'],
} as const;
type Templates = Record<keyof typeof PARAMS, string>;

const enTemplates: Templates = {
  pending: '{n} waiting to be sent',
  arriveWait: STOP_WORDS.en.arriveWait,
  distance: '{km} km',
  changedBanner: 'Your route changed (version {version})',
  added: '{n} added',
  removed: '{n} removed',
  breakSpan: 'Break {from}–{to}',
  breakFirst: 'Break planned {from}–{to} before this stop',
  reloadSpan: 'Reload at the depot {from}–{to}',
  reloadFirst: 'Back to the depot to reload {from}–{to} before this stop',
  progress: '{done} of {total} done',
};

const frTemplates: Templates = {
  pending: "{n} en attente d'envoi",
  arriveWait: STOP_WORDS.fr.arriveWait,
  distance: '{km} km',
  changedBanner: 'Votre tournée a changé (version {version})',
  // The participles agree with the stops (arrêts), which English words need not do.
  added: '{n, plural, one {# ajouté} other {# ajoutés}}',
  removed: '{n, plural, one {# retiré} other {# retirés}}',
  breakSpan: 'Pause {from}–{to}',
  breakFirst: 'Pause prévue {from}–{to} avant cet arrêt',
  reloadSpan: 'Rechargement au dépôt {from}–{to}',
  reloadFirst: 'Retour au dépôt pour recharger {from}–{to} avant cet arrêt',
  progress: '{done} sur {total} faits',
};

// A stop's status, kind, load, break and reload are worded as on the printed route sheet.
const enWords = {
  ...STOP_WORDS.en,
  appName: 'Tournée',
  signIn: 'Sign in',
  signInHelp: 'Open the link your dispatcher sent you, or type the code.',
  code: 'Code',
  signingIn: 'Signing in…',
  signOut: 'Sign out',
  today: 'Today',
  noRoute: 'No route published for you today.',
  loading: 'Loading your route…',
  offline: 'Offline — everything is saved on the phone and sent later',
  allSent: 'All sent',
  startRoute: 'Start route',
  routeStarted: 'Route started',
  arrived: 'Arrived',
  delivered: 'Delivered',
  failed: 'Failed',
  skipped: 'Skip',
  navigate: 'Navigate',
  call: 'Call',
  window: 'Window',
  eta: 'Planned',
  stop: 'Stop',
  stops: 'stops',
  done: 'done',
  /** In "Your route changed": the stops were put in another order; nothing but the times changed. */
  reordered: 'order changed',
  timesChanged: 'times changed',
  dismiss: 'OK',
  /** Before the server's reason for an event it refused for good (e.g. a route started on another day). */
  notAccepted: 'Not accepted',
  proofTitle: 'Proof of delivery',
  photo: 'Photo',
  signature: 'Signature',
  clear: 'Clear',
  recipient: 'Recipient name',
  note: 'Note',
  confirm: 'Confirm',
  cancel: 'Cancel',
  failTitle: 'Delivery failed',
  reason: 'Reason',
  reasons: {
    absent: 'Nobody home',
    refused: 'Refused',
    address_not_found: 'Address not found',
    no_access: 'No access',
    damaged: 'Damaged goods',
    other: 'Other',
  } as Record<string, string>,
  language: 'Français',
  map: 'Map of the stops',
  anyTime: 'Any time',
  distanceLabel: 'Distance',
  viewList: 'List',
  viewNext: 'Next stop',
  allDone: 'All stops are done. Thank you!',
  pickupProofTitle: 'Proof of pickup',
};

const frWords: typeof enWords = {
  ...enWords,
  ...STOP_WORDS.fr,
  signIn: 'Se connecter',
  signInHelp: 'Ouvrez le lien envoyé par votre exploitant, ou saisissez le code.',
  signingIn: 'Connexion…',
  signOut: 'Se déconnecter',
  today: "Aujourd'hui",
  noRoute: "Aucune tournée publiée pour vous aujourd'hui.",
  loading: 'Chargement de la tournée…',
  offline: 'Hors ligne — tout est gardé sur le téléphone et envoyé plus tard',
  allSent: 'Tout est envoyé',
  startRoute: 'Démarrer la tournée',
  routeStarted: 'Tournée démarrée',
  arrived: 'Arrivé',
  delivered: 'Livré',
  failed: 'Échec',
  skipped: 'Passer',
  navigate: 'Itinéraire',
  call: 'Appeler',
  window: 'Créneau',
  eta: 'Prévu',
  stop: 'Arrêt',
  stops: 'arrêts',
  done: 'faits',
  reordered: 'ordre modifié',
  timesChanged: 'horaires modifiés',
  notAccepted: 'Refusé par le serveur',
  proofTitle: 'Preuve de livraison',
  signature: 'Signature',
  clear: 'Effacer',
  recipient: 'Nom du destinataire',
  note: 'Remarque',
  confirm: 'Valider',
  cancel: 'Annuler',
  failTitle: 'Livraison en échec',
  reason: 'Motif',
  reasons: {
    absent: 'Absent',
    refused: 'Refusé',
    address_not_found: 'Adresse introuvable',
    no_access: "Pas d'accès",
    damaged: 'Colis abîmé',
    other: 'Autre',
  },
  language: 'English',
  map: 'Carte des arrêts',
  anyTime: 'Toute la journée',
  distanceLabel: 'Distance',
  viewList: 'Liste',
  viewNext: 'Prochain arrêt',
  allDone: 'Tous les arrêts sont faits. Merci !',
  pickupProofTitle: 'Preuve d’enlèvement',
};

/** One language's words, its templates as functions, and what a route change did in words. */
function messages(words: typeof enWords, templates: Templates, language: Language) {
  const f = messageFunctions(PARAMS, templates, intlLocale(language));
  return {
    ...words,
    ...f,
    changes: (added: number, removed: number, moved: boolean) =>
      [added ? f.added(added) : '', removed ? f.removed(removed) : '', moved ? words.reordered : '']
        .filter(Boolean)
        .join(', ') || words.timesChanged,
  };
}

export type Messages = ReturnType<typeof messages>;
export type Locale = Language;
const fr = messages(frWords, frTemplates, 'fr');
export const MESSAGES: Record<Locale, Messages> = { fr, en: messages(enWords, enTemplates, 'en') };

/** The saved choice, else the first of the phone's languages the app speaks, else English. */
export function initialLocale(): Locale {
  return chooseLanguage(
    [localStorage.getItem('tournee.locale'), ...(navigator.languages ?? [navigator.language])],
    'en',
  );
}

export const I18n = createContext<{ t: Messages; locale: Locale; setLocale(l: Locale): void }>({
  t: fr,
  locale: 'fr',
  setLocale() {},
});

export const useI18n = () => useContext(I18n);
