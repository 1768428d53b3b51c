/** French and English text of the driver app; French by default unless the phone says otherwise. */
import { createContext, useContext } from 'react';

const en = {
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
  pending: (n: number) => `${n} waiting to be sent`,
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
  arriveAt: (hhmm: string) => `arrive ${hhmm}, wait`,
  stop: 'Stop',
  stops: 'stops',
  done: 'done',
  distance: (km: string) => `${km} km`,
  changedBanner: (v: number) => `Your route changed (version ${v})`,
  changes: (added: number, removed: number, moved: boolean) =>
    [added ? `${added} added` : '', removed ? `${removed} removed` : '', moved ? 'order changed' : '']
      .filter(Boolean)
      .join(', ') || 'times changed',
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
  status: {
    pending: 'To do',
    arrived: 'Arrived',
    delivered: 'Delivered',
    failed: 'Failed',
    skipped: 'Skipped',
  } as Record<string, string>,
  language: 'Français',
  map: 'Map of the stops',
  anyTime: 'Any time',
  distanceLabel: 'Distance',
  breakLabel: 'Break',
  breakSpan: (from: string, to: string) => `Break ${from}–${to}`,
  breakFirst: (from: string, to: string) => `Break planned ${from}–${to} before this stop`,
  viewList: 'List',
  viewNext: 'Next stop',
  progress: (done: number, total: number) => `${done} of ${total} done`,
  allDone: 'All stops are done. Thank you!',
  /** The organisation's own dimension names, put in the app's language when they are the usual ones. */
  /** The two stops of a pickup and delivery order. */
  kind: { pickup: 'Pickup', delivery: 'Delivery' },
  /** A pickup stop's primary button and its done status. */
  pickedUp: 'Picked up',
  pickupProofTitle: 'Proof of pickup',
  dimension: {} as Record<string, string>,
};

export type Messages = typeof en;

const fr: Messages = {
  ...en,
  signIn: 'Se connecter',
  signInHelp: 'Ouvrez le lien envoyé par votre exploitant, ou saisissez le code.',
  signingIn: 'Connexion…',
  signOut: 'Se déconnecter',
  today: "Aujourd'hui",
  noRoute: "Aucune tournée publiée pour vous aujourd'hui.",
  loading: 'Chargement de la tournée…',
  offline: 'Hors ligne — tout est gardé sur le téléphone et envoyé plus tard',
  pending: (n) => `${n} en attente d'envoi`,
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
  arriveAt: (hhmm) => `arrivée ${hhmm}, attendre`,
  stop: 'Arrêt',
  stops: 'arrêts',
  done: 'faits',
  changedBanner: (v) => `Votre tournée a changé (version ${v})`,
  changes: (added, removed, moved) =>
    [added ? `${added} ajouté(s)` : '', removed ? `${removed} retiré(s)` : '', moved ? 'ordre modifié' : '']
      .filter(Boolean)
      .join(', ') || 'horaires modifiés',
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
  status: { pending: 'À faire', arrived: 'Sur place', delivered: 'Livré', failed: 'Échec', skipped: 'Passé' },
  language: 'English',
  map: 'Carte des arrêts',
  anyTime: 'Toute la journée',
  distanceLabel: 'Distance',
  breakLabel: 'Pause',
  breakSpan: (from, to) => `Pause ${from}–${to}`,
  breakFirst: (from, to) => `Pause prévue ${from}–${to} avant cet arrêt`,
  viewList: 'Liste',
  viewNext: 'Prochain arrêt',
  progress: (done, total) => `${done} sur ${total} faits`,
  allDone: 'Tous les arrêts sont faits. Merci !',
  kind: { pickup: 'Enlèvement', delivery: 'Livraison' },
  pickedUp: 'Enlevé',
  pickupProofTitle: 'Preuve d’enlèvement',
  dimension: { parcels: 'colis', parcel: 'colis', pallets: 'palettes', pallet: 'palettes', items: 'articles' },
};

export type Locale = 'fr' | 'en';
export const MESSAGES: Record<Locale, Messages> = { fr, en };

/** The saved choice, else the phone's language. */
export function initialLocale(): Locale {
  const saved = localStorage.getItem('tournee.locale');
  if (saved === 'fr' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export const I18n = createContext<{ t: Messages; locale: Locale; setLocale(l: Locale): void }>({
  t: fr,
  locale: 'fr',
  setLocale() {},
});

export const useI18n = () => useContext(I18n);
