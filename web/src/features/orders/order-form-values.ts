/**
 * The order form's values: one string per import field (the names POST /api/orders takes, so
 * its errors land on the field they name), from an order and back to a PATCH body.
 */
import type { Order, OrderPatch, RequiredProof } from '@tournee/shared';
import { phoneDisplay } from '@tournee/shared';

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
} & { [demand: `demand_${string}`]: string };

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

/**
 * The PATCH body for the form's values: every field (the server validates the whole order as
 * an import row). A second window or more of the order, which the form does not show, is kept.
 */
export function orderPatchOf(v: OrderFormValues, o: Order, dimensions: string[]): OrderPatch {
  const num = (s: string, fallback: number) => (s.trim() === '' ? fallback : Number(s.replace(',', '.')));
  const patch: OrderPatch = {
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
  return patch;
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
    case 'postcode':
    case 'city':
    case 'country':
      return 'address';
    default:
      return /^tw\d*_start$/.test(top) ? 'tw_start' : /^tw\d*_end$/.test(top) ? 'tw_end' : top;
  }
}
