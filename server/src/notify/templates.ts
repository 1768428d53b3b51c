/**
 * Message templates, French and English: one short SMS and one email (text + HTML) per trigger,
 * with the customer's name, the announced band or the ETA (a service start, never a bare arrival:
 * see triggers.ts), and the tracking link. A band outside the slot the customer booked says so.
 */
import type { NotifyTrigger } from '@tournee/shared';
import { DateTime } from 'luxon';

export interface MessageVars {
  name: string;
  orgName: string;
  timeZone: string;
  /** The announced band (instants, ms): inside the booked slot unless `outside` says otherwise. */
  windowFrom?: number;
  windowTo?: number;
  /** The band (or the ETA) is before every booked window, or past the one it missed. */
  outside?: 'early' | 'late' | null;
  /** The booked windows that day (instants, ms), named when the band is outside them. */
  booked?: { from: number; to: number }[];
  /** The expected service start (ms). */
  eta?: number;
  link: string;
  reason?: string | null;
  rebook?: string | null;
  /** `proximity`: how many stops the driver still makes before this one. */
  stopsAway?: number;
  /** The day (and window, local times) a delivery was moved to (`rescheduled`). */
  newDate?: string;
  newWindow?: { start: string; end: string } | null;
  /** The order's delivery code, when the delivery requires it: said in the messages before delivery. */
  deliveryCode?: string | null;
}

export interface Message {
  sms: string;
  subject: string;
  text: string;
  html: string;
}

type Lang = 'fr' | 'en';
export const langOf = (locale: string): Lang => (locale.toLowerCase().startsWith('fr') ? 'fr' : 'en');

const time = (ms: number | undefined, v: MessageVars, lang: Lang) =>
  ms === undefined ? '' : DateTime.fromMillis(ms, { zone: v.timeZone }).setLocale(lang).toFormat('HH:mm');
const day = (ms: number | undefined, v: MessageVars, lang: Lang) =>
  ms === undefined ? '' : DateTime.fromMillis(ms, { zone: v.timeZone }).setLocale(lang).toFormat('cccc d LLLL');

const dateOf = (localDate: string | undefined, lang: Lang) =>
  localDate ? DateTime.fromISO(localDate).setLocale(lang).toFormat('cccc d LLLL') : '';

const REASONS: Record<Lang, Record<string, string>> = {
  fr: {
    absent: 'personne n’était présent',
    refused: 'le colis a été refusé',
    address_not_found: 'l’adresse est introuvable',
    no_access: 'l’accès était impossible',
    damaged: 'le colis est endommagé',
  },
  en: {
    absent: 'nobody was in',
    refused: 'the parcel was refused',
    address_not_found: 'the address could not be found',
    no_access: 'the address could not be reached',
    damaged: 'the parcel is damaged',
  },
};

