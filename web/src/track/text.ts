/**
 * The tracking page's words, French or English: `?lang=fr|en` on the link when given, else the
 * phone's language. Times and dates are written with Intl in that language.
 */
import {
  chooseLanguage,
  formatMessage,
  intlLocale as intlOf,
  type Language,
  type MessageValues,
  type TrackStatus,
} from '@tournee/shared';

/**
 * `?lang=` first (a message in French links to a French page), else the first of the phone's
 * languages the page speaks, else English.
 */
export function pageLanguage(search: string, phone: string | readonly string[]): Language {
  return chooseLanguage(
    [new URLSearchParams(search).get('lang'), ...(typeof phone === 'string' ? [phone] : phone)],
    'en',
  );
}

export const lang =
  typeof location === 'undefined' ? 'fr' : pageLanguage(location.search, navigator.languages ?? [navigator.language]);
const intlLocale = intlOf(lang);

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
    before: '{n, plural, =0 {Vous êtes le prochain.} one {# arrêt avant vous.} other {# arrêts avant vous.}}',
    rate: 'Votre avis',
    comment: 'Un commentaire ?',
    send: 'Envoyer',
    thanks: 'Merci pour votre avis !',
    receivedBy: 'Reçu par',
    reason: 'Motif',
    reasonIs: 'Motif : {why}',
    stop: 'Ne plus recevoir de messages',
    stopped: 'Vous ne recevrez plus de messages pour cette livraison.',
    pickDay: 'Choisir un autre jour',
    changeDay: 'Changer de jour',
    pickWindow: 'À quel moment ?',
    anyTime: 'Toute la journée',
    confirm: 'Confirmer',
    nextDay: 'Jour de livraison',
    confirmed: 'C’est noté : votre livraison est reprogrammée au {day}. Un message vous le confirme.',
    confirmedAt: 'C’est noté : votre livraison est reprogrammée au {day}, {window}. Un message vous le confirme.',
    between: 'entre {start} et {end}',
    reasons: {
      absent: 'personne n’était présent',
      refused: 'colis refusé',
      address_not_found: 'adresse introuvable',
      no_access: 'accès impossible',
      damaged: 'colis endommagé',
      other: 'autre motif',
    } as Record<string, string>,
    rescheduleFailed: 'Ce jour n’est plus disponible. Choisissez-en un autre.',
    tooMany: 'Trop de demandes : réessayez dans une minute.',
    notFound: 'Ce lien de suivi n’existe pas ou a expiré.',
    title: 'Suivi de livraison',
    mapLabel: 'Carte : votre adresse et le livreur',
    legendHome: 'Votre adresse',
    deliveryCode: 'Code de livraison',
    deliveryCodeHint: 'À donner au livreur à la livraison.',
    legendDriver: 'Le livreur',
    proof: { photo: 'Photo de la livraison', signature: 'Signature' } as Record<string, string>,
    stars: '{n, plural, one {# étoile sur 5} other {# étoiles sur 5}}',
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
    before: '{n, plural, =0 {You are next.} one {# stop before yours.} other {# stops before yours.}}',
    rate: 'Your rating',
    comment: 'A comment?',
    send: 'Send',
    thanks: 'Thank you for your rating!',
    receivedBy: 'Received by',
    reason: 'Reason',
    reasonIs: 'Reason: {why}',
    stop: 'Stop messages',
    stopped: 'You will get no more messages about this delivery.',
    pickDay: 'Pick another day',
    changeDay: 'Change the day',
    pickWindow: 'What time?',
    anyTime: 'Any time',
    confirm: 'Confirm',
    nextDay: 'Delivery day',
    confirmed: 'Done: your delivery is moved to {day}. A message confirms it.',
    confirmedAt: 'Done: your delivery is moved to {day}, {window}. A message confirms it.',
    between: 'between {start} and {end}',
    reasons: {
      absent: 'nobody was in',
      refused: 'parcel refused',
      address_not_found: 'address not found',
      no_access: 'no access',
      damaged: 'parcel damaged',
      other: 'another reason',
    } as Record<string, string>,
    rescheduleFailed: 'This day is no longer available. Please pick another one.',
    tooMany: 'Too many requests: try again in a minute.',
    notFound: 'This tracking link does not exist or has expired.',
    title: 'Delivery tracking',
    mapLabel: 'Map: your address and the driver',
    legendHome: 'Your address',
    deliveryCode: 'Delivery code',
    deliveryCodeHint: 'Give it to the driver at delivery.',
    legendDriver: 'The driver',
    proof: { photo: 'Photo of the delivery', signature: 'Signature' } as Record<string, string>,
    stars: '{n, plural, one {# star out of 5} other {# stars out of 5}}',
  },
} as const;

const words = T[lang];
const say = (template: string, values: MessageValues) => formatMessage(template, values, intlLocale);

/** The page's words; those with values are functions of them. */
export const t = {
  ...words,
  before: (n: number) => say(words.before, { n }),
  reasonIs: (why: string) => say(words.reasonIs, { why }),
  confirmed: (day: string, window: string | null) => say(window ? words.confirmedAt : words.confirmed, { day, window }),
  between: (w: { start: string; end: string }) => say(words.between, w),
  stars: (n: number) => say(words.stars, { n }),
};
export const statusText = (s: TrackStatus) => t[s];
/** A failure reason in words; one the page does not know (free text) is shown as it came. */
export const reasonText = (reason: string) => t.reasons[reason] ?? reason;

/** A local time (HH:MM) in the depot's zone. */
export const hhmm = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat(intlLocale, { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
export const dayOf = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat(intlLocale, { weekday: 'long', day: 'numeric', month: 'long', timeZone }).format(
    new Date(iso),
  );

/** A calendar day 'YYYY-MM-DD' as words ("mardi 8 décembre"), whatever the phone's zone. */
export const dayName = (localDate: string) =>
  new Intl.DateTimeFormat(intlLocale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${localDate}T12:00:00Z`));

/** A window of local times as shown: "12:00 – 17:00". */
export const windowText = (w: { start: string; end: string }) => `${w.start} – ${w.end}`;
