/** SQL of orders outside imports: list with filters, get, update (status: see lifecycle/). */
import type { Order, OrderListQuery, RequiredProof, TimeWindow } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { OrdersRow } from '../db/rows/orders.ts';
import type { OrderWrite } from './import/import-repo.ts';

/** An order's row as ORDER_COLUMNS selects it. */
export type OrderRow = Pick<
  OrdersRow,
  | 'id'
  | 'ref'
  | 'name'
  | 'phone'
  | 'email'
  | 'address'
  | 'geocoded'
  | 'date_from'
  | 'date_to'
  | 'service_s'
  | 'demand'
  | 'skills'
  | 'priority'
  | 'notes'
  | 'depot_id'
  | 'tags'
  | 'pickup_address'
  | 'created_at'
  | 'updated_at'
  | 'cancelled_at'
> & {
  lon: number;
  lat: number;
  time_windows: TimeWindow[];
  require_proof: RequiredProof[];
  pickup_lon: number | null;
  pickup_lat: number | null;
  pickup_time_windows: TimeWindow[];
  status: Order['status'];
};

/** The columns an Order is read from (orderFromRow); other modules' read-only queries use them too. */
export const ORDER_COLUMNS = `id, ref, name, phone, email, address, ST_X(location::geometry) AS lon, ST_Y(location::geometry) AS lat,
  geocoded, date_from, date_to, time_windows, service_s, demand, skills, priority, notes, require_proof, status,
  depot_id, tags, pickup_address, ST_X(pickup_location::geometry) AS pickup_lon, ST_Y(pickup_location::geometry) AS pickup_lat,
  pickup_time_windows, created_at, updated_at, cancelled_at`;

/** The columns that say when an order can be served and what it asks, as the orders table holds them. */
export type OrderPlanRow = Pick<
  OrderRow,
  'date_from' | 'date_to' | 'time_windows' | 'service_s' | 'demand' | 'skills' | 'priority'
>;

/** Those columns under the shared types' names (an order, or a planning input). */
export const orderPlanFields = (r: OrderPlanRow) => ({
  dateFrom: r.date_from,
  dateTo: r.date_to,
  timeWindows: r.time_windows,
  serviceS: r.service_s,
  demand: r.demand.map(Number),
  skills: r.skills,
  priority: r.priority,
});

export const orderFromRow = (r: OrderRow): Order => ({
  id: r.id,
  ref: r.ref,
  name: r.name,
  phone: r.phone,
  email: r.email,
  address: r.address,
  location: { type: 'Point', coordinates: [r.lon, r.lat] },
  geocoded: r.geocoded,
  ...orderPlanFields(r),
  notes: r.notes,
  requireProof: r.require_proof,
  depotId: r.depot_id,
  tags: r.tags,
  pickup:
    r.pickup_lon === null || r.pickup_lat === null
      ? null
      : {
          address: r.pickup_address ?? '',
          location: { type: 'Point', coordinates: [r.pickup_lon, r.pickup_lat] },
          timeWindows: r.pickup_time_windows,
        },
  status: r.status,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  cancelledAt: r.cancelled_at ? r.cancelled_at.toISOString() : null,
});

const ACCENTED = 'àáâãäåçèéêëìíîïñòóôõöùúûüýÿ';
const PLAIN = 'aaaaaaceeeeiiiinooooouuuuyy';
const foldSql = (column: string) => `translate(lower(${column}), '${ACCENTED}', '${PLAIN}')`;
const fold = (text: string) => [...text.toLowerCase()].map((ch) => PLAIN[ACCENTED.indexOf(ch)] ?? ch).join('');

