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
    rescheduled: 'Livraison reprogrammée',
    cancelled: 'Commande annulée',
    window: 'Passage annoncé',
    booked: 'Créneau réservé',
    outside: {
      early: 'Avant le créneau que vous aviez réservé.',
      late: 'Après le créneau que vous aviez réservé : nous sommes désolés du retard.',
    },
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
    pickDay: 'Choisir un autre jour',
    changeDay: 'Changer de jour',
    pickWindow: 'À quel moment ?',
    anyTime: 'Toute la journée',
    confirm: 'Confirmer',
    nextDay: 'Jour de livraison',
    confirmed: (day: string, window: string | null) =>
      `C’est noté : votre livraison est reprogrammée au ${day}${window ? `, ${window}` : ''}. Un message vous le confirme.`,
    between: (w: { start: string; end: string }) => `entre ${w.start} et ${w.end}`,
    reasons: {
      absent: 'personne n’était présent',
      refused: 'colis refusé',
      address_not_found: 'adresse introuvable',
      no_access: 'accès impossible',
      damaged: 'colis endommagé',
    } as Record<string, string>,
    rescheduleFailed: 'Ce jour n’est plus disponible. Choisissez-en un autre.',
    tooMany: 'Trop de demandes : réessayez dans une minute.',
  },
  en: {
    scheduled: 'Delivery planned',
    on_the_way: 'Your driver is on the way',
    arrived: 'Your driver has arrived',
    delivered: 'Delivered',
    failed: 'Delivery failed',
    rescheduled: 'Delivery rescheduled',
    cancelled: 'Order cancelled',
    window: 'Announced time',
    booked: 'Slot you booked',
    outside: { early: 'Before the slot you booked.', late: 'After the slot you booked; sorry for the delay.' },
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
    pickDay: 'Pick another day',
    changeDay: 'Change the day',
    pickWindow: 'What time?',
    anyTime: 'Any time',
    confirm: 'Confirm',
    nextDay: 'Delivery day',
    confirmed: (day: string, window: string | null) =>
      `Done: your delivery is moved to ${day}${window ? `, ${window}` : ''}. A message confirms it.`,
    between: (w: { start: string; end: string }) => `between ${w.start} and ${w.end}`,
    reasons: {
      absent: 'nobody was in',
      refused: 'parcel refused',
      address_not_found: 'address not found',
      no_access: 'no access',
      damaged: 'parcel damaged',
    } as Record<string, string>,
    rescheduleFailed: 'This day is no longer available. Please pick another one.',
    tooMany: 'Too many requests: try again in a minute.',
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

/** A calendar day 'YYYY-MM-DD' as words ("mardi 8 décembre"), whatever the phone's zone. */
export const dayName = (localDate: string) =>
  new Intl.DateTimeFormat(navigator.language, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${localDate}T12:00:00Z`));

/** A window of local times as shown: "12:00 – 17:00". */
export const windowText = (w: { start: string; end: string }) => `${w.start} – ${w.end}`;
