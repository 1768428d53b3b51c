/**
 * Why an order named in a plan's `orderIds` was not given to the solver (pure): nothing a
 * dispatcher asked for vanishes from a plan without a reason in its unassigned list.
 */
import type { LocalDate, OrderStatus, UnassignedReason } from '@tournee/shared';
import { PLANNABLE_STATUSES } from '../lifecycle/transitions.ts';

export interface NamedOrder {
  id: string;
  status: OrderStatus;
  dateFrom: LocalDate;
  dateTo: LocalDate;
  /** On a route the plan does not replace (kept, another depot's or another day's), or visited on a started one. */
  onOtherRoute: boolean;
}

/** The reason an order the plan did not load was left out. */
export function whyNotLoaded(o: NamedOrder, range: { from: LocalDate; to: LocalDate }): UnassignedReason {
  if (o.status === 'on_hold') return 'on_hold';
  if (o.status === 'cancelled') return 'cancelled';
  if (!PLANNABLE_STATUSES.includes(o.status)) return `status:${o.status}`;
  if (o.dateTo < range.from || o.dateFrom > range.to) return 'outside_range';
  return 'on_other_route';
}

/**
 * The unassigned entries of the named orders the plan did not load: `named` are the orders
 * found (unknown ids were refused with the request), `loaded` the ids given to the builder.
 */
export function unloadedNamed(
  named: readonly NamedOrder[],
  loaded: ReadonlySet<string>,
  range: { from: LocalDate; to: LocalDate },
): { orderId: string; reason: UnassignedReason }[] {
  return named.filter((o) => !loaded.has(o.id)).map((o) => ({ orderId: o.id, reason: whyNotLoaded(o, range) }));
}
