/** SQL of shop connections (each shop's webhook secret) and of the shop orders received. */
import type { ShopConnection, ShopPlatform } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { ShopConnectionsRow } from '../db/rows/shop_connections.ts';

type ConnectionRow = Pick<ShopConnectionsRow, 'id' | 'org_id' | 'shop' | 'secret' | 'created_at' | 'last_order_at'> & {
  platform: ShopPlatform;
};

const toConnection = (r: ConnectionRow): ShopConnection => ({
  id: r.id,
  platform: r.platform,
  shop: r.shop,
  createdAt: r.created_at.toISOString(),
  lastOrderAt: r.last_order_at?.toISOString() ?? null,
});

/** How a shop names itself in its webhooks' headers, compared without scheme, case or trailing slash. */
export const normaliseShop = (shop: string) =>
  shop
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '');

export async function upsertConnection(
  db: Db,
  c: { orgId: string; platform: ShopPlatform; shop: string; secret: string; createdBy: string | null },
): Promise<ShopConnection | null> {
  const { rows } = await db.query<ConnectionRow>(
    `INSERT INTO shop_connections (org_id, platform, shop, secret, created_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (platform, shop) DO UPDATE SET secret = EXCLUDED.secret WHERE shop_connections.org_id = EXCLUDED.org_id
     RETURNING *`,
    [c.orgId, c.platform, normaliseShop(c.shop), c.secret, c.createdBy],
  );
  return rows[0] ? toConnection(rows[0]) : null;
}

export async function listConnections(db: Db, orgId: string): Promise<ShopConnection[]> {
  const { rows } = await db.query<ConnectionRow>(
    'SELECT * FROM shop_connections WHERE org_id = $1 ORDER BY platform, shop',
    [orgId],
  );
  return rows.map(toConnection);
}

export async function deleteConnection(db: Db, orgId: string, id: string): Promise<ShopConnection | null> {
  const { rows } = await db.query<ConnectionRow>(
    'DELETE FROM shop_connections WHERE org_id = $1 AND id = $2 RETURNING *',
    [orgId, id],
  );
  return rows[0] ? toConnection(rows[0]) : null;
}

/** The connection a webhook claims to come from, with its secret (server side only). */
export async function findConnection(
  db: Db,
  platform: ShopPlatform,
  shop: string,
): Promise<{ id: string; orgId: string; secret: string } | null> {
  const { rows } = await db.query<ConnectionRow>('SELECT * FROM shop_connections WHERE platform = $1 AND shop = $2', [
    platform,
    normaliseShop(shop),
  ]);
  const r = rows[0];
  return r ? { id: r.id, orgId: r.org_id, secret: r.secret } : null;
}

/**
 * Claims a shop order for this delivery: true the first time; false when it was received before
 * (shops retry and send orders/paid and orders/updated for one order) — then the order is left alone.
 */
export async function claimShopOrder(
  db: Db,
  o: { orgId: string; platform: ShopPlatform; shopOrderId: string; shippingMethod: string | null },
): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO shop_orders (org_id, platform, shop_order_id, shipping_method) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING`,
    [o.orgId, o.platform, o.shopOrderId, o.shippingMethod],
  );
  return r.rowCount > 0;
}

export async function releaseShopOrder(db: Db, orgId: string, platform: ShopPlatform, shopOrderId: string) {
  await db.query('DELETE FROM shop_orders WHERE org_id = $1 AND platform = $2 AND shop_order_id = $3', [
    orgId,
    platform,
    shopOrderId,
  ]);
}

export async function shopOrderTarget(
  db: Db,
  orgId: string,
  platform: ShopPlatform,
  shopOrderId: string,
): Promise<string | null> {
  const { rows } = await db.query<{ order_id: string | null }>(
    'SELECT order_id FROM shop_orders WHERE org_id = $1 AND platform = $2 AND shop_order_id = $3',
    [orgId, platform, shopOrderId],
  );
  return rows[0]?.order_id ?? null;
}

/** Links the shop order to the order it became, and marks the order's channel (`source`). */
export async function recordShopOrder(
  db: Db,
  o: { orgId: string; platform: ShopPlatform; shopOrderId: string; orderId: string; connectionId: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('UPDATE shop_orders SET order_id = $4 WHERE org_id = $1 AND platform = $2 AND shop_order_id = $3', [
      o.orgId,
      o.platform,
      o.shopOrderId,
      o.orderId,
    ]);
    await tx.query('UPDATE orders SET source = $3 WHERE org_id = $1 AND id = $2', [o.orgId, o.orderId, o.platform]);
    await tx.query('UPDATE shop_connections SET last_order_at = now() WHERE id = $1', [o.connectionId]);
  });
}
