import { FAIL_REASONS, type TrackStatus } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import { pageLanguage, reasonText, statusText, t } from './text.ts';

describe('tracking page text', () => {
  it('speaks the language the link asks for, else the phone’s', () => {
    expect(pageLanguage('?lang=en', 'fr-FR')).toBe('en');
    expect(pageLanguage('?lang=FR', 'en-GB')).toBe('fr');
    expect(pageLanguage('', 'fr-BE')).toBe('fr');
    expect(pageLanguage('?lang=de', 'en-US')).toBe('en');
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
