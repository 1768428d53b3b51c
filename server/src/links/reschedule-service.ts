/**
 * The customer moves a delivery to another day from the tracking page (the token is the key):
 * what the page offers (`rescheduleOffer`), and the change itself (`rescheduleFromLink`), in one
 * transaction with the order row locked:
 *   - a replay of the customer's last change (a double tap, a retry after a lost answer) gets
 *     the same answer and changes nothing, sends nothing;
 *   - otherwise the order must be offered a change now (409 with the reason) and the day (and
 *     window) must be one of those offered (422 naming `date` or `window`);
 *   - the lifecycle's one reschedule function moves it (taking its stop off an unstarted route
 *     when the organisation allows changes before the start), the change is audited as the
 *     customer's via the link, and the confirmation is written to the outbox in the same
 *     transaction (enqueued once).
 */
import type { OfferedDay, TimeWindow, TrackRescheduleRequest, TrackRescheduleResult, TrackView } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { rescheduleOrders, type TakeOffRoutes } from '../lifecycle/reschedule.ts';
import { loadOrderContexts } from '../notify/context-repo.ts';
import { fireTrigger } from '../notify/triggers.ts';
import { offeredDays, offerState, whyNotOffered } from './offered-days.ts';
import {
  CUSTOMER_RESCHEDULE,
  type CustomerChange,
  lastCustomerChange,
  loadCandidateShifts,
  loadOfferContext,
  type OfferContext,
} from './reschedule-repo.ts';

/** The customer, acting through a tracking link: no user; the audit details say who. */
const customerActor = (orgId: string): Actor => ({ userId: null, orgId, role: 'system' });
const VIA_LINK = { by: 'customer', via: 'tracking_link' } as const;

export interface Offer {
  context: OfferContext;
  allowed: boolean;
  /** Why not, when not allowed (shown to the customer, answered with the 409). */
  reason: string | null;
  days: OfferedDay[];
}

/** What the page may offer the order now. */
export async function rescheduleOffer(db: Db, orderId: string, now = new Date()): Promise<Offer | null> {
  const context = await loadOfferContext(db, orderId);
  if (!context) return null;
  const state = offerState(context);
  if (!state.allowed) return { context, allowed: false, reason: state.reason, days: [] };
  const { depotIds, shifts } = await loadCandidateShifts(db, context);
  const days = offeredDays({ now, shifts, depotIds, order: context, exclude: state.exclude });
  return {
    context,
    allowed: days.length > 0,
    reason: days.length ? null : 'no delivery day is open in the next weeks',
    days,
  };
}

/** The `reschedule` block of the tracking view. */
export async function trackReschedule(db: Db, orderId: string, now = new Date()): Promise<TrackView['reschedule']> {
  const offer = await rescheduleOffer(db, orderId, now);
  const c = offer?.context;
  const waiting = c && (c.status === 'imported' || c.status === 'planned');
  return {
    allowed: offer?.allowed ?? false,
    beforeStart: c?.beforeStart ?? false,
    days: offer?.days ?? [],
    next: waiting ? { dateFrom: c.dateFrom, dateTo: c.dateTo, windows: c.timeWindows } : null,
  };
}

export interface RescheduleDeps {
  db: Db;
  publicUrl: string;
  /** The confirmation's new link lives at most this many days (TRACK_LINK_MAX_DAYS). */
  linkMaxDays?: number;
  takeOffRoutes?: TakeOffRoutes;
  now?: () => Date;
}

const sameWindow = (a: TimeWindow | null, b: TimeWindow | null) => a?.start === b?.start && a?.end === b?.end;
const answer = (c: CustomerChange): TrackRescheduleResult => ({
  date: c.date,
  window: c.window,
  at: c.at.toISOString(),
});

/**
 * Moves the link's order to the chosen day. Answers the change and, once committed, what to do
 * next (announce changed routes, wake the sender, refresh the open pages); `replayed` when the
 * same change was already made.
 */
export async function rescheduleFromLink(
  deps: RescheduleDeps,
  link: { orgId: string; orderId: string },
  body: TrackRescheduleRequest,
): Promise<{ result: TrackRescheduleResult; replayed: boolean; announce: () => void }> {
  const window = body.window ?? null;
  const actor = customerActor(link.orgId);
  const now = deps.now?.() ?? new Date();
  return deps.db.transaction(async (tx) => {
    // One change at a time per order: a concurrent replay waits here, then sees the first one.
    await tx.query('SELECT id FROM orders WHERE id = $1 FOR UPDATE', [link.orderId]);
    const last = await lastCustomerChange(tx, link.orderId);
    if (last && last.date === body.date && sameWindow(last.window, window)) {
      return { result: answer(last), replayed: true, announce: () => {} };
    }
    const offer = await rescheduleOffer(tx, link.orderId, now);
    if (!offer) throw new AppError('not_found', 'No such tracking link (unknown or expired)');
    if (!offer.allowed)
      throw new AppError('conflict', `reschedule: ${offer.reason}`, { details: { reason: offer.reason } });
    const bad = whyNotOffered(offer.days, body.date, window);
    if (bad) {
      throw new AppError('unprocessable', bad.message, {
        details: [{ field: bad.field, message: bad.message, offered: offer.days }],
      });
    }
    // Before the start (when allowed): its stop comes off the unstarted route first, re-timing it
    // as a dispatcher's unassign does; the order follows back to imported.
    let announceRoutes = () => {};
    if (offer.context.status === 'planned' || offer.context.status === 'dispatched') {
      if (!deps.takeOffRoutes) throw new AppError('unavailable', 'reschedule: routes cannot be edited here');
      announceRoutes = await deps.takeOffRoutes(tx, actor, link.orderId);
    }
    const out = await rescheduleOrders(
      tx,
      actor,
      {
        orderIds: [link.orderId],
        dateFrom: body.date,
        dateTo: body.date,
        ...(window ? { timeWindows: [window] } : {}),
      },
      'reschedule',
      { now, requireWorkingDay: true, details: VIA_LINK },
    );
    const r = out.results[0];
    if (!r?.ok) {
      throw new AppError(r?.code === 'unprocessable' ? 'unprocessable' : 'conflict', `reschedule: ${r?.reason}`, {
        details: { reason: r?.reason },
      });
    }
    await recordEvent(tx, actor, CUSTOMER_RESCHEDULE, 'order', link.orderId, { ...VIA_LINK, date: body.date, window });
    const change = await lastCustomerChange(tx, link.orderId);
    if (!change) throw new Error('reschedule: the change just recorded is not found');
    // The confirmation, in the same transaction: one change, one message (keyed by the change).
    const [ctx] = await loadOrderContexts(tx, [link.orderId]);
    if (ctx) {
      await fireTrigger({ db: tx, publicUrl: deps.publicUrl, linkMaxDays: deps.linkMaxDays }, ctx, {
        trigger: 'rescheduled',
        version: `${body.date}@${change.at.getTime()}`,
        moved: { date: body.date, window },
        now: now.getTime(),
      });
    }
    return {
      result: answer(change),
      replayed: false,
      announce: () => {
        announceRoutes();
        out.announce();
      },
    };
  });
}
