import { describe, expect, it } from 'vitest';
import { SHEET_TEXT, sheetLanguage } from './route-sheet-text.ts';

describe('route sheet words', () => {
  it('counts stops with each language’s plural (French: 0 and 1 are singular)', () => {
    expect(SHEET_TEXT.fr.stopsCount(0)).toBe('0 arrêt');
    expect(SHEET_TEXT.fr.stopsCount(1)).toBe('1 arrêt');
    expect(SHEET_TEXT.fr.stopsCount(12)).toBe('12 arrêts');
    expect(SHEET_TEXT.en.stopsCount(0)).toBe('0 stops');
    expect(SHEET_TEXT.en.stopsCount(1)).toBe('1 stop');
  });

  it('fills the heading, title and parts', () => {
    expect(SHEET_TEXT.fr.heading('Van 1', '08:00', '17:30', '24,6')).toBe('Van 1 · de 08:00 à 17:30 · 24,6 km');
    expect(SHEET_TEXT.en.titleOne('Ana', 'Wednesday 2 December 2026')).toBe('Ana — Wednesday 2 December 2026');
    expect(SHEET_TEXT.fr.part(1, 2)).toBe(' (partie 1/2)');
    expect(SHEET_TEXT.fr.arriveWait('07:50')).toBe('arrivée 07:50, attendre');
  });

  it('speaks the language asked, else the organisation’s, else French', () => {
    expect(sheetLanguage('en', 'fr-FR')).toBe('en');
    expect(sheetLanguage(undefined, 'en-GB')).toBe('en');
    expect(sheetLanguage(undefined, 'de-DE')).toBe('fr');
    expect(sheetLanguage(undefined, null)).toBe('fr');
  });
});
