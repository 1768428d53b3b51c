import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestApp, type TestApp } from '../../test/harness.ts';
import { shopSignature } from './shop-signature.ts';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/intake/${name}`, import.meta.url));
const SHOPIFY_SECRET = 'shpss_test_secret_0123456789';
const WOO_SECRET = 'woo-webhook-secret-0123456789';
// Shops are unique across organisations: a name per run (the test database is shared by files).
const tag = Math.random().toString(36).slice(2, 8);
const shopDomain = `jsmith-${tag}.myshopify.com`;
const wooSite = `https://shop-${tag}.example.com`;

// A stand-in for Nominatim: every address is in Lyon (the shop's sample address has no coordinates).
let nominatim: Server;
const geocoded: string[] = [];
let t: TestApp;

beforeAll(async () => {
  nominatim = createServer((req, res) => {
    geocoded.push(new URL(req.url ?? '/', 'http://x').searchParams.get('q') ?? '');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify([{ lat: '45.7640', lon: '4.8357', display_name: 'Lyon' }]));
  });
  await new Promise<void>((r) => nominatim.listen(0, '127.0.0.1', r));
  t = await startTestApp({
    GEOCODER_URL: `http://127.0.0.1:${(nominatim.address() as AddressInfo).port}`,
    GEOCODER_RATE_PER_S: '100',
  });
  for (const [platform, shop, secret] of [
    ['shopify', shopDomain, SHOPIFY_SECRET],
    ['woocommerce', wooSite, WOO_SECRET],
  ]) {
    const res = await t.api('/intake/connections', {
      method: 'POST',
      body: JSON.stringify({ platform, shop, secret }),
    });
    expect(res.status).toBe(201);
  }
  // The service mapping the intake rules apply: the shipping line's title → service time and skill.
  const rule = await t.api('/automation-rules/service-mapping', {
    method: 'POST',
    body: JSON.stringify({
      column: 'shipping_method',
      value: 'Generic Shipping',
      // biome-ignore lint/suspicious/noThenProperty: the rule's public shape (issue 16)
      then: { serviceMin: 12, addSkills: ['standard'] },
    }),
  });
  expect(rule.status).toBe(201);
});
afterAll(async () => {
  await t.close();
  await new Promise((r) => nominatim.close(r));
});

const shopify = (raw: Buffer, signature: string, shop = shopDomain) =>
  fetch(`${t.baseUrl}/api/intake/shopify`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': 'orders/paid',
      'x-shopify-shop-domain': shop,
      'x-shopify-hmac-sha256': signature,
    },
    body: raw,
  });

const orderByRef = async (ref: string) =>
  (
    await t.db.query<{
      id: string;
      name: string;
      email: string;
      phone: string | null;
      address: string;
      notes: string;
      source: string;
      service_s: number;
      skills: string[];
      date_from: string;
    }>(
      `SELECT id, name, email, phone, address, notes, source, service_s, skills, to_char(date_from, 'YYYY-MM-DD') AS date_from
         FROM orders WHERE org_id = $1 AND ref = $2`,
      [t.org.id, ref],
    )
  ).rows;

