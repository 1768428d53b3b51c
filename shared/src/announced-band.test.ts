import { describe, expect, it } from 'vitest';
import { announcedBand, bandInside } from './announced-band.ts';
import { stopTimes, windowsOnDay } from './stop-times.ts';

const zone = 'Europe/Paris';
const day = '2026-12-01';
const at = (hhmm: string) => Date.parse(`${day}T${hhmm}:00+01:00`);
const hhmm = (ms: number) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(ms);
const told = (booked: { start: string; end: string }[], arrival: string, earliest: 'arrival' | 'none' = 'arrival') => {
  const windows = windowsOnDay(day, booked, zone);
  const t = stopTimes({ arrivalMs: at(arrival), windows });
  const earliestMs = earliest === 'arrival' ? t.arrivalMs : undefined;
  const b = announcedBand({ windows, serviceStartMs: t.serviceStartMs, earliestMs });
  return { text: `${hhmm(b.startMs)}–${hhmm(b.endMs)}`, outside: b.outside, inside: bandInside(b, windows) };
};

describe('announcedBand', () => {
  it('tells a band within 13:00–16:00 when the van is planned at 12:09 (not 11:00–13:00)', () => {
    expect(told([{ start: '13:00', end: '16:00' }], '12:09')).toEqual({
      text: '13:00–15:00',
      outside: null,
      inside: true,
    });
  });

  it('tells a band within 13:30–17:00 (not 13:00–15:00)', () => {
    expect(told([{ start: '13:30', end: '17:00' }], '13:05')).toEqual({
      text: '13:30–15:30',
      outside: null,
      inside: true,
    });
  });

  it('never starts the band before the van can be there (leaves 08:00, arrives 08:12)', () => {
    const r = told([], '08:12');
    expect(r.text).toBe('08:12–10:12');
    expect(r.outside).toBeNull();
  });

  it('keeps a band at the end of a window inside it', () => {
    expect(told([{ start: '13:00', end: '16:00' }], '15:40', 'none').text).toBe('14:00–16:00');
    // Planned at 15:40, the band does not start before: 15:40–16:00.
    expect(told([{ start: '13:00', end: '16:00' }], '15:40').text).toBe('15:40–16:00');
  });

  it('is the whole window when the window is narrower than the band', () => {
    expect(told([{ start: '10:00', end: '11:00' }], '09:50').text).toBe('10:00–11:00');
  });

  it('falls in the second window when the first one is missed', () => {
    const r = told(
      [
        { start: '08:00', end: '10:00' },
        { start: '14:00', end: '18:00' },
      ],
      '10:30',
    );
    expect(r).toEqual({ text: '14:00–16:00', outside: null, inside: true });
  });

  it('says late when the plan is past the booked slot', () => {
    const r = told([{ start: '13:00', end: '16:00' }], '16:40');
    expect(r.outside).toBe('late');
    expect(r.inside).toBe(false);
  });

  it('says early when a live ETA is before the booked slot', () => {
    const windows = windowsOnDay(day, [{ start: '13:00', end: '16:00' }], zone);
    expect(announcedBand({ windows, serviceStartMs: at('11:00') }).outside).toBe('early');
  });

  it('always holds the service start', () => {
    const windows = windowsOnDay(day, [{ start: '09:00', end: '12:00' }], zone);
    for (let m = 0; m <= 180; m += 7) {
      const s = at('09:00') + m * 60_000;
      const b = announcedBand({ windows, serviceStartMs: s, earliestMs: s - 600_000 });
      expect(b.startMs).toBeLessThanOrEqual(s);
      expect(b.endMs).toBeGreaterThanOrEqual(s);
      expect(bandInside(b, windows)).toBe(true);
    }
  });
});
