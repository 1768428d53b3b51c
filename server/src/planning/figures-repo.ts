/**
 * SQL behind the unplanned orders' figures: the orders' needs, the organisation's vehicles, the
 * shifts on each order's allowed days, and the day's orders on no route with their latest reason.
 */
import type { DayUnplannedOrder, TimeWindow, UnassignedFigures, UnassignedReason } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { OrdersRow } from '../db/rows/orders.ts';
import type { VehiclesRow } from '../db/rows/vehicles.ts';
import { type FleetVehicle, unassignedFigures } from './figures.ts';
import { loadDimensions } from './inputs-repo.ts';
import { reasonText } from './result-mapper.ts';
import { ruleMessages } from './rule-figures.ts';
import { DEFAULT_TRAVEL, type TravelModel } from '../travel/travel.ts';

type NeedsRow = Pick<OrdersRow, 'id' | 'demand' | 'skills'> & {
  time_windows: TimeWindow[];
  shift_start: string | null;
  shift_end: string | null;
};

// Shift hours over the order's allowed days: a window outside them cannot be served by any van.
const NEEDS_COLUMNS = `o.id, o.demand, o.skills, o.time_windows,
  (SELECT to_char(min(s.start_local), 'HH24:MI') FROM shifts s
    WHERE s.org_id = o.org_id AND NOT s.cancelled AND s.local_date BETWEEN o.date_from AND o.date_to) AS shift_start,
  (SELECT to_char(max(s.end_local), 'HH24:MI') FROM shifts s
    WHERE s.org_id = o.org_id AND NOT s.cancelled AND s.local_date BETWEEN o.date_from AND o.date_to) AS shift_end`;

async function loadFleet(db: Db, orgId: string): Promise<FleetVehicle[]> {
  const { rows } = await db.query<Pick<VehiclesRow, 'name' | 'capacity' | 'skills'>>(
    'SELECT name, capacity, skills FROM vehicles WHERE org_id = $1 AND deleted_at IS NULL ORDER BY name',
    [orgId],
  );
  return rows.map((r) => ({ name: r.name, capacity: r.capacity.map(Number), skills: r.skills }));
}

/** The figures of each given order, by order id. */
export async function figuresOf(db: Db, orgId: string, orderIds: string[]): Promise<Map<string, UnassignedFigures>> {
  const out = new Map<string, UnassignedFigures>();
  if (orderIds.length === 0) return out;
  const [dimensions, fleet, { rows }] = await Promise.all([
    loadDimensions(db, orgId),
    loadFleet(db, orgId),
    db.query<NeedsRow>(`SELECT ${NEEDS_COLUMNS} FROM orders o WHERE o.org_id = $1 AND o.id = ANY($2::uuid[])`, [
      orgId,
      orderIds,
    ]),
  ]);
  for (const r of rows) {
    const shiftHours = r.shift_start && r.shift_end ? { start: r.shift_start, end: r.shift_end } : null;
    out.set(
      r.id,
      unassignedFigures(
        { demand: r.demand.map(Number), skills: r.skills, timeWindows: r.time_windows, shiftHours },
        dimensions,
        fleet,
      ),
    );
  }
  return out;
}

/**
 * The orders allowed on `date` that are on no route (status `imported`), each with the reason the
 * latest finished plan of that day gave for leaving it out (null if it did not) and its figures.
 */
export async function dayUnplanned(
  db: Db,
  orgId: string,
  date: string,
  travel: TravelModel = DEFAULT_TRAVEL,
): Promise<DayUnplannedOrder[]> {
  const { rows } = await db.query<
    Pick<OrdersRow, 'id' | 'ref' | 'name'> & {
      /** `to_char(…, 'YYYY-MM-DD')` of the date columns. */
      date_from: string;
      date_to: string;
      reason: UnassignedReason | null;
    }
  >(
    // The reason of the latest finished plan covering the day: an order that plan placed (and a
    // dispatcher took off since) or never saw has none, rather than an older plan's stale one.
    `WITH last_plan AS (
       SELECT id FROM plans WHERE org_id = $1 AND status = 'done' AND from_date <= $2::date AND to_date >= $2::date
        ORDER BY finished_at DESC NULLS LAST, created_at DESC LIMIT 1)
     SELECT o.id, o.ref, o.name, to_char(o.date_from, 'YYYY-MM-DD') AS date_from,
            to_char(o.date_to, 'YYYY-MM-DD') AS date_to, u.reason
       FROM orders o
       LEFT JOIN unassigned_orders u ON u.order_id = o.id AND u.plan_id = (SELECT id FROM last_plan)
      WHERE o.org_id = $1 AND o.status = 'imported' AND o.date_from <= $2::date AND o.date_to >= $2::date
      ORDER BY o.ref LIMIT 1000`,
    [orgId, date],
  );
  const figures = await figuresOf(
    db,
    orgId,
    rows.map((r) => r.id),
  );
  const messages = await ruleMessages(
    db,
    orgId,
    rows.map((r) => ({ orderId: r.id, reason: r.reason })),
    travel,
  );
  return rows.map((r) => ({
    orderId: r.id,
    ref: r.ref,
    name: r.name || null,
    dateFrom: r.date_from,
    dateTo: r.date_to,
    reason: r.reason,
    message: messages.get(r.id) ?? (r.reason ? reasonText(r.reason) : null),
    figures: figures.get(r.id)!,
  }));
}
