/**
 * Rescheduling orders, in the caller's transaction: new allowed days (and optionally delivery
 * windows and notes) for orders that are on no route — failed, skipped, on hold or imported —
 * which go (back) to `imported`, so the plan of one of those days picks them up. Used by the
 * dispatcher's `POST /api/orders/:id/reschedule` and bulk form, the customer's tracking page
 * (`requireWorkingDay`) and automatic redelivery (redelivery.ts, cause `requeue`).
 *
 * Request-wide problems (dates out of the planning horizon) throw a 422 naming the field; each
 * order is answered on its own: done, or why not (no such order, its status, its route started,
 * no shift on those days). Each change is audited: `order.status` by the lifecycle and
 * `order.reschedule` {before, after, cause} here.
 */
import type { LocalDate, OrderStatus, RescheduleOutcome, TimeWindow } from '@tournee/shared';
import { RESCHEDULABLE_STATUSES } from '@tournee/shared';
import { type Actor, recordEvents } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import type { OrdersRow } from '../db/rows/orders.ts';
import { AppError } from '../errors.ts';
import { transitionOrders } from './order-status.ts';
import type { TransitionCause } from './transitions.ts';
import { whyNot } from './transitions.ts';
import { planningHorizon, workingDays } from './working-days.ts';

export interface RescheduleInput {
  orderIds: readonly string[];
  dateFrom: LocalDate;
  dateTo: LocalDate;
  /** Replaces the order's windows; kept when absent. */
  timeWindows?: readonly TimeWindow[];
  /** Replaces the order's notes; kept when absent. */
  notes?: string;
}

/**
 * Takes an order's pending stops off routes that have not started, in the caller's transaction
 * (dispatch/cancel-order.ts `takeOffRoutes`, which re-times the route); returns what to announce
 * once committed.
 */
export type TakeOffRoutes = (tx: Db, actor: Actor, orderId: string) => Promise<() => void>;

export interface RescheduleOptions {
  /** The clock the planning horizon is read from. @default new Date() */
  now?: Date;
  /** Without it, an order still on an unstarted route is refused ("take its stop off first"). */
  takeOffRoutes?: TakeOffRoutes;
  /** Refuse an order for which no shift can serve it on any day of the range (customers). @default false */
  requireWorkingDay?: boolean;
  /** Skip the planning-horizon check (redelivery computes its day from the failed day). @default false */
  anyDay?: boolean;
  /** Added to each order's audit events (e.g. the stop event, the tracking token's order). */
  details?: Record<string, unknown>;
}

export interface RescheduleResult {
  results: RescheduleOutcome[];
  /** Call after the transaction committed: announces routes changed by taking stops off. */
  announce: () => void;
}

type Row = Pick<OrdersRow, 'id' | 'ref' | 'notes'> & {
  status: OrderStatus;
  /** `to_char(…, 'YYYY-MM-DD')` of the date columns. */
  date_from: string;
  date_to: string;
  time_windows: TimeWindow[];
  on_road: boolean;
  on_route: boolean;
};

function statusReason(status: OrderStatus, cause: TransitionCause): string {
  if (status === 'planned' || status === 'dispatched' || status === 'in_progress') {
    return `the order is ${status}: it is on a route; take its stop off the route first`;
  }
  return whyNot(status, 'imported', cause) ?? `the order is ${status}`;
}

