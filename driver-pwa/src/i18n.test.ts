import { afterEach, describe, expect, it, vi } from 'vitest';
import { initialLocale, MESSAGES } from './i18n.ts';

describe('driver app text', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('fills the messages with values in both languages', () => {
    const { fr, en } = MESSAGES;
    expect(fr.pending(3)).toBe("3 en attente d'envoi");
    expect(en.pending(1)).toBe('1 waiting to be sent');
    expect(fr.progress(2, 4)).toBe('2 sur 4 faits');
    expect(en.progress(1, 4)).toBe('1 of 4 done');
    expect(fr.breakFirst('12:00', '12:30')).toBe('Pause prévue 12:00–12:30 avant cet arrêt');
    expect(en.arriveWait('08:10')).toBe('arrive 08:10, wait');
    expect(fr.distance('24,6')).toBe('24,6 km');
    expect(fr.changedBanner(8)).toBe('Votre tournée a changé (version 8)');
  });

  it('says what a route change did', () => {
    expect(MESSAGES.fr.changes(2, 1, true)).toBe('2 ajoutés, 1 retiré, ordre modifié');
    expect(MESSAGES.fr.changes(1, 3, false)).toBe('1 ajouté, 3 retirés');
    expect(MESSAGES.en.changes(1, 2, false)).toBe('1 added, 2 removed');
    expect(MESSAGES.en.changes(0, 3, false)).toBe('3 removed');
    expect(MESSAGES.en.changes(0, 0, false)).toBe('times changed');
  });

  it('starts in the saved language, else the first of the phone’s it speaks, else English', () => {
    const phone = (languages: string[], saved: string | null = null) => {
      vi.stubGlobal('navigator', { language: languages[0], languages });
      vi.stubGlobal('localStorage', { getItem: () => saved });
    };
    phone(['fr-FR'], 'en');
    expect(initialLocale()).toBe('en');
    phone(['de-DE', 'fr-FR']);
    expect(initialLocale()).toBe('fr');
    phone(['de-DE']);
    expect(initialLocale()).toBe('en');
  });
});
