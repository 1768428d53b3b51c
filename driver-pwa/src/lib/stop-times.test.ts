import { describe, expect, it } from 'vitest';
import { breakSpan, dayText, kmText, localTime, plannedTimes, windowText } from './stop-times.ts';

const route = { localDate: '2027-01-05', timeZone: 'Europe/Paris' };

describe('stop times', () => {
  it('shows the service start at the window opening and the earlier arrival', () => {
    // 07:20 UTC = 08:20 in Paris in winter, before a 09:00–12:00 window.
    const s = { plannedArrivalAt: '2027-01-05T07:20:00.000Z', timeWindows: [{ start: '09:00', end: '12:00' }] };
    expect(plannedTimes(s, route, 'fr')).toEqual({ start: '09:00', waitFrom: '08:20' });
    expect(windowText(s)).toBe('09:00–12:00');
  });

  it('shows no wait when the arrival is inside the window', () => {
    const s = { plannedArrivalAt: '2027-01-05T09:05:00.000Z', timeWindows: [{ start: '09:00', end: '12:00' }] };
    expect(plannedTimes(s, route, 'en')).toEqual({ start: '10:05', waitFrom: null });
  });

  it('says any time without windows, and a dash without a planned time', () => {
    expect(windowText({ timeWindows: [] })).toBeNull();
    expect(localTime(null, 'Europe/Paris')).toBe('—');
  });

  it("gives a break's span on the route's clock", () => {
    expect(
      breakSpan(
        { plannedArrivalAt: '2027-01-05T11:00:00Z', plannedDepartureAt: '2027-01-05T11:30:00Z' },
        'Europe/Paris',
      ),
    ).toEqual({ from: '12:00', to: '12:30' });
  });

  it('writes kilometres in the language of the app', () => {
    expect(kmText(2.44, 'fr')).toBe('2,4');
    expect(kmText(2.44, 'en')).toBe('2.4');
  });

  it('names the day in the language of the app', () => {
    expect(dayText('2027-01-05', 'fr')).toBe('mardi 5 janvier');
    expect(dayText('2027-01-05', 'en')).toBe('Tuesday 5 January');
  });
});
