/**
 * The times a message tells about one order, from the shared definitions (shared/src/stop-times.ts,
 * shared/src/announced-band.ts): the booked windows on the stop's day, the expected service start
 * (the live ETA once there is one, else the plan's: arrival + waiting, never before the window
 * opens) and the band announced around it, inside the booked slot unless the delivery really is
 * early or late.
 */
import {
  type AnnouncedBand,
  announcedBand,
  type InstantWindow,
  serviceStartFor,
  stopTimes,
  windowsOnDay,
} from '@tournee/shared';
import type { OrderContext } from './context-repo.ts';

export interface ToldTimes {
  booked: InstantWindow[];
  serviceStartMs: number;
  band: AnnouncedBand;
}

type Ctx = Pick<
  OrderContext,
  'localDate' | 'timeWindows' | 'timeZone' | 'serviceS' | 'plannedArrivalAt' | 'waitingS' | 'etaAt' | 'announced'
>;

/** The order's booked windows on its stop's day (instants). */
export const bookedWindows = (c: Pick<OrderContext, 'localDate' | 'timeWindows' | 'timeZone'>): InstantWindow[] =>
  c.localDate ? windowsOnDay(c.localDate, c.timeWindows, c.timeZone) : [];

/** What the plan says: the band announced at publication. Null without a planned arrival. */
export function plannedTimes(c: Ctx): ToldTimes | null {
  if (c.plannedArrivalAt === null) return null;
  const booked = bookedWindows(c);
  const t = stopTimes({ arrivalMs: c.plannedArrivalAt, windows: booked, waitingS: c.waitingS, serviceS: c.serviceS });
  // The band never starts before the van is planned there (a van leaving at 08:00 is not "07:30–09:30").
  const band = announcedBand({ windows: booked, serviceStartMs: t.serviceStartMs, earliestMs: t.arrivalMs });
  return { booked, serviceStartMs: t.serviceStartMs, band };
}

/**
 * What a message tells now: from the live ETA (`eta`, else the stop's stored one) when there is
 * one, else the plan's. With `keepTold`, a live service start still inside the band told before
 * keeps that band, so the customer reads the same times again rather than a shifted copy ("ETA
 * moved" tells a new band: it is sent because the time moved).
 */
export function toldTimes(c: Ctx, eta: number | undefined, now: number, keepTold = true): ToldTimes | null {
  const live = eta ?? c.etaAt;
  if (live === null || live === undefined) return plannedTimes(c);
  const booked = bookedWindows(c);
  // The engine's ETA is already a service start; applying the rule again is harmless and makes sure.
  const serviceStartMs = serviceStartFor(live, booked).startMs;
  const told = c.announced;
  if (keepTold && told && told.startMs <= serviceStartMs && serviceStartMs <= told.endMs)
    return { booked, serviceStartMs, band: told };
  const band = announcedBand({ windows: booked, serviceStartMs, earliestMs: now });
  return { booked, serviceStartMs, band };
}
