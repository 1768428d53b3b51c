/**
 * An order's chain of custody: its import, edits and status changes, plans, publications, the
 * driver's stop events (device and receipt times), proofs, customer messages and the rating,
 * merged in time order. Entries of one transaction share one time (PostgreSQL's now()); they
 * then follow the order things happen in it (a plan before the status it caused…).
 */
import type { HistoryActor, HistoryEntry, HistoryKind, OrderHistory } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import { found } from '../errors.ts';
import * as repo from './history-repo.ts';

const RANK: Record<HistoryKind, number> = {
  import: 0,
  plan: 1,
  publication: 2,
  edit: 3,
  status: 4,
  stop_event: 5,
  proof: 6,
  message: 7,
  rating: 8,
};

/** Oldest first; ties (one transaction) in the order of RANK, then as given. */
export function sortEntries(entries: HistoryEntry[]): HistoryEntry[] {
  return entries
    .map((e, i) => ({ e, i, t: Date.parse(e.at) }))
    .sort((a, b) => a.t - b.t || RANK[a.e.kind] - RANK[b.e.kind] || a.i - b.i)
    .map((x) => x.e);
}

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());
const user = (id: string | null, name: string | null): HistoryActor =>
  id ? { type: 'user', id, name } : { type: 'system', id: null, name: null };
const driver = (id: string, name: string | null): HistoryActor => ({ type: 'driver', id, name });
const CUSTOMER: HistoryActor = { type: 'customer', id: null, name: null };
// What a customer does through the tracking link (their events carry no user).
const CUSTOMER_ACTIONS = new Set(['opt_out', 'order.customer_reschedule']);

