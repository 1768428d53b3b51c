/**
 * The band of time a customer is told ("between 13:00 and 15:00"), from the slot they booked and
 * the expected service start (planned or live). The band holds the service start and stays inside
 * the booked window that service start falls in; it never starts before the vehicle can be there.
 * Only when the service start itself is outside every booked window is the band outside too, and
 * then it says so (`outside`), so the message can tell the customer plainly.
 */
import type { InstantWindow } from './stop-times.ts';

/** A band is this wide unless the booked window is narrower. */
export const DEFAULT_BAND_MIN = 120;

const HALF_HOUR_MS = 30 * 60_000;
const MINUTE_MS = 60_000;

export interface AnnouncedBand {
  startMs: number;
  endMs: number;
  /** The service start is before every booked window (`early`) or past the one it missed (`late`). */
  outside: 'early' | 'late' | null;
}

export interface AnnouncedBandInput {
  /** The order's booked windows on the delivery day (see `windowsOnDay`); empty = any time. */
  windows: readonly InstantWindow[];
  /** The expected service start (ms): the plan's, or the live ETA's (see `stopTimes`). */
  serviceStartMs: number;
  /** The earliest the vehicle can be there (its arrival, ms): the band never starts before it. */
  earliestMs?: number;
  /** @default 120 */
  bandMin?: number;
}

/** The band to announce; `outside` is null whenever the service start is within a booked window. */
export function announcedBand(i: AnnouncedBandInput): AnnouncedBand {
  const s = i.serviceStartMs;
  const bandMs = (i.bandMin ?? DEFAULT_BAND_MIN) * MINUTE_MS;
  // Shown to the minute: rounding the arrival up keeps the band from starting before it.
  const earliest =
    i.earliestMs === undefined
      ? Number.NEGATIVE_INFINITY
      : Math.min(s, Math.ceil(i.earliestMs / MINUTE_MS) * MINUTE_MS);
  // Centred on the service start, on half-hours (easier to read and remember).
  const centred = Math.floor((s - bandMs / 2) / HALF_HOUR_MS) * HALF_HOUR_MS;
  const w = i.windows.find((x) => x.startMs <= s && s <= x.endMs);
  if (!w) {
    const start = Math.max(centred, earliest);
    const outside = i.windows.length === 0 ? null : s < Math.min(...i.windows.map((x) => x.startMs)) ? 'early' : 'late';
    return { startMs: start, endMs: start + bandMs, outside };
  }
  // Every bound below is ≤ s, and the end is ≥ s: the band always holds the service start.
  let start = Math.max(centred, w.startMs, earliest);
  let end = start + bandMs;
  if (end > w.endMs) {
    end = w.endMs;
    start = Math.max(w.startMs, earliest, end - bandMs);
  }
  return { startMs: start, endMs: end, outside: null };
}

/** True when the band lies inside one of the windows (or there are none). */
export function bandInside(band: { startMs: number; endMs: number }, windows: readonly InstantWindow[]): boolean {
  return windows.length === 0 || windows.some((w) => w.startMs <= band.startMs && band.endMs <= w.endMs);
}
