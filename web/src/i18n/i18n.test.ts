import { afterEach, describe, expect, it, vi } from 'vitest';
import { initialLocale, translate } from './i18n.tsx';
import { importFieldLabel, statusLabel, triggerLabel } from './labels.ts';
import { en, fr, type MessageKey } from './messages.ts';

const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const tFr = (k: string, v?: Record<string, string | number>) => translate(fr, 'fr-FR', k, v);
const tEn = (k: string, v?: Record<string, string | number>) => translate(en, 'en-GB', k, v);

describe('t(): messages with counts', () => {
  it('picks the plural form from `count`', () => {
    expect(tFr('count.routesPublished', { count: 1 })).toBe('1 tournée publiée');
    expect(tFr('count.routesPublished', { count: 3 })).toBe('3 tournées publiées');
    expect(tEn('count.routesPublished', { count: 1 })).toBe('1 route published');
    expect(tEn('count.routesPublished', { count: 0 })).toBe('0 routes published');
  });

  it('words the planner’s publication in the singular for one route', () => {
    expect(tFr('planner.publishedText', { routes: 1, orders: 12 })).toBe('1 tournée publiée, 12 commandes envoyées.');
    expect(tEn('planner.publishedText', { routes: 3, orders: 1 })).toBe('3 routes published, 1 order dispatched.');
  });

  it('writes numbers in the locale', () => {
    expect(spaces(tFr('count.orders', { count: 1234 }))).toBe('1 234 commandes');
    expect(tEn('count.orders', { count: 1234 })).toBe('1,234 orders');
  });

  it('states what an import will do, as the issue asks', () => {
    const line = (t: typeof tFr, good: number, bad: number) =>
      t('import.willImport', { count: good }) + (bad ? t('import.willReject', { count: bad }) : '');
    expect(line(tFr, 37, 3)).toBe('37 lignes seront importées, 3 refusées');
    expect(line(tFr, 1, 1)).toBe('1 ligne sera importée, 1 refusée');
    expect(line(tEn, 2, 0)).toBe('2 rows will be imported');
  });

  it('words the rules and settings in the singular for one and the plural for several, not "(s)"', () => {
    expect(tEn('rules.action.dateOffset', { value: 1 })).toBe('deliver 1 working day after the import');
    expect(tEn('rules.action.dateOffset', { value: 3 })).toBe('deliver 3 working days after the import');
    expect(tFr('rules.action.dateOffset', { value: 1 })).toBe('livrer 1 jour ouvré après l’import');
    expect(tFr('rules.action.dateOffset', { value: 3 })).toBe('livrer 3 jours ouvrés après l’import');
    expect(tEn('rules.preview.summary', { matched: 0, rows: 1 })).toBe('0 of 1 row matched by a rule');
    expect(tEn('rules.preview.summary', { matched: 1, rows: 3 })).toBe('1 of 3 rows matched by a rule');
    expect(tFr('rules.preview.summary', { matched: 1, rows: 3 })).toBe('1 ligne sur 3 concernée par une règle');
    expect(tFr('rules.preview.summary', { matched: 2, rows: 3 })).toBe('2 lignes sur 3 concernées par une règle');
    expect(tEn('settings.org.dimensionsLocked', { from: 2, to: 1, vehicles: 1, orders: 4 })).toMatch(
      /^Cannot go from 2 to 1 dimension while 1 vehicle and 4 open orders use the current ones:/,
    );
    expect(tEn('settings.org.dimensionsLocked', { from: 1, to: 2, vehicles: 3, orders: 1 })).toMatch(
      /^Cannot go from 1 to 2 dimensions while 3 vehicles and 1 open order use the current ones:/,
    );
    expect(tFr('settings.org.dimensionsLocked', { from: 2, to: 1, vehicles: 1, orders: 4 })).toMatch(
      /^Impossible de passer de 2 à 1 dimension tant que 1 véhicule et 4 commandes ouvertes utilisent /,
    );
    expect(tFr('settings.org.dimensionsLocked', { from: 1, to: 2, vehicles: 3, orders: 1 })).toMatch(
      /^Impossible de passer de 1 à 2 dimensions tant que 3 véhicules et 1 commande ouverte utilisent /,
    );
  });

  it('names one driver in the singular when several routes go to one', () => {
    expect(tEn('publish.routes', { count: 2, n: 2, drivers: 1 })).toBe('2 routes will be sent to 1 driver.');
    expect(tEn('publish.routes', { count: 2, n: 2, drivers: 2 })).toBe('2 routes will be sent to 2 drivers.');
    expect(tFr('publish.routes', { count: 2, n: 2, drivers: 1 })).toBe('2 tournées seront envoyées à 1 chauffeur.');
    expect(tFr('publish.routes', { count: 2, n: 2, drivers: 2 })).toBe('2 tournées seront envoyées à 2 chauffeurs.');
  });

  it('leaves no "(s)" plural in a catalogue', () => {
    // "(s)" as the unit seconds is fine: "Time (s)".
    for (const [key, text] of [...Object.entries(en), ...Object.entries(fr)])
      expect(text, key).not.toMatch(/\p{L}\((s|e|es|x)\)/u);
  });

  it('picks inline plural forms for each count of a sentence', () => {
    const tpl =
      '{routes, plural, one {# tournée publiée} other {# tournées publiées}}, {orders, plural, one {# commande} other {# commandes}}.';
    expect(translate({ k: tpl }, 'fr-FR', 'k', { routes: 1, orders: 12 })).toBe('1 tournée publiée, 12 commandes.');
    expect(translate({ k: tpl }, 'fr-FR', 'k', { routes: 3, orders: 0 })).toBe('3 tournées publiées, 0 commande.');
    const exact = '{n, plural, =0 {no stop} one {# stop at {place}} other {# stops}}';
    expect(translate({ k: exact }, 'en-GB', 'k', { n: 0 })).toBe('no stop');
    expect(translate({ k: exact }, 'en-GB', 'k', { n: 1, place: 'Lyon' })).toBe('1 stop at Lyon');
    expect(spaces(translate({ k: exact }, 'fr-FR', 'k', { n: 2500 }))).toBe('2 500 stops');
  });

  it('answers the key itself for an unknown key rather than nothing', () => {
    expect(tEn('no.such.key')).toBe('no.such.key');
  });
});

