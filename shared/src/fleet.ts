/**
 * Fleet resources as the HTTP API reads and answers them: depots, vehicles, drivers.
 * Request schemas carry no defaults, so `.partial()` gives PATCH bodies whose absent fields
 * stay absent; the server fills defaults on create.
 */
import { z } from 'zod';
import type { GeoPoint } from './orders.ts';
import { isValidTimeZone } from './time.ts';

const onEarth = z
  .object({
    lon: z.number().min(-180, 'must be between -180 and 180').max(180, 'must be between -180 and 180'),
    lat: z.number().min(-90, 'must be between -90 and 90').max(90, 'must be between -90 and 90'),
  })
  .refine((p) => p.lon !== 0 || p.lat !== 0, {
    message: 'lon 0, lat 0 is in the Gulf of Guinea: a missing coordinate?',
  });

/**
 * A point on Earth, read as `{lon, lat}` or as a GeoJSON Point `{type: 'Point', coordinates:
 * [lon, lat]}`, and parsed to `{lon, lat}`. Answers use GeoJSON (`GeoPoint`), like orders.
 * (0, 0) is refused: it is nearly always a missing value.
 */
export const LonLat = z
  .union([
    z.object({ lon: z.number(), lat: z.number() }),
    z
      .object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) })
      .transform((g) => ({ lon: g.coordinates[0], lat: g.coordinates[1] })),
  ])
  .pipe(onEarth);
export type LonLat = z.infer<typeof LonLat>;

/** The GeoJSON point of a lon/lat pair. */
export function toGeoPoint(p: LonLat): GeoPoint {
  return { type: 'Point', coordinates: [p.lon, p.lat] };
}

/** An IANA zone name such as Europe/Paris. */
export const TimeZone = z
  .string()
  .trim()
  .refine(isValidTimeZone, { message: 'must be an IANA time zone such as Europe/Paris' });

const name = z.string().trim().min(1, 'must not be empty').max(200);
const id = z.uuid({ message: 'must be an id (uuid)' });
const money = z.number().finite().min(0, 'must be 0 or more');
const positiveInt = z.number().int().positive();

// ---- depots ----
const depotFields = {
  name,
  address: z.string().trim().max(500),
  location: LonLat,
  timeZone: TimeZone,
  /** Loading docks: at most this many vans load at once (departures are staggered); null = no limit. @default null */
  docks: z.number().int('must be a whole number').min(1, 'must be at least 1 (or null: no limit)').max(500).nullable(),
  /** Minutes a van loads at a dock before it leaves. @default 0 */
  loadingMin: z.number().int('must be whole minutes').min(0, 'must be 0 or more').max(600, 'at most 600'),
};
export const CreateDepotRequest = z
  .object(depotFields)
  .partial()
  .required({ name: true, location: true, timeZone: true });
export type CreateDepotRequest = z.infer<typeof CreateDepotRequest>;
export const UpdateDepotRequest = z.object(depotFields).partial();
export type UpdateDepotRequest = z.infer<typeof UpdateDepotRequest>;

export interface Depot {
  id: string;
  name: string;
  address: string;
  location: GeoPoint;
  timeZone: string;
  /** At most this many vans load at once; null = no limit. */
  docks: number | null;
  /** Minutes a van loads before it leaves. */
  loadingMin: number;
  createdAt: string;
  updatedAt: string;
}

// ---- vehicles ----
/**
 * A capacity vector: either values in the order of the organisation's dimensions (`[800, 6]`)
 * or by name (`{kg: 800, m3: 6}`). `capacityVector` checks it against the dimensions.
 */
export const CapacityInput = z.union([
  z.array(z.number().finite().min(0, 'must be 0 or more')),
  z.record(z.string(), z.number().finite().min(0, 'must be 0 or more')),
]);
export type CapacityInput = z.infer<typeof CapacityInput>;

