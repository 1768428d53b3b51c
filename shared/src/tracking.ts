/**
 * Driver access, the driver's day and live tracking as they cross the HTTP and Socket.IO
 * boundaries. Positions use GeoJSON order: `coordinates: [lon, lat]`. Instants are ISO strings;
 * `deviceAt` is the phone's clock when the thing happened (kept as sent, never replaced by the
 * server's receipt time).
 */
import { z } from 'zod';
import type { GeoPoint } from './orders.ts';
import type { RouteStatus, RouteStop, StopStatus } from './planning.ts';
import { PROOF_KINDS, type ProofKind } from './proof-kinds.ts';
import { LocalDateField } from './time.ts';

const id = z.uuid({ message: 'must be an id (uuid)' });
const instant = z.iso.datetime({ offset: true, message: 'must be an ISO date-time with a zone' });

/** `POST /api/drivers/:id/access`: how long the link and code stay valid. @default 7 days */
export const DriverAccessRequest = z.object({
  ttlHours: z
    .number()
    .positive()
    .max(24 * 90)
    .optional(),
});
export type DriverAccessRequest = z.infer<typeof DriverAccessRequest>;

/** The secret is shown once: only hashes are stored. `link` opens the PWA signed in. */
export interface DriverAccess {
  token: string;
  link: string;
  /** 8 characters the driver can type instead of opening the link. */
  code: string;
  expiresAt: string;
}

/** `POST /api/driver/session`: exchanges the short code (or checks the link's token) for the bearer token. */
export const DriverSessionRequest = z.union([
  z.object({ code: z.string().trim().min(4).max(32) }),
  z.object({ token: z.string().trim().min(16).max(200) }),
]);
export type DriverSessionRequest = z.infer<typeof DriverSessionRequest>;

export interface DriverSession {
  token: string;
  driver: { id: string; name: string };
  orgId: string;
  expiresAt: string;
}

/**
 * One stop as the driver's app shows it: the planned stop without what only dispatchers need
 * (locks, violations, the live ETA). `demand` is in the order of `dimensions`.
 */
export type DriverStop = Omit<RouteStop, 'waitingS' | 'etaAt' | 'locked' | 'violations'> & {
  /** Proof the delivery must carry (the app will not confirm without it); absent or empty: none. */
  requireProof?: ProofKind[];
  /** The driver must type the customer's delivery code to confirm (never the code itself). */
  requireCode?: true;
  /** One of the two stops of a pickup and delivery order (`kind` says which); absent: a plain stop. */
  pickupAndDelivery?: true;
};

export interface DriverRoute {
  id: string;
  version: number;
  status: RouteStatus;
  localDate: string;
  timeZone: string;
  depot: { name: string; location: GeoPoint };
  vehicleName: string;
  startAt: string | null;
  endAt: string | null;
  startedAt: string | null;
  stops: DriverStop[];
}

/** `GET /api/driver/routes/today?date=` — `route` is null on a day without a published route. */
export interface DriverDay {
  localDate: string;
  dimensions: string[];
  route: DriverRoute | null;
}

export const DriverDayQuery = z.object({ date: LocalDateField.optional() });

/**
 * The physical bounds of a fix's numbers. Anything beyond is a broken sensor or a forged point;
 * they also keep every value well inside the PostgreSQL `real` columns (~3.4e38), so one bad
 * point can never fail the insert of a whole flush. (Zod numbers already refuse NaN and Infinity.)
 */
export const POSITION_BOUNDS = {
  /** A fix this vague (100 km) locates nothing. */
  maxAccuracyM: 100_000,
  /** 100 m/s = 360 km/h: no delivery vehicle goes faster. */
  maxSpeedMps: 100,
} as const;

/** One GPS fix from the phone; `id` is the phone's UUID, so a re-sent point is stored once. */
export const PositionPoint = z.object({
  id,
  deviceAt: instant,
  coordinates: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
  accuracyM: z.number().min(0).max(POSITION_BOUNDS.maxAccuracyM).nullable().optional(),
  speedMps: z.number().min(0).max(POSITION_BOUNDS.maxSpeedMps).nullable().optional(),
  headingDeg: z.number().min(0).max(360).nullable().optional(),
});
export type PositionPoint = z.infer<typeof PositionPoint>;