function lines(t: NotifyTrigger, v: MessageVars, lang: Lang): { subject: string; body: string } {
  const w = { d: day(v.windowFrom, v, lang), f: time(v.windowFrom, v, lang), t: time(v.windowTo, v, lang) };
  const eta = time(v.eta, v, lang);
  const reason = v.reason ? (REASONS[lang][v.reason] ?? v.reason) : null;
  const moved = { d: dateOf(v.newDate, lang), f: v.newWindow?.start, t: v.newWindow?.end };
  const booked = (v.booked ?? []).map((b) => `${time(b.from, v, lang)}–${time(b.to, v, lang)}`).join(', ');
  const off = outsideText(v.outside, booked, lang);
  if (lang === 'fr') {
    switch (t) {
      case 'published':
        return {
          subject: `Votre livraison ${w.d}`,
          body: `Bonjour ${v.name}, votre livraison ${v.orgName} est prévue ${w.d} entre ${w.f} et ${w.t}.${off}`,
        };
      case 'started':
        return {
          subject: 'Votre livreur est parti',
          body: `Bonjour ${v.name}, votre livreur ${v.orgName} a commencé sa tournée. Arrivée estimée entre ${w.f} et ${w.t}.${off}`,
        };
      case 'next':
        return {
          subject: 'Vous êtes le prochain',
          body: `Bonjour ${v.name}, vous êtes le prochain : votre livreur arrive vers ${eta}.${off}`,
        };
      case 'proximity':
        return {
          subject: 'Votre livreur approche',
          body: `Bonjour ${v.name}, votre livreur ${v.orgName} est à ${v.stopsAway ?? 1} arrêt${(v.stopsAway ?? 1) > 1 ? 's' : ''} de chez vous : arrivée vers ${eta}.${off}`,
        };
      case 'eta_moved':
        return {
          subject: 'Nouvelle heure d’arrivée',
          body: `Bonjour ${v.name}, nouvelle estimation : votre livraison arrivera entre ${w.f} et ${w.t}.${off}`,
        };
      case 'delivered':
        return {
          subject: 'Colis livré',
          body: `Bonjour ${v.name}, votre commande ${v.orgName} a été livrée. Preuve de livraison et avis :`,
        };
      case 'failed':
        return {
          subject: 'Livraison impossible',
          body: `Bonjour ${v.name}, nous n’avons pas pu livrer votre commande${reason ? ` (${reason})` : ''}. ${v.rebook ? `Pour reprogrammer : ${v.rebook}.` : 'Choisissez un autre jour sur la page de suivi.'}`,
        };
      case 'rescheduled':
        return {
          subject: `Livraison reprogrammée au ${moved.d}`,
          body: `Bonjour ${v.name}, c’est noté : votre livraison ${v.orgName} est reprogrammée au ${moved.d}${moved.f ? ` entre ${moved.f} et ${moved.t}` : ''}. Vous recevrez l’heure de passage dès que la tournée sera prête.`,
        };
    }
  }
  switch (t) {
    case 'published':
      return {
        subject: `Your delivery on ${w.d}`,
        body: `Hello ${v.name}, your ${v.orgName} delivery is planned on ${w.d} between ${w.f} and ${w.t}.${off}`,
      };
    case 'started':
      return {
        subject: 'Your driver is on the way',
        body: `Hello ${v.name}, your ${v.orgName} driver has started the round. Expected between ${w.f} and ${w.t}.${off}`,
      };
    case 'next':
      return {
        subject: 'You are next',
        body: `Hello ${v.name}, you are next: your driver arrives around ${eta}.${off}`,
      };
    case 'proximity':
      return {
        subject: 'Your driver is close',
        body: `Hello ${v.name}, your ${v.orgName} driver is ${v.stopsAway ?? 1} stop${(v.stopsAway ?? 1) > 1 ? 's' : ''} away: arriving around ${eta}.${off}`,
      };
    case 'eta_moved':
      return {
        subject: 'New arrival time',
        body: `Hello ${v.name}, new estimate: your delivery now arrives between ${w.f} and ${w.t}.${off}`,
      };
    case 'delivered':
      return {
        subject: 'Delivered',
        body: `Hello ${v.name}, your ${v.orgName} order was delivered. Proof of delivery and rating:`,
      };
    case 'failed':
      return {
        subject: 'Delivery failed',
        body: `Hello ${v.name}, we could not deliver your order${reason ? ` (${reason})` : ''}. ${v.rebook ? `To re-book: ${v.rebook}.` : 'Pick another day on the tracking page.'}`,
      };
    case 'rescheduled':
      return {
        subject: `Delivery moved to ${moved.d}`,
        body: `Hello ${v.name}, done: your ${v.orgName} delivery is moved to ${moved.d}${moved.f ? ` between ${moved.f} and ${moved.t}` : ''}. You will get the time of the visit once the round is ready.`,
      };
  }
}

/** Said plainly when the time told is outside the slot the customer booked. */
function outsideText(outside: 'early' | 'late' | null | undefined, booked: string, lang: Lang): string {
  if (!outside || !booked) return '';
  if (lang === 'fr')
    return outside === 'late'
      ? ` C’est après le créneau que vous aviez réservé (${booked}) : nous sommes désolés du retard.`
      : ` C’est avant le créneau que vous aviez réservé (${booked}).`;
  return outside === 'late'
    ? ` That is after the slot you booked (${booked}); sorry for the delay.`
    : ` That is before the slot you booked (${booked}).`;
}

// The messages that announce a coming delivery: the customer will need the code at the door.
const CODE_TRIGGERS: readonly NotifyTrigger[] = [
  'published',
  'started',
  'next',
  'proximity',
  'eta_moved',
  'rescheduled',
];

/** " Code de livraison : 4821." — given to the driver at the door. */
function codeText(t: NotifyTrigger, code: string | null | undefined, lang: Lang): string {
  if (!code || !CODE_TRIGGERS.includes(t)) return '';
  return lang === 'fr'
    ? ` Code de livraison : ${code} (à donner au livreur).`
    : ` Delivery code: ${code} (give it to the driver).`;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The SMS and email of one trigger for one customer. */
export function renderMessage(trigger: NotifyTrigger, locale: string, v: MessageVars): Message {
  const lang = langOf(locale);
  const { subject, body: said } = lines(trigger, v, lang);
  const body = `${said}${codeText(trigger, v.deliveryCode, lang)}`;
  const follow = lang === 'fr' ? 'Suivre la livraison' : 'Track the delivery';
  const colon = lang === 'fr' ? '\u00a0:' : ':'; // French puts a (non-breaking) space before a colon
  return {
    sms: `${body} ${v.link}`,
    subject: `${v.orgName} – ${subject}`,
    text: `${body}\n\n${follow}${colon} ${v.link}\n`,
    html: `<!doctype html><html lang="${lang}"><body style="font-family:sans-serif"><p>${escapeHtml(body)}</p><p><a href="${escapeHtml(v.link)}">${follow}</a></p></body></html>`,
  };
}
