/**
 * The order form's values: one string per import field (the names POST /api/orders takes, so
 * its errors land on the field they name), from an order and back to a PATCH body.
 */
import type { Order, OrderPatch, RequiredProof } from '@tournee/shared';
import { PICKUP_FIELDS, phoneDisplay } from '@tournee/shared';

export type OrderFormValues = {
  ref: string;
  name: string;
  phone: string;
  email: string;
  address: string;
  lat: string;
  lon: string;
  date_from: string;
  date_to: string;
  tw_start: string;
  tw_end: string;
  service_min: string;
  priority: string;
  skills: string;
  notes: string;
  require_proof: RequiredProof[];
  /** The pickup of a pickup and delivery order, as the import's pickup_* cells; sent only when the form says there is one. */
  pickup_address: string;
  pickup_lat: string;
  pickup_lon: string;
  pickup_tw_start: string;
  pickup_tw_end: string;
} & { [demand: `demand_${string}`]: string };

/** The form's pickup fields (the import's), in the order shown. */
export { PICKUP_FIELDS };

/**
 * A pickup as PATCH /api/orders/:id takes it: a location (absent: the server geocodes the
 * address) and at most one window. (The shared OrderPatch does not list `pickup` yet.)
 */
export interface PickupPatch {
  address: string;
  location?: { type: 'Point'; coordinates: [number, number] };
  timeWindows: { start: string; end: string }[];
}

/** PATCH /api/orders/:id's body: the shared fields, and the pickup (null: none any more). */
export type OrderPatchBody = OrderPatch & { pickup?: PickupPatch | null };

/** A reference for a new order, easy to read back over the phone: WEB-20260601-4821. */
function newRef(): string {
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  return `WEB-${day}-${String(Math.floor(1000 + Math.random() * 9000))}`;
}

/**
 * The form's values for an order (an empty form, with a fresh reference, for a new one). The
 * phone is shown as `country` writes it; the server reads it back the same way.
 */
export function valuesOf(o: Order | undefined, dimensions: string[], country?: string): OrderFormValues {
  const w = o?.timeWindows[0];
  const values: OrderFormValues = {
    ref: o?.ref ?? newRef(),
    name: o?.name ?? '',
    phone: o?.phone ? phoneDisplay(o.phone, country) : '',
    email: o?.email ?? '',
    address: o?.address ?? '',
    lat: o ? String(o.location.coordinates[1]) : '',
    lon: o ? String(o.location.coordinates[0]) : '',
    date_from: o?.dateFrom ?? '',
    date_to: o && o.dateTo !== o.dateFrom ? o.dateTo : '',
    tw_start: w?.start ?? '',
    tw_end: w?.end ?? '',
    service_min: o ? String(Math.round((o.serviceS / 60) * 100) / 100) : '',
    priority: o ? String(o.priority) : '',
    skills: o?.skills.join(', ') ?? '',
    notes: o?.notes ?? '',
    require_proof: o?.requireProof ?? [],
    pickup_address: o?.pickup?.address ?? '',
    pickup_lat: o?.pickup ? String(o.pickup.location.coordinates[1]) : '',
    pickup_lon: o?.pickup ? String(o.pickup.location.coordinates[0]) : '',
    pickup_tw_start: o?.pickup?.timeWindows[0]?.start ?? '',
    pickup_tw_end: o?.pickup?.timeWindows[0]?.end ?? '',
  };
  dimensions.forEach((d, i) => {
    values[`demand_${d}`] = o?.demand[i] ? String(o.demand[i]) : '';
  });
  return values;
}

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** A decimal as typed, with a comma or a point ("45,75" → 45.75). */
const decimal = (s: string) => Number(s.trim().replace(',', '.'));

/**
 * The PATCH body for the form's values: every field (the server validates the whole order as
 * an import row). A second window or more of the order, which the form does not show, is kept.
 * `withPickup` false makes the order a plain delivery (its pickup, if any, is cleared).
 */