describe('codes in words', () => {
  const t = (k: MessageKey | string, v?: Record<string, string | number>) => tFr(k, v);

  it('names every order status, trigger and import field in French', () => {
    expect(statusLabel(t, 'imported')).toBe('Importée');
    expect(statusLabel(t, 'dispatched')).toBe('Partie en livraison');
    expect(triggerLabel(t, 'driver_access')).toBe('Accès à l’appli chauffeur');
    expect(importFieldLabel(t, 'demand_parcels')).toBe('Quantité : colis');
    expect(importFieldLabel(t, 'tw2_start')).toBe('Début du créneau 2');
    expect(importFieldLabel(t, 'postcode')).toBe('Code postal');
  });

  it('shows a code it does not know as it is', () => {
    expect(statusLabel(t, 'teleported')).toBe('teleported');
    expect(importFieldLabel(t, 'demand_boxes')).toBe('Quantité : boxes');
  });

  it('has a French word for every code a French screen can show', () => {
    for (const [key, text] of Object.entries(fr)) {
      if (!/^(status|trigger|failReason)\./.test(key)) continue;
      expect(text, key).not.toMatch(/\b(imported|planned|dispatched|delivered|failed|queued|sent|pending|skipped)\b/i);
    }
  });
});

describe('the language the app starts in', () => {
  afterEach(() => vi.unstubAllGlobals());
  const browser = (languages: string[], saved: string | null = null) => {
    vi.stubGlobal('navigator', { language: languages[0], languages });
    vi.stubGlobal('localStorage', { getItem: () => saved });
  };

  it('is the saved choice first', () => {
    browser(['en-GB'], 'fr');
    expect(initialLocale()).toBe('fr');
  });

  it('is the first of the browser’s languages the app speaks, else French', () => {
    browser(['de-DE', 'en-GB']);
    expect(initialLocale()).toBe('en');
    browser(['en-US']);
    expect(initialLocale()).toBe('en');
    browser(['de-DE', 'es']);
    expect(initialLocale()).toBe('fr');
  });
});