/** Batch limit: a phone offline for an hour at one fix per 10 s sends 360; it splits bigger outboxes. */
export const MAX_POSITIONS_PER_BATCH = 500;
export const PositionBatch = z.object({ points: z.array(PositionPoint).min(1).max(MAX_POSITIONS_PER_BATCH) });
export type PositionBatch = z.infer<typeof PositionBatch>;
/**
 * What the server checks of a batch as a whole: the points are then checked one by one, so a
 * bad point is rejected alone instead of failing its batch.
 */
export const PositionBatchEnvelope = z.object({
  points: z.array(z.unknown()).min(1).max(MAX_POSITIONS_PER_BATCH),
});

/**
 * Why the server dropped a point (it is acked all the same: re-sending it would not help).
 * `invalid`: a field out of its bounds or of the wrong type (named in `field`), or a point the
 * database refused.
 */
export type PositionRejection = 'accuracy' | 'speed' | 'future' | 'too_old' | 'invalid';

/**
 * The ack of a `positions` batch. Every id sent is in exactly one list; the phone deletes them all
 * from its outbox. `duplicates` were stored by an earlier send. A point without a readable `id`
 * cannot be named in the ack and is ignored.
 */
export interface PositionsAck {
  accepted: string[];
  duplicates: string[];
  rejected: { id: string; reason: PositionRejection; field?: string }[];
}

export const STOP_EVENT_TYPES = ['started', 'arrived', 'delivered', 'failed', 'skipped'] as const;
export type StopEventType = (typeof STOP_EVENT_TYPES)[number];

/** Reasons offered for a failed delivery (free text goes in `note`). */
export const FAIL_REASONS = ['absent', 'refused', 'address_not_found', 'no_access', 'damaged', 'other'] as const;

/**
 * `stop:event` on `/driver`. `started` is the route's start (sent with the first stop's id). The id
 * is the phone's UUID: a retried send is applied once; events are applied in the order received.
 */
export const StopEventInput = z
  .object({
    id,
    stopId: id,
    type: z.enum(STOP_EVENT_TYPES),
    reason: z.string().trim().max(100).nullable().optional(),
    note: z.string().trim().max(2000).nullable().optional(),
    recipientName: z.string().trim().max(200).nullable().optional(),
    deviceAt: instant,
    /**
     * `delivered`: the proof files that follow this event (sent right after it). A delivery
     * whose order requires proof is refused without them (the files themselves come after the
     * event: the `pod_missing` alert watches that they arrive).
     */
    proofs: z.array(z.enum(PROOF_KINDS)).max(2).optional(),
    /** `delivered`: the code the customer gave, when the order requires one (checked by the server). */
    deliveryCode: z.string().trim().max(12).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.type === 'failed' && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a failed delivery needs a reason' });
  });
export type StopEventInput = z.infer<typeof StopEventInput>;

export interface StopEventResult {
  id: string;
  /** False when this id was already applied (the ack of a retry). */
  applied: boolean;
  stopId: string;
  status: StopStatus;
}

/** A delivery code: the digits the customer gives the driver (4 to 6). */
export const DELIVERY_CODE_PATTERN = /^[0-9]{4,6}$/;
/** The most a proof file may weigh once decoded (the phone resizes photos well below it). */
export const MAX_PROOF_BYTES = 5 * 1024 * 1024;

/** `POST /api/driver/stops/:stopId/proof`: one file of one stop event, idempotent per (event, kind). */
export const ProofUpload = z.object({
  eventId: id,
  kind: z.enum(PROOF_KINDS),
  contentType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  /** The file, base64 (no data: prefix). */
  data: z
    .string()
    .min(4)
    .max(Math.ceil((MAX_PROOF_BYTES * 4) / 3) + 4),
});
export type ProofUpload = z.infer<typeof ProofUpload>;

/** A driver's latest position for the dispatcher's map (`GET /api/tracking/latest?date=`). */
export interface LatestPosition {
  driverId: string;
  driverName: string | null;
  routeId: string | null;
  location: GeoPoint;
  deviceAt: string;
  accuracyM: number | null;
  speedMps: number | null;
  headingDeg: number | null;
  /** No position for 5 minutes (device time). */
  stale: boolean;
}

/** A driver is shown as stale after this long without a position. */
export const STALE_AFTER_S = 300;
