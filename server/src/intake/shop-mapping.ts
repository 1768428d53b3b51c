/**
 * A paid shop order → one Tournée order row, as `POST /api/orders` takes it (so it goes through
 * the import pipeline: validation, intake rules, geocoding, upsert by ref):
 * - the shipping address (name, street, postcode, city, country; coordinates when the shop has them),
 * - phone (kept only when it is a real number; otherwise written in the notes) and email,
 * - the shipping line's title as the column `shipping_method`, which the intake rules' service
 *   mapping reads (POST /api/automation-rules/service-mapping with column `shipping_method`),
 * - the customer's note and the shop's order name in the notes,
 * - the delivery date from a "delivery date" note attribute, else the next day (to the next 7).
 */
import { addDays, isLocalDate, normalisePhone } from '@tournee/shared';
import type { ShopPlatform } from '@tournee/shared';

export interface MappedShopOrder {
  platform: ShopPlatform;
  shopOrderId: string;
  /** The shop's name for it (#1001). */
  label: string;
  paid: boolean;
  shippingMethod: string | null;
  row: Record<string, string | number | null>;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
const joined = (...parts: unknown[]) => parts.map(str).filter(Boolean).join(' ');

function phoneOrNote(raw: string, country: string): { phone: string | null; note: string | null } {
  if (!raw) return { phone: null, note: null };
  const r = normalisePhone(raw, country || 'FR');
  return r.ok ? { phone: r.e164, note: null } : { phone: null, note: `Phone: ${raw}` };
}

function notes(...parts: (string | null)[]): string {
  return parts.filter((p): p is string => Boolean(p)).join(' — ');
}

function dates(deliveryDate: string | null, today: string): { date_from: string; date_to: string } {
  if (deliveryDate && isLocalDate(deliveryDate)) return { date_from: deliveryDate, date_to: deliveryDate };
  return { date_from: addDays(today, 1), date_to: addDays(today, 7) };
}

/** Shopify's Order resource (orders/paid, orders/create webhooks). */
export function mapShopifyOrder(payload: unknown, today: string): MappedShopOrder {
  const o = obj(payload);
  const ship = obj(o.shipping_address);
  const customer = obj(o.customer);
  const country = str(ship.country_code);
  const { phone, note: phoneNote } = phoneOrNote(str(ship.phone) || str(o.phone) || str(customer.phone), country);
  const attrs = Array.isArray(o.note_attributes) ? o.note_attributes.map(obj) : [];
  const when = attrs.find((a) => /deliver.*date|date.*livraison/i.test(str(a.name)));
  const lines = Array.isArray(o.shipping_lines) ? o.shipping_lines.map(obj) : [];
  const shippingMethod =
    lines
      .map((l) => str(l.title))
      .filter(Boolean)
      .join(', ') || null;
  const label = str(o.name) || str(o.order_number);
  const lat = typeof ship.latitude === 'number' ? ship.latitude : null;
  const lon = typeof ship.longitude === 'number' ? ship.longitude : null;
  const grams = typeof o.total_weight === 'number' ? o.total_weight : 0;
  // Shopify ids pass 2^53: JSON.parse rounds `id`, the GraphQL id keeps every digit.
  const id = /\/(\d+)$/.exec(str(o.admin_graphql_api_id))?.[1] ?? str(o.id);
  return {
    platform: 'shopify',
    shopOrderId: id,
    label,
    paid: str(o.financial_status) === 'paid',
    shippingMethod,
    row: {
      ref: `shopify-${id}`,
      name:
        str(ship.name) || joined(ship.first_name, ship.last_name) || joined(customer.first_name, customer.last_name),
      phone,
      email: str(o.email) || str(o.contact_email) || str(customer.email) || null,
      address: [str(ship.company), str(ship.address1), str(ship.address2)].filter(Boolean).join(', '),
      postcode: str(ship.zip),
      city: str(ship.city),
      country,
      lat,
      lon,
      ...dates(when ? str(when.value) : null, today),
      ...(grams > 0 ? { demand_kg: grams / 1000 } : {}),
      notes: notes(str(o.note) || null, phoneNote, `Shopify ${label}`),
      shipping_method: shippingMethod,
    },
  };
}

/** WooCommerce's order resource (order.created / order.updated webhooks, REST API v3 shape). */
export function mapWooCommerceOrder(payload: unknown, today: string): MappedShopOrder {
  const o = obj(payload);
  const ship = obj(o.shipping);
  const bill = obj(o.billing);
  // A shipping address without a street (digital goods, some checkouts) falls back to billing.
  const addr = str(ship.address_1) ? ship : bill;
  const country = str(addr.country);
  const { phone, note: phoneNote } = phoneOrNote(str(ship.phone) || str(bill.phone), country);
  const lines = Array.isArray(o.shipping_lines) ? o.shipping_lines.map(obj) : [];
  const shippingMethod =
    lines
      .map((l) => str(l.method_title))
      .filter(Boolean)
      .join(', ') || null;
  const label = `#${str(o.number) || str(o.id)}`;
  const meta = Array.isArray(o.meta_data) ? o.meta_data.map(obj) : [];
  const when = meta.find((m) => /deliver.*date|date.*livraison/i.test(str(m.key)));
  const status = str(o.status);
  return {
    platform: 'woocommerce',
    shopOrderId: str(o.id),
    label,
    // Paid: WooCommerce moves a paid order to processing (or completed), and stamps date_paid.
    paid: (status === 'processing' || status === 'completed') && Boolean(o.date_paid),
    shippingMethod,
    row: {
      ref: `woocommerce-${str(o.id)}`,
      name: joined(addr.first_name, addr.last_name) || str(addr.company),
      phone,
      email: str(bill.email) || null,
      address: [str(addr.company), str(addr.address_1), str(addr.address_2)].filter(Boolean).join(', '),
      postcode: str(addr.postcode),
      city: str(addr.city),
      country,
      ...dates(when ? str(when.value) : null, today),
      notes: notes(str(o.customer_note) || null, phoneNote, `WooCommerce ${label}`),
      shipping_method: shippingMethod,
    },
  };
}
