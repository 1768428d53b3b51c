/**
 * The one writer of route stops, for plans, re-plans, dispatcher edits, urgent inserts and
 * cancels, inside the caller's transaction. For each written route it is given the route's new
 * sequence: stops with an id are kept (moved, renumbered, re-timed — possibly from another
 * written route), stops without one are created, the route's other stops are removed. With
 * `afterVisited` the route's visited stops stay first, renumbered 1…k, and the sequence follows
 * them (a re-plan of a started route). Then every order that was or is on a written route follows
 * it (order-status.ts `followRoutes`), and published routes get a new version.
 */
import type { StopKind, Violation } from '@tournee/shared';
import type { Actor } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import type { LonLatPair } from '../travel/travel.ts';
import { followRoutes, type StatusChange } from './order-status.ts';
import { bumpPublished } from './versions.ts';

export interface StopWrite {
  /** An existing stop (kept, possibly from another written route), or null for a new one. */
  stopId: string | null;
  orderId: string | null;
  kind: StopKind;
  breakIndex: number | null;
  arrivalAt: Date;
  waitingS: number;
  departureAt: Date;
  violations?: readonly Violation[];
}

/** A route's new totals and line, when the writer computed them (edits); plans set them on upsert. */
export interface RouteTotals {
  startAt: Date;
  endAt: Date;
  distanceM: number;
  durationS: number;
  violations: readonly Violation[];
  /** Depot, stops, depot; null (or fewer than 2 points) for an empty route. */
  line: readonly LonLatPair[] | null;
}

export interface RouteStopsWrite {
  routeId: string;
  stops: readonly StopWrite[];
  /** Keep the route's visited stops first; `stops` follow them. @default false */
  afterVisited?: boolean;
  totals?: RouteTotals;
}

export interface StopWriteOptions {
  cause: 'plan' | 'edit';
  /** Orders taken off every route by this write (they go back to imported if no route holds them). */
  unassigned?: readonly string[];
  /** Bump the versions of published written routes. @default true (a plan bumps after dropping routes) */
  bump?: boolean;
}

export interface WrittenStops {
  /** The stop id of each new stop, by order id. */
  newStops: Map<string, string>;
  versions: Map<string, { version: number; localDate: string }>;
  orders: StatusChange[];
}

const iso = (d: Date) => d.toISOString();

export async function writeRouteStops(
  tx: Db,
  actor: Actor,
  writes: readonly RouteStopsWrite[],
  opts: StopWriteOptions,
): Promise<WrittenStops> {
  const routeIds = writes.map((w) => w.routeId);
  const afterVisited = writes.filter((w) => w.afterVisited).map((w) => w.routeId);
  const kept = writes.flatMap((w) => w.stops.map((s) => s.stopId).filter((id): id is string => id !== null));
  const before = await tx.query<{ order_id: string }>(
    'SELECT DISTINCT order_id FROM stops WHERE route_id = ANY($1::uuid[]) AND order_id IS NOT NULL',
    [routeIds],
  );
  await tx.query(
    `DELETE FROM stops WHERE route_id = ANY($1::uuid[]) AND NOT (id = ANY($2::uuid[]))
       AND NOT (route_id = ANY($3::uuid[]) AND status <> 'pending')`,
    [routeIds, kept, afterVisited],
  );
  const visited = new Map<string, number>();
  if (afterVisited.length) {
    const n = await tx.query<{ route_id: string; n: number }>(
      `UPDATE stops s SET seq = x.n FROM (SELECT id, route_id, row_number() OVER (PARTITION BY route_id ORDER BY seq) AS n
         FROM stops WHERE route_id = ANY($1::uuid[]) AND status <> 'pending') x WHERE s.id = x.id
       RETURNING x.route_id, x.n::int AS n`,
      [afterVisited],
    );
    for (const r of n.rows) visited.set(r.route_id, Math.max(visited.get(r.route_id) ?? 0, r.n));
  }
  const rows = writes.flatMap((w) =>
    w.stops.map((s, i) => ({
      id: s.stopId,
      route_id: w.routeId,
      order_id: s.orderId,
      seq: (w.afterVisited ? (visited.get(w.routeId) ?? 0) : 0) + i + 1,
      kind: s.kind,
      break_index: s.breakIndex,
      arrival: iso(s.arrivalAt),
      waiting_s: s.waitingS,
      departure: iso(s.departureAt),
      violations: s.violations ?? [],
    })),
  );
  await tx.query(
    `UPDATE stops s SET route_id = x.route_id, seq = x.seq, planned_arrival_at = x.arrival, waiting_s = x.waiting_s,
       planned_departure_at = x.departure, violations = x.violations
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, route_id uuid, seq int, arrival timestamptz, waiting_s float8,
       departure timestamptz, violations jsonb)
     WHERE s.id = x.id`,
    [JSON.stringify(rows.filter((r) => r.id !== null))],
  );
  const inserted = await tx.query<{ id: string; order_id: string | null }>(
    `INSERT INTO stops (route_id, order_id, seq, kind, break_index, planned_arrival_at, waiting_s, planned_departure_at, violations)
     SELECT x.route_id, x.order_id, x.seq, x.kind, x.break_index, x.arrival, x.waiting_s, x.departure, x.violations
     FROM jsonb_to_recordset($1::jsonb) AS x(route_id uuid, order_id uuid, seq int, kind text, break_index smallint,
       arrival timestamptz, waiting_s float8, departure timestamptz, violations jsonb)
     RETURNING id, order_id`,
    [JSON.stringify(rows.filter((r) => r.id === null))],
  );
  const totals = writes.filter((w) => w.totals);
  if (totals.length) {
    await tx.query(
      `UPDATE routes r SET start_at = x.start_at, end_at = x.end_at, distance_m = x.distance_m, duration_s = x.duration_s,
         violations = x.violations, geometry = ST_SetSRID(ST_GeomFromGeoJSON(x.geometry), 4326)::geography, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, start_at timestamptz, end_at timestamptz, distance_m float8,
         duration_s float8, violations jsonb, geometry text)
       WHERE r.id = x.id`,
      [
        JSON.stringify(
          totals.map(({ routeId, totals: t }) => ({
            id: routeId,
            start_at: iso(t!.startAt),
            end_at: iso(t!.endAt),
            distance_m: t!.distanceM,
            duration_s: t!.durationS,
            violations: t!.violations,
            geometry:
              t!.line && t!.line.length >= 2 ? JSON.stringify({ type: 'LineString', coordinates: t!.line }) : null,
          })),
        ),
      ],
    );
  }
  const orderIds = [
    ...before.rows.map((r) => r.order_id),
    ...rows.flatMap((r) => (r.order_id ? [r.order_id] : [])),
    ...(opts.unassigned ?? []),
  ];
  const orders = await followRoutes(tx, actor, orderIds, opts.cause);
  const versions = opts.bump === false ? new Map() : await bumpPublished(tx, routeIds);
  const newStops = new Map(inserted.rows.flatMap((r) => (r.order_id ? [[r.order_id, r.id] as const] : [])));
  return { newStops, versions, orders };
}
