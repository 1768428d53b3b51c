/**
 * Message templates, French and English: one short SMS and one email (text + HTML) per trigger,
 * with the customer's name, the announced band or the ETA (a service start, never a bare arrival:
 * see triggers.ts), and the tracking link. A band outside the slot the customer booked says so.
 */
import {
  chooseLanguage,
  formatMessage,
  intlLocale,
  type Language,
  type MessageValues,
  type NotifyTrigger,
  utcToLocal,
} from '@tournee/shared';

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

type Lang = Language;
/** The language of a customer's locale ('fr-FR' → fr); English for any other. */
export const langOf = (locale: string): Lang => chooseLanguage(locale, 'en');

interface Said {
  subject: string;
  body: string;
}

/**
 * The words of every message. Values: {name} the customer, {org} the organisation, {day} {from}
 * {to} the announced band (for `rescheduled`: the new day and its window), {eta}, {stops} (a
 * plural), and the sentence parts below: {outside}, {because}, {next}, {window}.
 */
const TEXT: Record<
  Lang,
  Record<NotifyTrigger, Said> & {
    outsideLate: string;
    outsideEarly: string;
    because: string;
    rebook: string;
    pickDay: string;
    newWindow: string;
    code: string;
    follow: string;
    reasons: Record<string, string>;
  }
> = {
  fr: {
    published: {
      subject: 'Votre livraison {day}',
      body: 'Bonjour {name}, votre livraison {org} est prévue {day} entre {from} et {to}.{outside}',
    },
    started: {
      subject: 'Votre livreur est parti',
      body: 'Bonjour {name}, votre livreur {org} a commencé sa tournée. Arrivée estimée entre {from} et {to}.{outside}',
    },
    next: {
      subject: 'Vous êtes le prochain',
      body: 'Bonjour {name}, vous êtes le prochain : votre livreur arrive vers {eta}.{outside}',
    },
    proximity: {
      subject: 'Votre livreur approche',
      body: 'Bonjour {name}, votre livreur {org} est à {stops, plural, one {# arrêt} other {# arrêts}} de chez vous : arrivée vers {eta}.{outside}',
    },
    eta_moved: {
      subject: 'Nouvelle heure d’arrivée',
      body: 'Bonjour {name}, nouvelle estimation : votre livraison arrivera entre {from} et {to}.{outside}',
    },
    delivered: {
      subject: 'Colis livré',
      body: 'Bonjour {name}, votre commande {org} a été livrée. Preuve de livraison et avis :',
    },
    failed: {
      subject: 'Livraison impossible',
      body: 'Bonjour {name}, nous n’avons pas pu livrer votre commande{because}. {next}',
    },
    rescheduled: {
      subject: 'Livraison reprogrammée au {day}',
      body: 'Bonjour {name}, c’est noté : votre livraison {org} est reprogrammée au {day}{window}. Vous recevrez l’heure de passage dès que la tournée sera prête.',
    },
    outsideLate: ' C’est après le créneau que vous aviez réservé ({booked}) : nous sommes désolés du retard.',
    outsideEarly: ' C’est avant le créneau que vous aviez réservé ({booked}).',
    because: ' ({reason})',
    rebook: 'Pour reprogrammer : {rebook}.',
    pickDay: 'Choisissez un autre jour sur la page de suivi.',
    newWindow: ' entre {from} et {to}',
    code: ' Code de livraison : {code} (à donner au livreur).',
    follow: 'Suivre la livraison',
    reasons: {
      absent: 'personne n’était présent',
      refused: 'le colis a été refusé',
      address_not_found: 'l’adresse est introuvable',
      no_access: 'l’accès était impossible',
      damaged: 'le colis est endommagé',
    },
  },
  en: {
    published: {
      subject: 'Your delivery on {day}',
      body: 'Hello {name}, your {org} delivery is planned on {day} between {from} and {to}.{outside}',
    },
    started: {
      subject: 'Your driver is on the way',
      body: 'Hello {name}, your {org} driver has started the round. Expected between {from} and {to}.{outside}',
    },
    next: {
      subject: 'You are next',
      body: 'Hello {name}, you are next: your driver arrives around {eta}.{outside}',
    },
    proximity: {
      subject: 'Your driver is close',
      body: 'Hello {name}, your {org} driver is {stops, plural, one {# stop} other {# stops}} away: arriving around {eta}.{outside}',
    },
    eta_moved: {
      subject: 'New arrival time',
      body: 'Hello {name}, new estimate: your delivery now arrives between {from} and {to}.{outside}',
    },
    delivered: {
      subject: 'Delivered',
      body: 'Hello {name}, your {org} order was delivered. Proof of delivery and rating:',
    },
    failed: {
      subject: 'Delivery failed',
      body: 'Hello {name}, we could not deliver your order{because}. {next}',
    },
    rescheduled: {
      subject: 'Delivery moved to {day}',
      body: 'Hello {name}, done: your {org} delivery is moved to {day}{window}. You will get the time of the visit once the round is ready.',
    },
    outsideLate: ' That is after the slot you booked ({booked}); sorry for the delay.',
    outsideEarly: ' That is before the slot you booked ({booked}).',
    because: ' ({reason})',
    rebook: 'To re-book: {rebook}.',
    pickDay: 'Pick another day on the tracking page.',
    newWindow: ' between {from} and {to}',
    code: ' Delivery code: {code} (give it to the driver).',
    follow: 'Track the delivery',
    reasons: {
      absent: 'nobody was in',
      refused: 'the parcel was refused',
      address_not_found: 'the address could not be found',
      no_access: 'the address could not be reached',
      damaged: 'the parcel is damaged',
    },
  },
};

