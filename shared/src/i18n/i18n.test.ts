import { describe, expect, it } from 'vitest';
import { acceptLanguageTags, chooseLanguage, intlLocale, languageOf } from './language.ts';
import { formatMessage, messageFunctions, selectPlural, translate } from './message.ts';

// Intl separates thousands (in French) with a narrow no-break space.
const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('choosing the language', () => {
  it('reads an Accept-Language header by weight, keeping the order of equal weights', () => {
    expect(acceptLanguageTags('de-CH, fr;q=0.9, en;q=0.95, *;q=0.1')).toEqual(['de-CH', 'en', 'fr']);
    expect(acceptLanguageTags('en-GB, fr')).toEqual(['en-GB', 'fr']);
    expect(acceptLanguageTags('fr;q=0, en')).toEqual(['en']);
    expect(acceptLanguageTags('')).toEqual([]);
    expect(acceptLanguageTags(undefined)).toEqual([]);
  });

  it('takes the first supported language of the header, not its first tag', () => {
    expect(chooseLanguage('de-DE,de;q=0.9,fr;q=0.8,en;q=0.7', 'en')).toBe('fr');
    expect(chooseLanguage('fr-FR,fr;q=0.9', 'en')).toBe('fr');
    expect(chooseLanguage('en-GB', 'fr')).toBe('en');
    expect(chooseLanguage('fr;q=0, en;q=0.5', 'fr')).toBe('en');
  });

  it('puts a setting before the browser, and skips what is empty or unsupported', () => {
    expect(chooseLanguage(['en', 'fr-FR', 'fr'], 'fr')).toBe('en');
    expect(chooseLanguage([null, '', 'de', 'EN-us'], 'fr')).toBe('en');
    expect(chooseLanguage([undefined, 'fr_CA'], 'en')).toBe('fr');
  });

  it('answers the fallback when nothing names a supported language', () => {
    expect(chooseLanguage(['de-DE', 'es'], 'fr')).toBe('fr');
    expect(chooseLanguage(['de-DE', 'es'], 'en')).toBe('en');
    expect(chooseLanguage(null, 'fr')).toBe('fr');
    expect(chooseLanguage('*', 'en')).toBe('en');
    // A word that only starts like a language is not one.
    expect(chooseLanguage('english', 'fr')).toBe('fr');
    expect(languageOf('french')).toBeNull();
  });

  it('formats with the reader’s own variant of the language when they have one', () => {
    expect(intlLocale('en', 'en-US')).toBe('en-US');
    expect(intlLocale('en', 'fr-FR')).toBe('en-GB');
    expect(intlLocale('fr', ['de', 'fr-ca'])).toBe('fr-CA');
    expect(intlLocale('fr', 'en-GB')).toBe('fr-FR');
    expect(intlLocale('fr', undefined)).toBe('fr-FR');
  });
});

