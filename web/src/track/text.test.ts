import { FAIL_REASONS, type TrackStatus } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import { pageLanguage, reasonText, statusText, t } from './text.ts';

describe('tracking page text', () => {
  it('speaks the language the link asks for, else the phone’s', () => {
    expect(pageLanguage('?lang=en', 'fr-FR')).toBe('en');
    expect(pageLanguage('?lang=FR', 'en-GB')).toBe('fr');
    expect(pageLanguage('', 'fr-BE')).toBe('fr');
    expect(pageLanguage('?lang=de', 'en-US')).toBe('en');
    expect(pageLanguage('', 'de-DE')).toBe('en');
  });

  it('takes the first of the phone’s languages it speaks, not only the first one', () => {
    expect(pageLanguage('', ['de-DE', 'fr-FR', 'en'])).toBe('fr');
    expect(pageLanguage('?lang=en', ['fr-FR'])).toBe('en');
  });

  it('counts the stops before yours and the stars in French', () => {
    expect(t.before(0)).toBe('Vous êtes le prochain.');
    expect(t.before(1)).toBe('1 arrêt avant vous.');
    expect(t.before(3)).toBe('3 arrêts avant vous.');
    expect(t.stars(1)).toBe('1 étoile sur 5');
    expect(t.stars(4)).toBe('4 étoiles sur 5');
  });

  it('confirms a new day with or without its window', () => {
    expect(t.confirmed('mardi 8 décembre', null)).toBe(
      'C’est noté : votre livraison est reprogrammée au mardi 8 décembre. Un message vous le confirme.',
    );
    expect(t.confirmed('mardi 8 décembre', t.between({ start: '12:00', end: '17:00' }))).toBe(
      'C’est noté : votre livraison est reprogrammée au mardi 8 décembre, entre 12:00 et 17:00. Un message vous le confirme.',
    );
  });

  it('has words for every failure reason the driver app offers and every status', () => {
    for (const r of FAIL_REASONS) expect(reasonText(r)).not.toBe(r);
    const statuses: TrackStatus[] = [
      'scheduled',
      'on_the_way',
      'arrived',
      'delivered',
      'failed',
      'rescheduled',
      'cancelled',
    ];
    for (const s of statuses) expect(statusText(s)).not.toBe(s);
    expect(reasonText('porte fermée')).toBe('porte fermée');
    expect(t.reasonIs(reasonText('absent'))).toBe('Motif : personne n’était présent');
  });
});
