import { describe, expect, it } from 'vitest';
import { plannedTimes, toldTimes } from './told-times.ts';

const at = (hhmm: string) => Date.parse(`2026-12-01T${hhmm}:00+01:00`);
const hhmm = (ms: number) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(ms);
const ctx = {
  localDate: '2026-12-01',
  timeWindows: [{ start: '13:00', end: '16:00' }],
  timeZone: 'Europe/Paris',
  serviceS: 300,
  plannedArrivalAt: at('12:09'),
  waitingS: 51 * 60,
  etaAt: null,
  announced: null,
};
const text = (b: { startMs: number; endMs: number }) => `${hhmm(b.startMs)}–${hhmm(b.endMs)}`;

describe('the times a message tells', () => {
  it('announces the plan inside the booked slot: service at 13:00, told 13:00–15:00 (not "vers 12:09")', () => {
    const t = plannedTimes(ctx)!;
    expect(hhmm(t.serviceStartMs)).toBe('13:00');
    expect(text(t.band)).toBe('13:00–15:00');
    expect(t.band.outside).toBeNull();
  });

  it('keeps the band told before while the live ETA stays inside it', () => {
    const told = { ...ctx, announced: { startMs: at('13:00'), endMs: at('15:00'), outside: null } };
    expect(text(toldTimes(told, at('14:10'), at('12:00'))!.band)).toBe('13:00–15:00');
    // "ETA moved" tells a new band around the new time.
    expect(text(toldTimes(told, at('14:40'), at('12:00'), false)!.band)).toBe('13:30–15:30');
  });

  it('says late when the live ETA is past the booked slot', () => {
    const t = toldTimes(ctx, at('16:25'), at('15:00'))!;
    expect(t.band.outside).toBe('late');
    expect(t.band.startMs).toBeLessThanOrEqual(at('16:25'));
  });

  it('clamps a live ETA before the window to its opening', () => {
    expect(hhmm(toldTimes(ctx, at('12:30'), at('12:00'))!.serviceStartMs)).toBe('13:00');
  });
});