const say = (template: string, values: MessageValues, lang: Lang) => formatMessage(template, values, intlLocale(lang));

/** A local date 'YYYY-MM-DD' as "jeudi 3 décembre" / "Thursday 3 December". */
function dateOf(localDate: string | undefined, lang: Lang): string {
  if (!localDate) return '';
  const parts = new Intl.DateTimeFormat(intlLocale(lang), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).formatToParts(new Date(`${localDate}T12:00:00Z`));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')}`;
}

/** The wall-clock time 'HH:MM' of an instant in the depot's zone. */
const time = (ms: number | undefined, v: MessageVars) => (ms === undefined ? '' : utcToLocal(ms, v.timeZone).localTime);
/** The day of an instant in the depot's zone, in words. */
const day = (ms: number | undefined, v: MessageVars, lang: Lang) =>
  ms === undefined ? '' : dateOf(utcToLocal(ms, v.timeZone).localDate, lang);

function lines(t: NotifyTrigger, v: MessageVars, lang: Lang): Said {
  const text = TEXT[lang];
  const booked = (v.booked ?? []).map((b) => `${time(b.from, v)}–${time(b.to, v)}`).join(', ');
  const outside =
    v.outside && booked ? say(v.outside === 'late' ? text.outsideLate : text.outsideEarly, { booked }, lang) : '';
  const reason = v.reason ? (text.reasons[v.reason] ?? v.reason) : null;
  const moved = t === 'rescheduled';
  const values: MessageValues = {
    name: v.name,
    org: v.orgName,
    day: moved ? dateOf(v.newDate, lang) : day(v.windowFrom, v, lang),
    from: time(v.windowFrom, v),
    to: time(v.windowTo, v),
    eta: time(v.eta, v),
    stops: v.stopsAway ?? 1,
    outside,
    because: reason ? say(text.because, { reason }, lang) : '',
    next: v.rebook ? say(text.rebook, { rebook: v.rebook }, lang) : text.pickDay,
    window: v.newWindow?.start ? say(text.newWindow, { from: v.newWindow.start, to: v.newWindow.end }, lang) : '',
  };
  return { subject: say(text[t].subject, values, lang), body: say(text[t].body, values, lang) };
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
  return say(TEXT[lang].code, { code }, lang);
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The SMS and email of one trigger for one customer. */
export function renderMessage(trigger: NotifyTrigger, locale: string, v: MessageVars): Message {
  const lang = langOf(locale);
  const { subject, body: said } = lines(trigger, v, lang);
  const body = `${said}${codeText(trigger, v.deliveryCode, lang)}`;
  const follow = TEXT[lang].follow;
  const colon = lang === 'fr' ? '\u00a0:' : ':'; // French puts a (non-breaking) space before a colon
  return {
    sms: `${body} ${v.link}`,
    subject: `${v.orgName} – ${subject}`,
    text: `${body}\n\n${follow}${colon} ${v.link}\n`,
    html: `<!doctype html><html lang="${lang}"><body style="font-family:sans-serif"><p>${escapeHtml(body)}</p><p><a href="${escapeHtml(v.link)}">${follow}</a></p></body></html>`,
  };
}
