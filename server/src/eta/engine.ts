/**
 * The ETA engine's arithmetic, pure: from the driver's position and the stops left in the order
 * the driver is doing them, each stop's arrival under the travel model, waiting for a time
 * window's opening and adding service times. Every ETA carries a window that widens with how far
 * ahead it is, since errors add up along the route.
 */
import type { LonLatPair, Travel } from '../travel/travel.ts';

export interface EtaStop {
  id: string;
  location: LonLatPair;
  serviceS: number;
  /** Instants (ms) the stop's time windows open, ascending; empty = any time. */
  opensAt: number[];
  /** The driver is already there: no travel, service from now. */
  arrived: boolean;
}

export interface EtaInput {
  /** The instant the ETAs are computed for (ms), usually now. */
  now: number;
  driver: { location: LonLatPair; at: number };
  stops: EtaStop[];
  travel: Travel;
  /** The vehicle's slowness (1.2 = 20 % slower). */
  slowness?: number;
}

export interface Eta {
  stopId: string;
  at: number;
  low: number;
  high: number;
}

/** No position for this long and ETAs are flagged stale (kept, not recomputed from nowhere). */
export const STALE_AFTER_MS = 5 * 60_000;

/** Half-width of an ETA window: 5 min, plus 10 % of the time ahead, at most 45 min. */
export function halfWindowMs(aheadMs: number): number {
  return Math.min(45 * 60_000, 5 * 60_000 + Math.max(0, aheadMs) * 0.1);
}

/**
 * The stops still to do, in the order the driver is doing them: one the driver has arrived at
 * comes first (even out of the planned sequence), then the rest by sequence.
 */
export function remainingOrder<T extends { seq: number; status: string }>(stops: readonly T[]): T[] {
  return stops
    .filter((s) => s.status === 'pending' || s.status === 'arrived')
    .sort((a, b) => (a.status === 'arrived' ? 0 : 1) - (b.status === 'arrived' ? 0 : 1) || a.seq - b.seq);
}

/** ETAs of every remaining stop, in driving order. */
export function computeEtas(input: EtaInput): Eta[] {
  const slowness = input.slowness ?? 1;
  let t = Math.max(input.now, input.driver.at);
  let here = input.driver.location;
  const out: Eta[] = [];
  for (const s of input.stops) {
    let arrival = s.arrived ? t : t + input.travel.timeS(here, s.location) * slowness * 1000;
    // Early: the driver waits for the window to open (ETAs show when the door is knocked).
    const first = s.opensAt[0];
    if (first !== undefined && arrival < first) arrival = first;
    const half = halfWindowMs(arrival - input.now);
    out.push({ stopId: s.id, at: arrival, low: arrival - half, high: arrival + half });
    t = arrival + s.serviceS * 1000;
    here = s.location;
  }
  return out;
}

/** True when the driver's last fix is too old for the ETAs to be trusted. */
export const isStale = (fixAt: number, now: number) => now - fixAt > STALE_AFTER_MS;