describe('formatting a message', () => {
  const stops = '{n, plural, one {# arrêt} other {# arrêts}}';
  const enStops = '{n, plural, one {# stop} other {# stops}}';

  it('fills placeholders, numbers written in the locale', () => {
    expect(formatMessage('Bonjour {name}, {n} colis', { name: 'Chloé', n: 1234.5 }, 'fr-FR')).toMatch(
      /^Bonjour Chloé, 1\s234,5 colis$/,
    );
    expect(formatMessage('{n} parcels', { n: 1234.5 }, 'en-GB')).toBe('1,234.5 parcels');
    expect(formatMessage('{n} parcels', { n: 1234.5 })).toBe('1234.5 parcels');
    expect(formatMessage('{ name }!', { name: 'Lyon' })).toBe('Lyon!');
  });

  it('treats 0 and 1 as singular in French, only 1 in English', () => {
    expect(formatMessage(stops, { n: 0 }, 'fr')).toBe('0 arrêt');
    expect(formatMessage(stops, { n: 1 }, 'fr')).toBe('1 arrêt');
    expect(formatMessage(stops, { n: 2 }, 'fr')).toBe('2 arrêts');
    expect(formatMessage(enStops, { n: 0 }, 'en')).toBe('0 stops');
    expect(formatMessage(enStops, { n: 1 }, 'en')).toBe('1 stop');
    expect(formatMessage(enStops, { n: 2 }, 'en')).toBe('2 stops');
    expect(spaces(formatMessage(stops, { n: 2500 }, 'fr-FR'))).toBe('2 500 arrêts');
    // A category the message does not have ("many", French millions) falls back on `other`.
    expect(spaces(formatMessage(stops, { n: 1_000_000 }, 'fr-FR'))).toBe('1 000 000 arrêts');
    expect(selectPlural('fr', 1, { one: 'a', other: 'b' })).toBe('a');
    expect(selectPlural('en', 0, { one: 'a', other: 'b' })).toBe('b');
  });

  it('prefers an exact =N form, and reads forms holding placeholders and plurals of their own', () => {
    const next = '{n, plural, =0 {Vous êtes le prochain.} one {# arrêt avant vous, à {place}.} other {# arrêts}}';
    expect(formatMessage(next, { n: 0 }, 'fr')).toBe('Vous êtes le prochain.');
    expect(formatMessage(next, { n: 1, place: 'Lyon' }, 'fr')).toBe('1 arrêt avant vous, à Lyon.');
    const nested = '{r, plural, one {# tournée ({s, plural, one {# arrêt} other {# arrêts}})} other {# tournées}}';
    expect(formatMessage(nested, { r: 1, s: 3 }, 'fr')).toBe('1 tournée (3 arrêts)');
    expect(formatMessage('{n, plural, one {# stop} other {# stops}}', { n: '3' }, 'en')).toBe('3 stops');
  });

  it('never reads a value as a template', () => {
    expect(formatMessage('Bonjour {name}, {n, plural, one {# colis} other {# colis}}', { name: '{n} #', n: 2 })).toBe(
      'Bonjour {n} #, 2 colis',
    );
    expect(formatMessage('{a}{b}', { a: '{b}', b: "l'{x}" })).toBe("{b}l'{x}");
  });

  it('quotes as ICU does: two apostrophes are one, one before a brace starts literal text', () => {
    expect(formatMessage("Aujourd'hui, {name}", { name: 'Chloé' })).toBe("Aujourd'hui, Chloé");
    expect(formatMessage("Write '{name}' for the name", { name: 'x' })).toBe('Write {name} for the name');
    expect(formatMessage("It''s {name}", { name: 'x' })).toBe("It's x");
    expect(formatMessage("{n, plural, other {'#' is #}}", { n: 4 })).toBe('# is 4');
    expect(formatMessage("'{'{n}'}'", { n: 4 })).toBe('{4}');
  });

  it('keeps braces that open no placeholder as text', () => {
    expect(formatMessage('Body: {"event": "order.delivered"} to {url}', { url: 'https://x' })).toBe(
      'Body: {"event": "order.delivered"} to https://x',
    );
    expect(formatMessage('{n, plural, one {{"a": #}} other {{"a": #}}}', { n: 2 })).toBe('{"a": 2}');
    expect(formatMessage('a } b { c', {})).toBe('a } b { c');
    expect(formatMessage('{n, plural, one {# x}', { n: 1 })).toBe('{n, plural, one {# x}'); // unclosed: shown as written
  });

  it('leaves a missing value’s placeholder as written, a plural’s too, so the mistake shows', () => {
    expect(formatMessage('Bonjour {name}', {})).toBe('Bonjour {name}');
    expect(formatMessage('Bonjour {name}', { name: null })).toBe('Bonjour {name}');
    expect(formatMessage(`${stops}.`, {}, 'fr')).toBe('{n}.');
    expect(formatMessage('{n, plural, one {# à {place}} other {# à {place}}}', { n: 2 }, 'fr')).toBe('2 à {place}');
    expect(formatMessage('Empty {name}', { name: '' })).toBe('Empty ');
  });
});

describe('catalogues', () => {
  const fr = {
    'count.routes.one': '{count} tournée',
    'count.routes.other': '{count} tournées',
    hello: 'Bonjour {name}',
  };

  it('picks a plural key’s form from `count`, and answers an unknown key itself', () => {
    expect(translate(fr, 'fr-FR', 'count.routes', { count: 0 })).toBe('0 tournée');
    expect(translate(fr, 'fr-FR', 'count.routes', { count: 2 })).toBe('2 tournées');
    expect(translate(fr, 'fr-FR', 'hello', { name: 'Chloé' })).toBe('Bonjour Chloé');
    expect(translate(fr, 'fr-FR', 'no.such.key')).toBe('no.such.key');
  });

  it('turns templates into functions taking their values in order', () => {
    const params = { part: ['i', 'n'], stops: ['n'] } as const;
    const en = messageFunctions(
      params,
      { part: ' (part {i}/{n})', stops: '{n, plural, one {# stop} other {# stops}}' },
      'en-GB',
    );
    const frT = messageFunctions(
      params,
      { part: ' (partie {i}/{n})', stops: '{n, plural, one {# arrêt} other {# arrêts}}' },
      'fr-FR',
    );
    expect(en.part(1, 2)).toBe(' (part 1/2)');
    expect(frT.part(2, 2)).toBe(' (partie 2/2)');
    expect(en.stops(0)).toBe('0 stops');
    expect(frT.stops(0)).toBe('0 arrêt');
  });
});
