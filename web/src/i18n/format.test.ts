import { describe, expect, it } from 'vitest';
import {
  dateTimeFormat,
  numberFormat,
  formatDate,
  formatDateTime,
  formatDistance,
  formatDistanceM,
  formatDuration,
  formatNumber,
  formatPercent,
  formatPhone,
  formatTime,
  intlLocale,
  selectPlural,
} from './format.ts';

// Intl separates a number from its unit (and thousands, in French) with no-break spaces.
const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatting in the user’s locale', () => {
  it('writes distances with the locale’s decimal mark', () => {
    expect(spaces(formatDistance('fr-FR', 24.63))).toBe('24,6 km');
    expect(spaces(formatDistance('en-GB', 24.63))).toBe('24.6 km');
    expect(spaces(formatDistanceM('fr-FR', 850))).toBe('850 m');
    expect(spaces(formatDistanceM('fr-FR', 1250))).toBe('1,3 km');
  });

  it('groups thousands as each language does', () => {
    expect(spaces(formatNumber('fr-FR', 12345.67))).toBe('12 345,7');
    expect(formatNumber('en-GB', 12345.67)).toBe('12,345.7');
    expect(formatNumber('en-GB', 3, 0)).toBe('3');
  });

  it('writes a local date as that day in every time zone', () => {
    expect(formatDate('fr-FR', '2026-12-02')).toBe('02/12/2026');
    expect(formatDate('en-GB', '2026-12-02')).toBe('02/12/2026');
    expect(formatDate('en-US', '2026-12-02')).toBe('12/02/2026');
    expect(formatDate('fr-FR', '2026-12-02', { weekday: 'long', day: 'numeric', month: 'long' })).toBe(
      'mercredi 2 décembre',
    );
  });

  it('makes a formatter once per locale, options and zone, and formats each zone in its own', () => {
    const paris = dateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });
    expect(dateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' })).toBe(paris);
    const london = dateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
    expect(london).not.toBe(paris);
    expect(paris.format(new Date('2026-12-02T13:05:00Z'))).toBe('14:05');
    expect(london.format(new Date('2026-12-02T13:05:00Z'))).toBe('13:05');
    expect(formatTime('en-GB', '2026-12-02T13:05:00Z', 'Europe/London')).toBe('13:05');
    expect(numberFormat('fr-FR', { maximumFractionDigits: 2 })).toBe(
      numberFormat('fr-FR', { maximumFractionDigits: 2 }),
    );
    expect(numberFormat('en-GB', { maximumFractionDigits: 2 })).not.toBe(
      numberFormat('fr-FR', { maximumFractionDigits: 2 }),
    );
  });

  it('writes times and date-times in a given zone', () => {
    expect(formatTime('fr-FR', '2026-12-02T13:05:00Z', 'Europe/Paris')).toBe('14:05');
    expect(spaces(formatDateTime('fr-FR', '2026-12-02T13:05:00Z', 'Europe/Paris'))).toBe('02/12/2026 14:05');
  });

  it('writes durations in hours and minutes', () => {
    expect(formatDuration('fr-FR', 45 * 60)).toBe('45 min');
    expect(formatDuration('fr-FR', 2 * 3600 + 5 * 60 + 20)).toBe('2 h 05');
    expect(formatDuration('en-GB', -600)).toBe('−10 min');
    expect(spaces(formatPercent('fr-FR', 0.934))).toBe('93,4 %');
  });

  it('picks the plural form with the language’s rule (French: 0 and 1 are singular)', () => {
    const forms = { one: '{count} tournée publiée', other: '{count} tournées publiées' };
    expect(selectPlural('fr', 0, forms)).toBe(forms.one);
    expect(selectPlural('fr', 1, forms)).toBe(forms.one);
    expect(selectPlural('fr', 3, forms)).toBe(forms.other);
    expect(selectPlural('en', 0, forms)).toBe(forms.other);
    expect(selectPlural('en', 1, forms)).toBe(forms.one);
    // A form the message does not have falls back on `other` (French "many" for millions).
    expect(selectPlural('fr', 1_000_000, forms)).toBe(forms.other);
  });

  it('shows phone numbers nationally when they are of the organisation’s country', () => {
    expect(formatPhone('+33612345678', 'FR')).toBe('06 12 34 56 78');
    expect(formatPhone('+33612345678', 'fr')).toBe('06 12 34 56 78');
    expect(formatPhone('+32470123456', 'FR')).toBe('+32 470 12 34 56');
    expect(formatPhone('not a number', 'FR')).toBe('not a number');
  });

  it('formats with the browser’s variant of the app’s language', () => {
    expect(intlLocale('en', 'en-US')).toBe('en-US');
    expect(intlLocale('en', 'fr-FR')).toBe('en-GB');
    expect(intlLocale('fr', 'fr-CA')).toBe('fr-CA');
    expect(intlLocale('fr', 'en-GB')).toBe('fr-FR');
  });
});
