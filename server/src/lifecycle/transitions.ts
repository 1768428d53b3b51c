/**
 * The order lifecycle as one table: from each status, the statuses an order may go to and the
 * causes that may take it there. Everything that changes `orders.status` goes through
 * `applyTransitions` (order-status.ts), which checks this table and audits each change.
 *
 *   imported → planned → dispatched → in_progress → delivered | failed | skipped
 *
 * An order on a route follows it (cause `plan` or `edit`): imported / planned / dispatched /
 * in_progress as its route is a draft, published or on the road, and back to imported when its
 * stop leaves every route. `failed` and `skipped` end a visit, not the order: `requeue` puts
 * them back to imported (`requeue`: automatic redelivery; `reschedule`: new days from a
 * dispatcher or the customer), and a driver correcting such a visit to delivered delivers the
 * re-queued or held order (`stop_event`); `hold` / `release` park an order; `cancelled` is final.
 */
import type { OrderStatus } from '@tournee/shared';

/** Why an order changes status; recorded with each change in the audit trail. */
export type TransitionCause =
  /** A plan put the order on a route, moved it or took it off. */
  | 'plan'
  /** A dispatcher's edit, an urgent insert, or a cancel taking the stop off its route. */
  | 'edit'
  | 'publish'
  | 'route_start'
  /** The driver's delivered / failed / skipped (a later event may correct an earlier one). */
  | 'stop_event'
  | 'cancel'
  /** Back to imported after a failed or skipped visit (automatic redelivery, redelivery.ts). */
  | 'requeue'
  /** New dates for an order not on a route (failed, skipped, held or imported): reschedule.ts. */
  | 'reschedule'
  | 'hold'
  | 'release';

const FOLLOW: readonly TransitionCause[] = ['plan', 'edit'];
const STOP: readonly TransitionCause[] = ['stop_event'];

type Table = { readonly [F in OrderStatus]: { readonly [T in OrderStatus]?: readonly TransitionCause[] } };

export const ORDER_TRANSITIONS: Table = {
  // delivered by stop_event: the driver corrects the failed visit of a re-queued (or held) order.
  imported: {
    planned: FOLLOW,
    dispatched: FOLLOW,
    in_progress: FOLLOW,
    delivered: STOP,
    on_hold: ['hold'],
    cancelled: ['cancel'],
  },
  planned: {
    imported: FOLLOW,
    dispatched: [...FOLLOW, 'publish'],
    in_progress: FOLLOW,
    on_hold: ['hold'],
    cancelled: ['cancel'],
  },
  // By stop_event: the pickup of a pickup and delivery order (still dispatched on a started
  // route until then) was made (in_progress), failed or skipped.
  dispatched: {
    imported: FOLLOW,
    planned: FOLLOW,
    in_progress: [...FOLLOW, 'route_start', 'stop_event'],
    failed: STOP,
    skipped: STOP,
    on_hold: ['hold'],
  },
  in_progress: {
    imported: FOLLOW,
    planned: FOLLOW,
    dispatched: FOLLOW,
    delivered: STOP,
    failed: STOP,
    skipped: STOP,
    on_hold: ['hold'],
  },
  delivered: { failed: STOP, skipped: STOP },
  failed: {
    delivered: STOP,
    skipped: STOP,
    imported: ['requeue', 'reschedule'],
    on_hold: ['hold'],
    cancelled: ['cancel'],
  },
  skipped: {
    delivered: STOP,
    failed: STOP,
    imported: ['requeue', 'reschedule'],
    on_hold: ['hold'],
    cancelled: ['cancel'],
  },
  on_hold: { imported: ['release', 'reschedule'], delivered: STOP, cancelled: ['cancel'] },
  cancelled: {},
};

/** The statuses in which an order is wherever its stop is (see `followRoutes`). */
export const FOLLOWING_STATUSES: readonly OrderStatus[] = ['imported', 'planned', 'dispatched', 'in_progress'];

/** The statuses a plan may (re)plan: an order not yet visited, on a route or not. */
export const PLANNABLE_STATUSES: readonly OrderStatus[] = FOLLOWING_STATUSES;

/**
 * Null when the table allows `from → to` by `cause` (or nothing changes), otherwise why not, in
 * words a dispatcher can act on.
 */
export function whyNot(from: OrderStatus, to: OrderStatus, cause: TransitionCause): string | null {
  if (from === to) return null;
  const causes = ORDER_TRANSITIONS[from][to];
  if (causes?.includes(cause)) return null;
  if (causes) return `an order goes from ${from} to ${to} by ${causes.join(' or ')}, not by ${cause}`;
  if (from === 'cancelled') return 'the order is cancelled, which is final';
  if (to === 'cancelled' && (from === 'dispatched' || from === 'in_progress')) {
    return `the order is ${from}: take its stop off the route before cancelling it`;
  }
  if (from === 'delivered') return 'the order is delivered; only a stop event can correct that';
  if (to === 'delivered' || to === 'failed' || to === 'skipped') {
    return `the order is ${from}: only an order on a route that has started can be ${to}`;
  }
  if (from === 'on_hold') return 'the order is on hold: release it first';
  return `an order cannot go from ${from} to ${to}`;
}