/** A page of the organisation's orders matching the filters, by first date then ref. */
export async function listOrders(db: Db, orgId: string, q: OrderListQuery): Promise<{ items: Order[]; total: number }> {
  const where = ['org_id = $1'];
  const params: unknown[] = [orgId];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (q.from) add((p) => `date_to >= ${p}::date`, q.from);
  if (q.to) add((p) => `date_from <= ${p}::date`, q.to);
  if (q.status?.length) add((p) => `status = ANY(${p}::text[])`, q.status);
  if (q.q) {
    // Case- and accent-insensitive ("helene" finds "Hélène") with translate(), which both
    // PostgreSQL and PGlite have, unlike the unaccent extension.
    const like = `%${fold(q.q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    add(
      (p) => `(${foldSql('ref')} LIKE ${p} OR ${foldSql('name')} LIKE ${p} OR ${foldSql('address')} LIKE ${p})`,
      like,
    );
  }
  if (q.bbox) {
    // A lon/lat box as drawn on a map: compared as geometry, not along great circles.
    const [minLon, minLat, maxLon, maxLat] = q.bbox;
    params.push(minLon, minLat, maxLon, maxLat);
    const n = params.length;
    where.push(`location::geometry && ST_MakeEnvelope($${n - 3}, $${n - 2}, $${n - 1}, $${n}, 4326)`);
  }
  const cond = where.join(' AND ');
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM orders WHERE ${cond}`, params);
  const rows = await db.query<OrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM orders WHERE ${cond} ORDER BY date_from, ref LIMIT ${q.limit} OFFSET ${q.offset}`,
    params,
  );
  return { items: rows.rows.map(orderFromRow), total: total.rows[0]!.n };
}

/** One order of the organisation; `forUpdate` locks it for the rest of the transaction. */
export async function findOrder(db: Db, orgId: string, id: string, forUpdate = false): Promise<Order | null> {
  const res = await db.query<OrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM orders WHERE org_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [orgId, id],
  );
  return res.rows[0] ? orderFromRow(res.rows[0]) : null;
}

/** Replaces an order's content (not its ref or status), its pickup included (none: cleared). */
export async function updateOrder(
  db: Db,
  orgId: string,
  id: string,
  { row: w, geocoded, hash }: OrderWrite,
): Promise<Order> {
  const res = await db.query<OrderRow>(
    `UPDATE orders SET name = $3, phone = $4, email = $5, address = $6,
       location = ST_SetSRID(ST_MakePoint($7, $8), 4326)::geography, geocoded = $9, date_from = $10, date_to = $11,
       time_windows = $12, service_s = $13, demand = $14, skills = $15, priority = $16, notes = $17,
       content_hash = $18, require_proof = $19, pickup_address = $20,
       pickup_location = CASE WHEN $21::float8 IS NULL THEN NULL
                              ELSE ST_SetSRID(ST_MakePoint($21, $22), 4326)::geography END,
       pickup_time_windows = $23::jsonb, updated_at = now()
     WHERE org_id = $1 AND id = $2 RETURNING ${ORDER_COLUMNS}`,
    [
      orgId,
      id,
      w.name,
      w.phone,
      w.email,
      w.address,
      w.lon,
      w.lat,
      geocoded,
      w.dateFrom,
      w.dateTo,
      JSON.stringify(w.timeWindows),
      w.serviceS,
      w.demand,
      w.skills,
      w.priority,
      w.notes,
      hash,
      w.requireProof,
      // A pickup and delivery order's pickup (placed by now), or none.
      w.pickup?.address ?? null,
      w.pickup?.lon ?? null,
      w.pickup?.lat ?? null,
      JSON.stringify(w.pickup?.timeWindows ?? []),
    ],
  );
  return orderFromRow(res.rows[0]!);
}

/** Who last wrote an order: the import that created it and the one that last changed it. */
export interface OrderOrigin {
  id: string;
  importId: string | null;
  lastImportId: string | null;
}

/** The orders among `refs` with where they came from, by ref. */
export async function findByRefs(db: Db, orgId: string, refs: string[]): Promise<Map<string, OrderOrigin>> {
  if (refs.length === 0) return new Map();
  const res = await db.query<{ id: string; ref: string; import_id: string | null; last_import_id: string | null }>(
    'SELECT id, ref, import_id, last_import_id FROM orders WHERE org_id = $1 AND ref = ANY($2::text[])',
    [orgId, refs],
  );
  return new Map(res.rows.map((r) => [r.ref, { id: r.id, importId: r.import_id, lastImportId: r.last_import_id }]));
}

/** Why and until when an order is held (the columns are the order's; the lifecycle writes them). */
export async function findHold(db: Db, id: string): Promise<{ reason: string | null; until: Date | null }> {
  const res = await db.query<{ hold_reason: string | null; hold_until: Date | null }>(
    'SELECT hold_reason, hold_until FROM orders WHERE id = $1',
    [id],
  );
  return { reason: res.rows[0]?.hold_reason ?? null, until: res.rows[0]?.hold_until ?? null };
}

/**
 * The routes the order has a stop on, newest day first. Only their ids: the routes themselves
 * are read through the lifecycle's route repo (lifecycle/route-repo.ts), which owns them.
 */
export async function routeIdsOfOrder(db: Db, orgId: string, orderId: string): Promise<string[]> {
  const res = await db.query<{ route_id: string }>(
    `SELECT DISTINCT s.route_id, r.local_date FROM stops s JOIN routes r ON r.id = s.route_id
      WHERE s.order_id = $1 AND r.org_id = $2 ORDER BY r.local_date DESC`,
    [orderId, orgId],
  );
  return res.rows.map((r) => r.route_id);
}
