/**
 * Orders outside imports: list, read, change (validated like an import row) and cancel.
 * Every write is audited in the same transaction.
 */
import type { ImportRowError, Order, OrderListQuery, Page } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { AppError, found, notFound } from '../errors.ts';
import { geocodeMany } from '../geocoding/cache.ts';
import { cancelOrders } from '../lifecycle/cancel.ts';
import { whyNot } from '../lifecycle/transitions.ts';
import type { Geocoder } from '../geocoding/geocoder.ts';
import { hashRow } from './import/row-hash.ts';
import { type RowContext, validateRow } from './import/validate-row.ts';
import { editRefusal } from './actions.ts';
import type { OrderPatchWithPickup } from './pickup-patch.ts';
import * as repo from './repo.ts';
import { orgDefaults } from '../org/repo.ts';

export interface OrdersDeps {
  db: Db;
  geocoder: Geocoder | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function listOrders(db: Db, actor: Actor, q: OrderListQuery): Promise<Page<Order>> {
  const { items, total } = await repo.listOrders(db, actor.orgId, q);
  return { items, total, limit: q.limit, offset: q.offset };
}

export async function getOrder(db: Db, actor: Actor, id: string): Promise<Order> {
  const order = UUID.test(id) ? await repo.findOrder(db, actor.orgId, id) : null;
  if (!order) throw notFound('Order');
  return order;
}

async function orgContext(db: Db, orgId: string): Promise<RowContext> {
  return found(await orgDefaults(db, orgId), 'Organisation');
}

/** The patch field an import column's error belongs to, so PATCH errors name the body's fields. */
function patchField(column: string): string {
  if (column === 'lat' || column === 'lon') return 'location';
  if (column === 'date' || column === 'date_from') return 'dateFrom';
  if (column === 'date_to') return 'dateTo';
  if (/^tw\d*_/.test(column)) return 'timeWindows';
  if (column === 'service_min') return 'serviceS';
  if (column.startsWith('demand_')) return 'demand';
  if (column === 'require_proof') return 'requireProof';
  if (column === 'pickup_address') return 'pickup.address';
  if (column === 'pickup_lat' || column === 'pickup_lon') return 'pickup.location';
  if (column === 'pickup_tw_start' || column === 'pickup_tw_end') return 'pickup.timeWindows';
  return column;
}

/**
 * Changes an order. The merged order is validated exactly like an import row (phone to E.164,
 * windows in order, coordinates on Earth…); a dispatched (or later) or cancelled order is a 409.
 * A new address without a new location is geocoded when a geocoder is configured; so is a
 * pickup given without a location. `pickup: null` makes the order a plain delivery again.
 */
export async function patchOrder(
  deps: OrdersDeps,
  actor: Actor,
  id: string,
  patch: OrderPatchWithPickup,
): Promise<Order> {
  return deps.db.transaction(async (tx) => {
    const current = UUID.test(id) ? await repo.findOrder(tx, actor.orgId, id, true) : null;
    if (!current) throw notFound('Order');
    const refusal = editRefusal(current);
    if (refusal) throw new AppError('conflict', refusal);
    const ctx = await orgContext(tx, actor.orgId);
    if (patch.demand && patch.demand.length !== ctx.dimensions.length) {
      throw new AppError('unprocessable', `demand: needs one value per dimension (${ctx.dimensions.join(', ')})`, {
        details: [{ field: 'demand', message: `needs ${ctx.dimensions.length} values` }],
      });
    }
    const m = { ...current, ...patch };
    const relocate = patch.address !== undefined && patch.address !== current.address && !patch.location;
    const record: Record<string, unknown> = {
      ref: m.ref,
      name: m.name,
      phone: m.phone,
      email: m.email,
      address: m.address,
      lon: relocate ? undefined : m.location.coordinates[0],
      lat: relocate ? undefined : m.location.coordinates[1],
      date_from: m.dateFrom,
      date_to: m.dateTo,
      service_min: m.serviceS / 60,
      skills: m.skills.join(','),
      priority: m.priority,
      notes: m.notes,
      require_proof: m.requireProof.join(','),
    };
    // The pickup as the import's pickup_* cells: the given one, else the order's own.
    const pickup = patch.pickup !== undefined ? patch.pickup : current.pickup;
    if (pickup) {
      record.pickup_address = pickup.address;
      if (pickup.location) {
        record.pickup_lon = pickup.location.coordinates[0];
        record.pickup_lat = pickup.location.coordinates[1];
      }
      const pw = pickup.timeWindows[0];
      if (pw) {
        record.pickup_tw_start = pw.start;
        record.pickup_tw_end = pw.end;
      }
    }
    m.timeWindows.forEach((w, i) => {
      record[i === 0 ? 'tw_start' : `tw${i + 1}_start`] = w.start;
      record[i === 0 ? 'tw_end' : `tw${i + 1}_end`] = w.end;
    });
    ctx.dimensions.forEach((d, i) => {
      record[`demand_${d}`] = m.demand[i] ?? 0;
    });
    const result = validateRow(record, 0, ctx);
    if (!result.ok) throw invalidPatch(result.errors);
    const row = result.row;
    let [lon, lat] = m.location.coordinates;
    let geocoded = patch.location ? false : current.geocoded;
    if (relocate && deps.geocoder) {
      const found = (await geocodeMany(tx, deps.geocoder, [row.address], ctx.defaultCountry)).get(row.address);
      if (found?.kind !== 'found') {
        throw invalidPatch([
          {
            row: 0,
            column: 'address',
            value: row.address,
            message:
              found?.kind === 'not_found'
                ? 'was not found by the geocoder: give a location too'
                : 'could not be geocoded now: give a location too',
          },
        ]);
      }
      ({ lon, lat } = found.result);
      geocoded = true;
    }
    // Hashed as an import hashes it, before geocoding.
    const hash = hashRow(row);
    const pickupRow = row.pickup;
    if (pickupRow && (pickupRow.lon === null || pickupRow.lat === null)) {
      const where = (message: string) =>
        invalidPatch([{ row: 0, column: 'pickup_address', value: pickupRow.address, message }]);
      if (!deps.geocoder)
        throw where('has no location, and no geocoder is configured to find it: give the pickup a location');
      const found = (await geocodeMany(tx, deps.geocoder, [pickupRow.address], ctx.defaultCountry)).get(
        pickupRow.address,
      );
      if (found?.kind !== 'found') {
        throw where(
          found?.kind === 'not_found'
            ? 'was not found by the geocoder: give the pickup a location too'
            : 'could not be geocoded now: give the pickup a location too',
        );
      }
      pickupRow.lon = found.result.lon;
      pickupRow.lat = found.result.lat;
    }
    const updated = await repo.updateOrder(tx, actor.orgId, id, { row: { ...row, lon, lat }, geocoded, hash });
    await recordEvent(tx, actor, 'order.update', 'order', id, { ref: current.ref, changes: patch });
    return updated;
  });
}

function invalidPatch(errors: ImportRowError[]): AppError {
  const details = errors.map((e) => ({ field: patchField(e.column), value: e.value, message: e.message }));
  return new AppError('unprocessable', `Invalid order: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`, {
    details,
  });
}

/** Takes an order's pending stops off their routes in the caller's transaction (dispatch). */
export type TakeOffRoutes = (tx: Db, actor: Actor, orderId: string) => Promise<() => void>;

/**
 * Cancels an order (DELETE): it stays, with status cancelled, and its tracking links expire.
 * In one transaction: checked against the order lifecycle (a dispatched, started or delivered
 * order is a 409 saying why), its stop taken off a draft route, the order cancelled and audited.
 * Cancelling twice changes nothing.
 */
export async function cancelOrder(
  deps: { db: Db; takeOffRoutes?: TakeOffRoutes },
  actor: Actor,
  id: string,
): Promise<Order> {
  const { order, announce } = await deps.db.transaction(async (tx) => {
    const current = UUID.test(id) ? await repo.findOrder(tx, actor.orgId, id, true) : null;
    if (!current) throw notFound('Order');
    if (current.status === 'cancelled') return { order: current, announce: null };
    const why = whyNot(current.status, 'cancelled', 'cancel');
    if (why) throw new AppError('conflict', `Order ${current.ref}: ${why}`);
    const announce = deps.takeOffRoutes ? await deps.takeOffRoutes(tx, actor, id) : null;
    await cancelOrders(tx, actor, [id], { strict: true });
    await recordEvent(tx, actor, 'order.cancel', 'order', id, { ref: current.ref, previousStatus: current.status });
    return { order: (await repo.findOrder(tx, actor.orgId, id))!, announce };
  });
  announce?.();
  return order;
}
