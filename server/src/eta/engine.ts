/**
 * The ETA engine's arithmetic, pure: from the driver's position and the stops left in the order
 * the driver is doing them, each stop's arrival under the plan's travel (the straight-line model
 * or OSRM's durations, see travel-cache.ts), its service start under the stop's time windows and
 * its departure. The timing rules are the plan's (shared/src/stop-times.ts, the route evaluator):
 * service starts inside the first window the driver can still make (waiting for it to open, even
 * when that is a later window of the day); past every window it starts on arrival, late against
 * the last. A break is taken where it sits in the sequence, at the previous place, not before its
 * window opens. Every ETA carries a band that widens with how far ahead it is, since errors add up
 * along the route.
 */
import { type InstantWindow, stopTimes } from '@tournee/shared';
import type { LonLatPair, Travel } from '../travel/travel.ts';

export interface EtaStop {
  id: string;
  /**
   * A break has no place of its own: the driver takes it where the previous stop was. A reload is
   * at the depot, for the vehicle's reload time.
   */
  kind: 'visit' | 'break' | 'reload';
  location: LonLatPair | null;
  /** Service time, the break's duration, or the reload's. */
  serviceS: number;
  /** The stop's windows that day as instants, ascending; empty = any time. For a break: its earliest and latest start. */
  windows: InstantWindow[];
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
  /** When the driver gets there (ms). */
  arrivalMs: number;
  /** When the visit (or break) starts: not before the window the driver can still make opens. */
  serviceStartMs: number;
  departureMs: number;
  /** Seconds past the end of the stop's last window (0 when on time). */
  lateS: number;
  /** The ETA customers are told: the service start (when the door is knocked). */
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
 * comes first (even out of the planned sequence), then the rest by sequence. A break (the driver
 * app does not report breaks) or a reload at the depot counts as still to take only while no
 * later visit is done (reaching the next customer ends it).
 */
export function remainingOrder<T extends { seq: number; status: string; kind?: string }>(stops: readonly T[]): T[] {
  const lastDone = stops.reduce(
    (m, s) => (!atDepotOrBreak(s.kind) && s.status !== 'pending' && s.status !== 'arrived' ? Math.max(m, s.seq) : m),
    Number.NEGATIVE_INFINITY,
  );
  return stops
    .filter((s) => s.status === 'pending' || s.status === 'arrived')
    .filter((s) => !atDepotOrBreak(s.kind) || s.seq > lastDone)
    .sort((a, b) => (a.status === 'arrived' ? 0 : 1) - (b.status === 'arrived' ? 0 : 1) || a.seq - b.seq);
}

/** A break or a reload at the depot: no customer visit, and no event needed to end it. */
const atDepotOrBreak = (kind: string | undefined) => kind === 'break' || kind === 'reload';

/** ETAs of every remaining stop, in driving order. */
export function computeEtas(input: EtaInput): Eta[] {
  const slowness = input.slowness ?? 1;
  let t = Math.max(input.now, input.driver.at);
  let here = input.driver.location;
  const out: Eta[] = [];
  for (const s of input.stops) {
    const there = s.location ?? here;
    const arrivalMs = s.arrived ? t : t + input.travel.timeS(here, there) * slowness * 1000;
    const times = stopTimes({ arrivalMs, windows: s.windows, serviceS: s.serviceS });
    const half = halfWindowMs(times.serviceStartMs - input.now);
    out.push({
      stopId: s.id,
      ...times,
      at: times.serviceStartMs,
      low: times.serviceStartMs - half,
      high: times.serviceStartMs + half,
    });
    t = times.departureMs;
    here = there;
  }
  return out;
}

/** True when the driver's last fix is too old for the ETAs to be trusted. */
export const isStale = (fixAt: number, now: number) => now - fixAt > STALE_AFTER_MS;