export function orderPatchOf(
  v: OrderFormValues,
  o: Order,
  dimensions: string[],
  withPickup = !!o.pickup,
): OrderPatchBody {
  const num = (s: string, fallback: number) => (s.trim() === '' ? fallback : Number(s.replace(',', '.')));
  const patch: OrderPatchBody = {
    name: v.name.trim(),
    phone: v.phone.trim() || null,
    email: v.email.trim() || null,
    address: v.address.trim(),
    dateFrom: v.date_from,
    dateTo: v.date_to || v.date_from,
    timeWindows: [...(v.tw_start || v.tw_end ? [{ start: v.tw_start, end: v.tw_end }] : []), ...o.timeWindows.slice(1)],
    serviceS: Math.round(num(v.service_min, o.serviceS / 60) * 60),
    demand: dimensions.map((d) => num(v[`demand_${d}`] ?? '', 0)),
    skills: list(v.skills),
    priority: num(v.priority, 0),
    notes: v.notes,
    requireProof: v.require_proof,
  };
  const lat = v.lat.trim();
  const lon = v.lon.trim();
  const [oldLon, oldLat] = o.location.coordinates;
  // New coordinates only when they were changed: a new address alone is geocoded by the server.
  if (lat && lon && (Number(lat) !== oldLat || Number(lon) !== oldLon)) {
    patch.location = { type: 'Point', coordinates: [Number(lon.replace(',', '.')), Number(lat.replace(',', '.'))] };
  }
  if (withPickup) patch.pickup = pickupPatchOf(v, o);
  else if (o.pickup) patch.pickup = null;
  return patch;
}

/**
 * The pickup as typed. Its coordinates are sent unless only the address changed (then the
 * server places the new address, as it does the delivery's); none typed: placed from the address
 * (the form asks for both or neither: see pickupCoordinatesMissing).
 */
function pickupPatchOf(v: OrderFormValues, o: Order): PickupPatch {
  const address = v.pickup_address.trim();
  const lat = v.pickup_lat.trim();
  const lon = v.pickup_lon.trim();
  const start = v.pickup_tw_start.trim();
  const end = v.pickup_tw_end.trim();
  const pickup: PickupPatch = { address, timeWindows: start || end ? [{ start, end }] : [] };
  if (lat && lon) {
    const coordinates: [number, number] = [decimal(lon), decimal(lat)];
    const old = o.pickup;
    const moved =
      !old || coordinates[0] !== old.location.coordinates[0] || coordinates[1] !== old.location.coordinates[1];
    if (moved || address === old.address) pickup.location = { type: 'Point', coordinates };
  }
  return pickup;
}

/** The form field an error names: an import field as is, a PATCH field by its form field. */
export function formFieldOf(field: string, dimensions: string[]): string {
  const top = field.split(/[.[]/)[0]!;
  switch (top) {
    case 'date':
    case 'dateFrom':
      return 'date_from';
    case 'dateTo':
      return 'date_to';
    case 'location':
      return 'lat';
    case 'timeWindows':
      return 'tw_end';
    case 'serviceS':
      return 'service_min';
    case 'requireProof':
      return 'require_proof';
    case 'demand':
      return dimensions[0] ? `demand_${dimensions[0]}` : 'demand';
    case 'pickup':
      return field.startsWith('pickup.location')
        ? 'pickup_lat'
        : field.startsWith('pickup.timeWindows')
          ? 'pickup_tw_end'
          : 'pickup_address';
    case 'postcode':
    case 'city':
    case 'country':
      return 'address';
    default:
      return /^tw\d*_start$/.test(top) ? 'tw_start' : /^tw\d*_end$/.test(top) ? 'tw_end' : top;
  }
}

/** The pickup coordinate field left empty while the other is typed, or null. */
export function pickupCoordinatesMissing(v: OrderFormValues): 'pickup_lat' | 'pickup_lon' | null {
  const lat = v.pickup_lat.trim();
  const lon = v.pickup_lon.trim();
  if (lat && !lon) return 'pickup_lon';
  if (lon && !lat) return 'pickup_lat';
  return null;
}
