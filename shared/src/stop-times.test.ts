import { describe, expect, it } from 'vitest';
import { serviceStartIso, stopTimes, windowsOnDay } from './stop-times.ts';

const zone = 'Europe/Paris';
const day = '2026-12-01';
// Paris is UTC+1 in December.
const at = (hhmm: string) => Date.parse(`${day}T${hhmm}:00+01:00`);

describe('stopTimes', () => {
  it('starts service at the window opening when the vehicle arrives early (12:09 for 13:00–16:00 → 13:00)', () => {
    const t = stopTimes({
      arrivalMs: at('12:09'),
      windows: windowsOnDay(day, [{ start: '13:00', end: '16:00' }], zone),
      serviceS: 300,
    });
    expect(t).toEqual({ arrivalMs: at('12:09'), serviceStartMs: at('13:00'), departureMs: at('13:05'), lateS: 0 });
  });

  it('starts service at arrival inside the window', () => {
    const t = stopTimes({
      arrivalMs: at('14:20'),
      windows: windowsOnDay(day, [{ start: '13:00', end: '16:00' }], zone),
    });
    expect(t.serviceStartMs).toBe(at('14:20'));
  });

  it('waits for the second window when the first one is past', () => {
    const windows = windowsOnDay(
      day,
      [
        { start: '14:00', end: '16:00' },
        { start: '08:00', end: '10:00' },
      ],
      zone,
    );
    expect(stopTimes({ arrivalMs: at('10:30'), windows }).serviceStartMs).toBe(at('14:00'));
    expect(stopTimes({ arrivalMs: at('07:00'), windows }).serviceStartMs).toBe(at('08:00'));
  });

  it('is late (service at arrival) past every window', () => {
    const t = stopTimes({
      arrivalMs: at('16:30'),
      windows: windowsOnDay(day, [{ start: '13:00', end: '16:00' }], zone),
    });
    expect(t.serviceStartMs).toBe(at('16:30'));
    expect(t.lateS).toBe(1800);
  });

  it('honours the plan’s waiting when it is longer than the window rule', () => {
    expect(stopTimes({ arrivalMs: at('09:00'), windows: [], waitingS: 600 }).serviceStartMs).toBe(at('09:10'));
  });

  it('reads a window ending at or before its start as passing midnight', () => {
    const [w] = windowsOnDay(day, [{ start: '22:00', end: '02:00' }], zone);
    expect(w!.endMs - w!.startMs).toBe(4 * 3600_000);
  });

  it('gives the ISO service start of a stored stop (what the planner, route sheet and driver app show)', () => {
    const iso = serviceStartIso({
      plannedArrivalAt: new Date(at('12:09')).toISOString(),
      timeWindows: [{ start: '13:00', end: '16:00' }],
      localDate: day,
      timeZone: zone,
    });
    expect(iso).toBe(new Date(at('13:00')).toISOString());
    expect(serviceStartIso({ plannedArrivalAt: null, timeWindows: [], localDate: day, timeZone: zone })).toBeNull();
  });
});
