/**
 * Automatic redelivery, in the stop event's transaction: with the organisation's
 * `redelivery.auto` on and the failure's reason in `redelivery.reasons` (`skipped` for a skipped
 * stop), a failed visit puts the order back to `imported` for the `offsetDays`-th working day
 * after the failed day (a day with a shift that can serve it; see working-days.ts), or, once it
 * has had `maxAttempts` visits, on hold with the reason `max_attempts`. Every step is audited:
 * `order.status` by the lifecycle, `order.reschedule` by reschedule.ts, `order.redelivery` here
 * (also when nothing could be done, saying why).
 */
import { addDays, type LocalDate } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { SHIFT_HORIZON_DAYS } from '../fleet/horizon.ts';
import { findOrganisation } from '../org/repo.ts';
import { transitionOrders } from './order-status.ts';
import { rescheduleOrders } from './reschedule.ts';
import { planningHorizon, workingDays } from './working-days.ts';

export interface FailedVisit {
  orderId: string;
  stopId: string;
  /** The failed route's day. */
  localDate: LocalDate;
  /** The driver's reason; `skipped` for a skipped stop. */
  reason: string | null;
  /** The attempt's number (1 for the first visit). */
  n: number;
  eventId: string | null;
}

export type RedeliveryOutcome =
  | { action: 'requeued'; dateFrom: LocalDate; dateTo: LocalDate }
  | { action: 'held'; reason: 'max_attempts' }
  | { action: 'none'; why: string };

/**
 * The day to redeliver on: the `offsetDays`-th working day after the failed day — and not
 * before today (an event synced late does not re-queue into the past) — or null.
 */
export async function redeliveryDay(
  tx: Db,
  orgId: string,
  orderId: string,
  failedDay: LocalDate,
  offsetDays: number,
  now?: Date,
): Promise<LocalDate | null> {
  const { first: today } = await planningHorizon(tx, orgId, now);
  const from = addDays(failedDay, 1);
  const searchEnd = addDays([from, today].sort()[1]!, SHIFT_HORIZON_DAYS);
  const days = await workingDays(tx, orgId, orderId, from, searchEnd);
  const day = days[offsetDays - 1];
  if (day && day >= today) return day;
  return days.find((d) => d >= today) ?? null;
}

/** Applies the organisation's redelivery setting to an order whose visit just failed. */
export async function redeliverAfterFailure(
  tx: Db,
  actor: Actor,
  visit: FailedVisit,
  opts: { now?: Date } = {},
): Promise<RedeliveryOutcome> {
  const org = await findOrganisation(tx, actor.orgId);
  const settings = org?.redelivery;
  if (!settings?.auto) return { action: 'none', why: 'automatic redelivery is off' };
  if (!visit.reason || !(settings.reasons as string[]).includes(visit.reason)) {
    return { action: 'none', why: `the reason ${visit.reason ?? '(none)'} does not re-queue` };
  }
  const audit = { stopId: visit.stopId, attempt: visit.n, reason: visit.reason, eventId: visit.eventId };
  if (visit.n >= settings.maxAttempts) {
    const { changed } = await transitionOrders(tx, actor, [visit.orderId], 'on_hold', 'hold', {
      details: { ...audit, holdReason: 'max_attempts' },
    });
    if (changed.length === 0) return { action: 'none', why: 'the order could not be held' };
    await tx.query(`UPDATE orders SET hold_reason = 'max_attempts', hold_until = NULL WHERE id = $1`, [visit.orderId]);
    await recordEvent(tx, actor, 'order.redelivery', 'order', visit.orderId, {
      ...audit,
      outcome: 'held',
      holdReason: 'max_attempts',
      maxAttempts: settings.maxAttempts,
    });
    return { action: 'held', reason: 'max_attempts' };
  }
  const day = await redeliveryDay(tx, actor.orgId, visit.orderId, visit.localDate, settings.offsetDays, opts.now);
  if (!day) {
    const why = `no shift can deliver this order within ${SHIFT_HORIZON_DAYS} days after ${visit.localDate}`;
    await recordEvent(tx, actor, 'order.redelivery', 'order', visit.orderId, { ...audit, outcome: 'none', why });
    return { action: 'none', why };
  }
  // The order's allowed days are kept where they run past the redelivery day.
  const { rows } = await tx.query<{ date_to: string }>(
    `SELECT to_char(date_to, 'YYYY-MM-DD') AS date_to FROM orders WHERE id = $1`,
    [visit.orderId],
  );
  const dateTo = rows[0] && rows[0].date_to > day ? rows[0].date_to : day;
  const { results } = await rescheduleOrders(
    tx,
    actor,
    { orderIds: [visit.orderId], dateFrom: day, dateTo },
    'requeue',
    { anyDay: true, details: audit },
  );
  const r = results[0]!;
  if (!r.ok) return { action: 'none', why: r.reason };
  await recordEvent(tx, actor, 'order.redelivery', 'order', visit.orderId, {
    ...audit,
    outcome: 'requeued',
    dateFrom: day,
    dateTo,
  });
  return { action: 'requeued', dateFrom: day, dateTo };
}
