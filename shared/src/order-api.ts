/**
 * The order API beside imports: `POST /api/orders` (create or update up to 500 orders by `ref`,
 * through the import pipeline, answered per item) and what `GET /api/orders/:id` adds for the
 * dispatcher's order page (which actions are allowed and why not, where the order is planned,
 * the customer's rating).
 */
import { z } from 'zod';
import type { OrderDetail } from './orders.ts';
import type { RouteStatus, StopStatus } from './planning.ts';

/** At most this many orders per `POST /api/orders`. */
export const MAX_ORDERS_PER_CALL = 500;

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const list = z.union([cell, z.array(z.union([z.string(), z.number()]))]);

/**
 * One order as `POST /api/orders` takes it: the fields (and aliases) of an import's columns,
 * checked by the import's row validation, so a bad value rejects that order alone, named by its
 * field. `ref` identifies the order: posting it again updates it (or leaves it unchanged).
 * Also accepted: `tw2_start`/`tw2_end`… for more windows, and `demand_<dimension>` for each of
 * the organisation's dimensions (e.g. `demand_kg`).
 */
export const OrderInput = z.looseObject({
  /** Your reference, unique in the organisation (≤ 100 characters). */
  ref: cell.optional(),
  name: cell.optional(),
  /** National (read in the organisation's country) or international; stored as E.164. */
  phone: cell.optional(),
  email: cell.optional(),
  /** Geocoded when `lat`/`lon` are not given. */
  address: cell.optional(),
  postcode: cell.optional(),
  city: cell.optional(),
  country: cell.optional(),
  lat: cell.optional(),
  lon: cell.optional(),
  /** The day it is due (YYYY-MM-DD), or `date_from` … `date_to` for a range of days. */
  date: cell.optional(),
  date_from: cell.optional(),
  date_to: cell.optional(),
  /** A delivery window, local time of the depot's zone (HH:MM). */
  tw_start: cell.optional(),
  tw_end: cell.optional(),
  /** Minutes at the door. @default the organisation's default service time */
  service_min: cell.optional(),
  /** A list, or one string separated by commas. */
  skills: list.optional(),
  /** 0–100. @default 0 */
  priority: cell.optional(),
  notes: cell.optional(),
  /** `photo`, `signature`, `code` (the customer's delivery code, typed by the driver), or several. */
  require_proof: list.optional(),
  /**
   * A pickup and delivery order: where the goods are collected first (same vehicle, before the
   * delivery). `pickup_address` is geocoded unless `pickup_lat`/`pickup_lon` are given; the
   * window is in the local time of the depot's zone (HH:MM).
   */
  pickup_address: cell.optional(),
  pickup_lat: cell.optional(),
  pickup_lon: cell.optional(),
  pickup_tw_start: cell.optional(),
  pickup_tw_end: cell.optional(),
});
export type OrderInput = z.infer<typeof OrderInput>;

/** Body of `POST /api/orders`. */
export const CreateOrdersRequest = z
  .object({
    orders: z
      .array(OrderInput)
      .min(1, 'must hold at least one order')
      .max(MAX_ORDERS_PER_CALL, `at most ${MAX_ORDERS_PER_CALL} orders per call`),
  })
  .strict();
export type CreateOrdersRequest = z.infer<typeof CreateOrdersRequest>;

/** One problem with one field of one posted order. */
export interface OrderFieldError {
  /** The field as posted (`date`, `tw_end`, `demand_kg`…). */
  field: string;
  value: string;
  message: string;
}

/** What `POST /api/orders` did with one posted order, in the order they were posted. */
export interface OrderUpsertResult {
  /** The ref as posted ('' when it had none). */
  ref: string;
  status: 'created' | 'updated' | 'unchanged' | 'rejected';
  /** The order's id (absent when rejected). */
  id?: string;
  /** Why it was rejected, field by field. */
  errors?: OrderFieldError[];
  /** What the fleet cannot do for it as it is (it is written all the same). */
  warnings?: string[];
}

export interface CreateOrdersResponse {
  results: OrderUpsertResult[];
}

/**
 * Why an action is refused: `status` (the order's status does not allow it), `cancelled`
 * (already cancelled), `route_locked` (its route is locked), `stop_frozen` (its stop is locked,
 * or a later one of its route has been visited).
 */
export type OrderActionBlocker = 'status' | 'cancelled' | 'route_locked' | 'stop_frozen';

/** Whether the dispatcher may do it now; when not, why (a code for the app, words for the API). */
export type OrderActionState =
  | { allowed: true }
  | {
      allowed: false;
      code: OrderActionBlocker;
      /** In English, from the rule that refuses it (what PATCH or DELETE would answer). */
      reason: string;
      /** The route in question, for `route_locked` and `stop_frozen`. */
      route?: { vehicleName: string; localDate: string };
    };

export interface OrderActions {
  /** PATCH /api/orders/:id */
  edit: OrderActionState;
  /** DELETE /api/orders/:id */
  cancel: OrderActionState;
}

/** A stop of the order on a route: where and when it is (or was) planned. */
export interface OrderStopPlacement {
  stopId: string;
  routeId: string;
  localDate: string;
  vehicleName: string;
  driverName: string | null;
  routeStatus: RouteStatus;
  routeLocked: boolean;
  /** 1-based position on the route. */
  position: number;
  plannedArrivalAt: string | null;
  etaAt: string | null;
  status: StopStatus;
  locked: boolean;
}

/** The customer's rating from the tracking page. */
export interface OrderRating {
  rating: number;
  comment: string;
  at: string;
}

/** GET /api/orders/:id: the order, its visits, its stops, its rating, and what may be done now. */
export interface OrderDetailView extends OrderDetail {
  stops: OrderStopPlacement[];
  /**
   * The delivery code the customer was told, when the order requires one (`requireProof`
   * has `code`), with the stops locked by too many wrong codes (a dispatcher unlocks them:
   * POST /api/stops/:id/delivery-code/unlock); null when no code is required.
   */
  deliveryCode: { code: string; lockedStopIds: string[] } | null;
  rating: OrderRating | null;
  actions: OrderActions;
}
