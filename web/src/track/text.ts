/** The tracking page's words, French or English after the phone's language. */
import type { TrackStatus } from '@tournee/shared';

export const lang: 'fr' | 'en' = navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';

const T = {
  fr: {
    scheduled: 'Livraison prévue',
    on_the_way: 'Votre livreur est en route',
    arrived: 'Votre livreur est arrivé',
    delivered: 'Livré',
    failed: 'Livraison impossible',
    cancelled: 'Commande annulée',
    window: 'Créneau',
    eta: 'Arrivée estimée',
    stale: 'Position du livreur non reçue depuis plusieurs minutes : estimation peut-être dépassée.',
    before: (n: number) => (n === 0 ? 'Vous êtes le prochain.' : `${n} arrêt${n > 1 ? 's' : ''} avant vous.`),
    rate: 'Votre avis',
    comment: 'Un commentaire ?',
    send: 'Envoyer',
    thanks: 'Merci pour votre avis !',
    receivedBy: 'Reçu par',
    reason: 'Motif',
    stop: 'Ne plus recevoir de messages',
    stopped: 'Vous ne recevrez plus de messages pour cette livraison.',
  },
  en: {
    scheduled: 'Delivery planned',
    on_the_way: 'Your driver is on the way',
    arrived: 'Your driver has arrived',
    delivered: 'Delivered',
    failed: 'Delivery failed',
    cancelled: 'Order cancelled',
    window: 'Window',
    eta: 'Expected',
    stale: 'No position from the driver for a few minutes: the estimate may be out of date.',
    before: (n: number) => (n === 0 ? 'You are next.' : `${n} stop${n > 1 ? 's' : ''} before yours.`),
    rate: 'Your rating',
    comment: 'A comment?',
    send: 'Send',
    thanks: 'Thank you for your rating!',
    receivedBy: 'Received by',
    reason: 'Reason',
    stop: 'Stop messages',
    stopped: 'You will get no more messages about this delivery.',
  },
} as const;

export const t = T[lang];
export const statusText = (s: TrackStatus) => t[s];

/** A local time (HH:MM) in the depot's zone. */
export const hhmm = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat(navigator.language, { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
export const dayOf = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat(navigator.language, { weekday: 'long', day: 'numeric', month: 'long', timeZone }).format(
    new Date(iso),
  );