const vehicleFields = {
  name,
  depotId: id,
  /** Where the route ends; null = back at `depotId`. */
  endDepotId: id.nullable(),
  capacity: CapacityInput,
  skills: z.array(z.string().trim().min(1).max(50)).max(50),
  fixedCost: money,
  costPerKm: money,
  costPerHour: money,
  maxStops: positiveInt.nullable(),
  maxDurationS: positiveInt.nullable(),
  maxDistanceM: positiveInt.nullable(),
  /** Multiplies travel times: 1.2 = this vehicle is 20 % slower than the travel model. @default 1 */
  speedFactor: z.number().min(0.1).max(10),
  /** Multi-trip: minutes to reload at its depot mid-shift (capacity then holds per trip); null = no reloads. @default null */
  reloadMin: z.number().int('must be whole minutes').min(0, 'must be 0 or more').max(600, 'at most 600').nullable(),
  /** Trips at most in a shift when it reloads (reloads + 1). @default 3 */
  maxTrips: z.number().int('must be a whole number').min(1, 'must be at least 1').max(20, 'at most 20'),
};
export const CreateVehicleRequest = z
  .object(vehicleFields)
  .partial()
  .required({ name: true, depotId: true, capacity: true });
export type CreateVehicleRequest = z.infer<typeof CreateVehicleRequest>;
export const UpdateVehicleRequest = z.object(vehicleFields).partial();
export type UpdateVehicleRequest = z.infer<typeof UpdateVehicleRequest>;

export interface Vehicle {
  id: string;
  name: string;
  depotId: string;
  endDepotId: string | null;
  /** In the order of the organisation's dimensions. */
  capacity: number[];
  /** The same values by dimension name. */
  capacityByDimension: Record<string, number>;
  skills: string[];
  fixedCost: number;
  costPerKm: number;
  costPerHour: number;
  maxStops: number | null;
  maxDurationS: number | null;
  maxDistanceM: number | null;
  /** Multiplies travel times (1.2 = 20 % slower). */
  speedFactor: number;
  /** Minutes to reload at its depot mid-shift; null = it does not reload (one trip). */
  reloadMin: number | null;
  /** Trips at most in a shift when it reloads. */
  maxTrips: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * Checks a capacity (or demand) against the organisation's dimensions and answers the vector
 * in their order. An array must have one value per dimension; an object must name every
 * dimension and no other.
 */
export function capacityVector(
  input: CapacityInput,
  dimensions: readonly string[],
): { ok: true; vector: number[] } | { ok: false; message: string } {
  const dims = dimensions.join(', ');
  if (Array.isArray(input)) {
    if (input.length !== dimensions.length) {
      return {
        ok: false,
        message: `has ${input.length} value(s) but the organisation has ${dimensions.length} dimension(s): ${dims}`,
      };
    }
    return { ok: true, vector: [...input] };
  }
  const unknown = Object.keys(input).filter((k) => !dimensions.includes(k));
  if (unknown.length > 0) {
    return {
      ok: false,
      message: `unknown dimension ${unknown.map((u) => `"${u}"`).join(', ')}; the dimensions are ${dims}`,
    };
  }
  const missing = dimensions.filter((d) => input[d] === undefined);
  if (missing.length > 0)
    return { ok: false, message: `missing dimension ${missing.join(', ')}; the dimensions are ${dims}` };
  return { ok: true, vector: dimensions.map((d) => input[d] as number) };
}

/** A vector by dimension name; values past the known dimensions are dropped. */
export function capacityByDimension(vector: readonly number[], dimensions: readonly string[]): Record<string, number> {
  return Object.fromEntries(dimensions.map((d, i) => [d, vector[i] ?? 0]));
}

// ---- drivers ----
const driverFields = {
  name,
  /** Any written form; answered in E.164, national numbers read in the organisation's country. */
  phone: z.string().trim().max(40).nullable(),
  email: z
    .string()
    .trim()
    .pipe(z.email({ message: 'must be an email address' }))
    .nullable(),
  defaultVehicleId: id.nullable(),
};
export const CreateDriverRequest = z.object(driverFields).partial().required({ name: true });
export type CreateDriverRequest = z.infer<typeof CreateDriverRequest>;
export const UpdateDriverRequest = z.object(driverFields).partial();
export type UpdateDriverRequest = z.infer<typeof UpdateDriverRequest>;

export interface Driver {
  id: string;
  name: string;
  /** E.164, such as +33612345678. */
  phone: string | null;
  email: string | null;
  defaultVehicleId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `?force=true` on DELETE: also cancel (vehicle) or unassign (driver) the future shifts. */
export const DeleteQuery = z.object({ force: z.enum(['true', 'false']).optional() });