/** Reschedules each order where it can be (see the module comment); answers per id, in input order. */
export async function rescheduleOrders(
  tx: Db,
  actor: Actor,
  input: RescheduleInput,
  cause: Extract<TransitionCause, 'reschedule' | 'requeue'> = 'reschedule',
  opts: RescheduleOptions = {},
): Promise<RescheduleResult> {
  const { dateFrom, dateTo } = input;
  if (dateFrom > dateTo) {
    throw new AppError('unprocessable', `dateTo: ${dateTo} is before dateFrom ${dateFrom}`, {
      details: [{ field: 'dateTo', message: 'must not be before dateFrom' }],
    });
  }
  if (!opts.anyDay) {
    const h = await planningHorizon(tx, actor.orgId, opts.now);
    if (dateFrom < h.first) {
      throw new AppError('unprocessable', `dateFrom: ${dateFrom} is in the past (today is ${h.first})`, {
        details: [{ field: 'dateFrom', message: `must be ${h.first} or later` }],
      });
    }
    if (dateTo > h.last) {
      throw new AppError('unprocessable', `dateTo: ${dateTo} is beyond the planning horizon (${h.last})`, {
        details: [{ field: 'dateTo', message: `must be ${h.last} or earlier` }],
      });
    }
  }
  const ids = [...new Set(input.orderIds)];
  // Locked in id order (as applyTransitions does), so overlapping reschedules cannot deadlock.
  const { rows } = await tx.query<Row>(
    `SELECT o.id, o.ref, o.status, to_char(o.date_from, 'YYYY-MM-DD') AS date_from,
       to_char(o.date_to, 'YYYY-MM-DD') AS date_to, o.time_windows, o.notes,
       EXISTS (SELECT 1 FROM stops s JOIN routes r ON r.id = s.route_id WHERE s.order_id = o.id
                 AND (s.status = 'arrived' OR (s.status = 'pending' AND r.status IN ('in_progress', 'done')))) AS on_road,
       EXISTS (SELECT 1 FROM stops s WHERE s.order_id = o.id AND s.status = 'pending') AS on_route
       FROM orders o WHERE o.org_id = $1 AND o.id = ANY($2::uuid[]) ORDER BY o.id FOR UPDATE OF o`,
    [actor.orgId, ids],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const refused = new Map<string, RescheduleOutcome>();
  const no = (id: string, code: 'not_found' | 'conflict' | 'unprocessable', reason: string) =>
    refused.set(id, { id, ok: false, code, reason });
  const announces: (() => void)[] = [];
  for (const id of ids) {
    const r = byId.get(id);
    if (!r) no(id, 'not_found', 'no such order');
    else if (!RESCHEDULABLE_STATUSES.includes(r.status)) no(id, 'conflict', statusReason(r.status, cause));
    else if (r.on_road) no(id, 'conflict', 'its stop is on a route that has started: the driver has it');
    else if (r.on_route && !opts.takeOffRoutes) no(id, 'conflict', 'it is on a route: take its stop off first');
    else if (opts.requireWorkingDay && (await workingDays(tx, actor.orgId, id, dateFrom, dateTo)).length === 0) {
      no(id, 'unprocessable', `no shift can deliver this order between ${dateFrom} and ${dateTo}`);
    } else if (r.on_route && opts.takeOffRoutes) announces.push(await opts.takeOffRoutes(tx, actor, id));
  }
  const moving = ids.filter((id) => !refused.has(id) && byId.get(id)!.status !== 'imported');
  const moved = await transitionOrders(tx, actor, moving, 'imported', cause, { details: opts.details });
  for (const f of moved.refused) no(f.orderId, 'conflict', f.reason);
  const done = ids.filter((id) => !refused.has(id));
  if (done.length) {
    await tx.query(
      `UPDATE orders SET date_from = $2::date, date_to = $3::date, time_windows = coalesce($4::jsonb, time_windows),
         notes = coalesce($5::text, notes), hold_reason = NULL, hold_until = NULL, updated_at = now()
       WHERE id = ANY($1::uuid[])`,
      [done, dateFrom, dateTo, input.timeWindows ? JSON.stringify(input.timeWindows) : null, input.notes ?? null],
    );
    await recordEvents(
      tx,
      actor,
      done.map((id) => {
        const r = byId.get(id)!;
        return {
          action: 'order.reschedule',
          entity: 'order',
          entityId: id,
          details: {
            ...opts.details,
            ref: r.ref,
            cause,
            before: { status: r.status, dateFrom: r.date_from, dateTo: r.date_to, timeWindows: r.time_windows },
            after: { status: 'imported', dateFrom, dateTo, timeWindows: input.timeWindows ?? r.time_windows },
            ...(input.notes !== undefined ? { notes: input.notes } : {}),
          },
        };
      }),
    );
  }
  const results = input.orderIds.map(
    (id): RescheduleOutcome => refused.get(id) ?? { id, ok: true, status: 'imported', dateFrom, dateTo },
  );
  return {
    results,
    announce: () => {
      for (const a of announces) a();
    },
  };
}