describe('Shopify intake', () => {
  const raw = fixture('shopify-orders-paid.json');

  it('refuses a forged HMAC with a 401 and writes nothing', async () => {
    const forged = shopSignature('not-the-shop-secret', raw);
    expect((await shopify(raw, forged)).status).toBe(401);
    // A body changed after signing does not match either.
    const tampered = Buffer.from(raw.toString('utf8').replace('Steve Shipper', 'Mallory'));
    expect((await shopify(tampered, shopSignature(SHOPIFY_SECRET, raw))).status).toBe(401);
    // Nor does an unknown shop, whatever it signs with.
    expect((await shopify(raw, shopSignature(SHOPIFY_SECRET, raw), 'unknown.myshopify.com')).status).toBe(401);
    expect(await orderByRef('shopify-820982911946154508')).toEqual([]);
  });

  it('turns the sample paid order into an order, its shipping line mapped by the service-mapping rule', async () => {
    const res = await shopify(raw, shopSignature(SHOPIFY_SECRET, raw));
    expect(res.status).toBe(201);
    const body = await readJson(res);
    expect(body).toMatchObject({ status: 'created', orderId: expect.any(String) });
    const [order] = await orderByRef('shopify-820982911946154508');
    expect(order).toMatchObject({
      id: body.orderId,
      name: 'Steve Shipper',
      email: 'jon@example.com',
      source: 'shopify',
      // "Generic Shipping" → 12 minutes at the door and the skill `standard`.
      service_s: 720,
      skills: ['standard'],
    });
    expect(order!.address).toContain('123 Shipping Street');
    // The note, the sample's phone (555-555-SHIP is no phone number) and the shop's order name.
    expect(order!.notes).toContain('Leave the parcel with the neighbour at number 5');
    expect(order!.notes).toContain('Phone: 555-555-SHIP');
    expect(order!.notes).toContain('Shopify #9999');
    expect(order!.phone).toBeNull();
    expect(geocoded.some((q) => q.includes('123 Shipping Street'))).toBe(true);
  });

  it('is idempotent by the shop order id: the same webhook again changes nothing', async () => {
    const [before] = await orderByRef('shopify-820982911946154508');
    const res = await shopify(raw, shopSignature(SHOPIFY_SECRET, raw));
    expect(res.status).toBe(200);
    expect(await readJson(res)).toEqual({ status: 'duplicate', orderId: before!.id });
    expect(await orderByRef('shopify-820982911946154508')).toEqual([before]);
  });

  it('ignores an order not paid yet', async () => {
    const unpaid = Buffer.from(
      JSON.stringify({
        ...JSON.parse(raw.toString('utf8')),
        id: 1111,
        admin_graphql_api_id: 'gid://shopify/Order/1111',
        financial_status: 'pending',
      }),
    );
    const res = await shopify(unpaid, shopSignature(SHOPIFY_SECRET, unpaid));
    expect(await readJson(res)).toEqual({ status: 'ignored', reason: 'not paid yet' });
    expect(await orderByRef('shopify-1111')).toEqual([]);
  });
});

describe('WooCommerce intake', () => {
  const raw = fixture('woocommerce-order.json');
  const woo = (body: Buffer, signature: string, type = 'application/json') =>
    fetch(`${t.baseUrl}/api/intake/woocommerce`, {
      method: 'POST',
      headers: {
        'content-type': type,
        'x-wc-webhook-source': `${wooSite}/`,
        'x-wc-webhook-topic': 'order.created',
        'x-wc-webhook-signature': signature,
      },
      body,
    });

  it('turns the documented order into an order with its shipping method kept for the rules', async () => {
    expect((await woo(raw, shopSignature('wrong', raw))).status).toBe(401);
    const res = await woo(raw, shopSignature(WOO_SECRET, raw));
    expect(res.status).toBe(201);
    const [order] = await orderByRef('woocommerce-727');
    expect(order).toMatchObject({ name: 'John Doe', email: 'john.doe@example.com', source: 'woocommerce' });
    expect(order!.address).toContain('969 Market');
    const kept = await t.db.query('SELECT shipping_method FROM shop_orders WHERE org_id = $1 AND shop_order_id = $2', [
      t.org.id,
      '727',
    ]);
    expect(kept.rows).toEqual([{ shipping_method: 'Flat Rate' }]);
    const again = await woo(raw, shopSignature(WOO_SECRET, raw));
    expect((await readJson(again)).status).toBe('duplicate');
  });

  it('answers the ping WooCommerce sends when a webhook is created', async () => {
    const ping = Buffer.from('webhook_id=15');
    const res = await woo(ping, shopSignature(WOO_SECRET, ping), 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    expect(await readJson(res)).toEqual({ status: 'ignored', reason: 'not an order' });
  });
});