/** The order's history, or 404 when the organisation has no such order. */
export async function orderHistory(db: Db, orgId: string, orderId: string): Promise<OrderHistory> {
  const order = found(await repo.findOrderRow(db, orgId, orderId), 'Order');
  const importIds = [...new Set([order.import_id, order.last_import_id].filter((x): x is string => !!x))];
  const [imports, events, plans, publications, stopEvents, proofs, messages, ratings] = await Promise.all([
    repo.importsOf(db, orgId, importIds),
    repo.orderEvents(db, orgId, orderId),
    repo.plansOf(db, orgId, orderId),
    repo.publicationsOf(db, orgId, orderId),
    repo.stopEventsOf(db, orgId, orderId),
    repo.proofsOf(db, orgId, orderId),
    repo.messagesOf(db, orgId, orderId),
    repo.ratingOf(db, orgId, orderId),
  ]);
  const entries: HistoryEntry[] = [];

  for (const i of imports) {
    const created = i.id === order.import_id;
    entries.push({
      at: iso(i.at),
      kind: 'import',
      actor: user(i.user_id, i.user_name),
      summary: `${created ? 'Created' : 'Changed'} by the import of ${i.filename ?? (i.format === 'json' ? 'a JSON request' : `a ${i.format} upload`)}`,
      details: { importId: i.id, filename: i.filename, format: i.format, created, source: order.source },
    });
  }
  // Orders from before imports were linked (or written another way) still start somewhere.
  if (!order.import_id) {
    entries.push({
      at: iso(order.created_at),
      kind: 'import',
      summary: `Created (${order.source ?? 'unknown source'})`,
      details: { importId: null, created: true, source: order.source },
    });
  }
  // A change without a user made by a driver's stop event (the order delivered, the route
  // started) is the driver's: the event it names, or the one received in the same transaction.
  const driverOf = (e: repo.OrderEventRow): HistoryActor | null => {
    const by =
      stopEvents.find((s) => s.id === e.details?.eventId) ??
      stopEvents.find((s) => s.received_at.getTime() === e.at.getTime());
    return by ? driver(by.driver_id, by.driver_name) : null;
  };
  for (const e of events) {
    // The rating has its own entry, from the ratings table (with the comment).
    if (e.action === 'rate') continue;
    const d = e.details ?? {};
    const isStatus = e.action === 'order.status';
    const actor = e.user_id
      ? user(e.user_id, e.user_name)
      : CUSTOMER_ACTIONS.has(e.action)
        ? CUSTOMER
        : (driverOf(e) ?? user(null, null));
    entries.push({
      at: iso(e.at),
      kind: isStatus ? 'status' : 'edit',
      actor,
      summary: isStatus ? `Status ${d.from} → ${d.to} (${d.cause})` : `${e.action}`,
      details: { action: e.action, eventId: e.id, ...d },
    });
  }
  for (const p of plans) {
    entries.push({
      at: iso(p.at),
      kind: 'plan',
      actor: user(p.user_id, p.user_name),
      summary: p.route_id
        ? `Planned on a route of ${p.local_date}`
        : p.unassigned_reason
          ? `Left unassigned by a plan (${p.unassigned_reason})`
          : 'Placed by a plan (since replaced)',
      details: {
        planId: p.id,
        from: p.from_date,
        to: p.to_date,
        routeId: p.route_id,
        localDate: p.local_date,
        unassignedReason: p.unassigned_reason,
      },
    });
  }
  // The first version of a route holding the order is its publication; later ones resend it.
  const seenRoutes = new Set<string>();
  for (const v of publications) {
    const first = !seenRoutes.has(v.route_id);
    seenRoutes.add(v.route_id);
    entries.push({
      at: iso(v.at),
      kind: 'publication',
      actor: user(v.user_id, v.user_name),
      summary: first
        ? `Published to ${v.driver_name ?? 'the driver'} (stop ${v.seq})`
        : `Route changed, sent again as version ${v.version} (stop ${v.seq})`,
      details: {
        routeId: v.route_id,
        version: v.version,
        first,
        localDate: v.local_date,
        driverId: v.driver_id,
        vehicleId: v.vehicle_id,
        stopId: v.stop_id,
        seq: v.seq,
        plannedArrivalAt: v.planned_arrival_at,
        action: v.action,
      },
    });
  }
  for (const s of stopEvents) {
    entries.push({
      at: iso(s.device_at),
      kind: 'stop_event',
      actor: driver(s.driver_id, s.driver_name),
      summary: `Driver: ${s.type}${s.reason ? ` (${s.reason})` : ''}`,
      details: {
        eventId: s.id,
        stopId: s.stop_id,
        routeId: s.route_id,
        type: s.type,
        reason: s.reason,
        note: s.note,
        recipientName: s.recipient_name,
        deviceAt: iso(s.device_at),
        receivedAt: iso(s.received_at),
      },
    });
  }
  for (const p of proofs) {
    entries.push({
      at: iso(p.at),
      kind: 'proof',
      actor: driver(p.driver_id, p.driver_name),
      summary: `Proof of delivery: ${p.kind}`,
      details: {
        proofId: p.id,
        eventId: p.event_id,
        kind: p.kind,
        contentType: p.content_type,
        bytes: p.bytes,
        url: `/api/proofs/${p.id}`,
      },
    });
  }
  for (const m of messages) {
    entries.push({
      at: iso(m.at),
      kind: 'message',
      actor: { type: 'system', id: null, name: null },
      summary: `${m.channel.toUpperCase()} "${m.trigger}" to ${m.recipient}: ${m.status}`,
      details: {
        notificationId: m.id,
        channel: m.channel,
        trigger: m.trigger,
        recipient: m.recipient,
        status: m.status,
        attempts: m.attempts,
        sentAt: m.sent_at ? iso(m.sent_at) : null,
        lastError: m.last_error,
      },
    });
  }
  for (const r of ratings) {
    entries.push({
      at: iso(r.at),
      kind: 'rating',
      actor: CUSTOMER,
      summary: `Rated ${r.rating}/5${r.comment ? `: ${r.comment}` : ''}`,
      details: { rating: r.rating, comment: r.comment },
    });
  }
  return { orderId: order.id, ref: order.ref, source: order.source, entries: sortEntries(entries) };
}
