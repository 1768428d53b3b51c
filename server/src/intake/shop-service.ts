/**
 * Shop intake: a signed webhook from a connected shop becomes a Tournée order, once per shop
 * order. The signature is checked before anything is read from the body; an unknown shop and a
 * bad signature are both a 401 (no hint which). A delivery for an order not paid yet, or one
 * already received, is answered 200 without writing (shops retry anything else).
 */
import type { CreateShopConnectionRequest, ShopConnection, ShopPlatform } from '@tournee/shared';
import { todayIn } from '@tournee/shared';
import { type Actor, recordEvent, systemActor } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { AppError, notFound } from '../errors.ts';
import type { Geocoder } from '../geocoding/geocoder.ts';
import { createOrders } from '../orders/create.ts';
import { type MappedShopOrder, mapShopifyOrder, mapWooCommerceOrder } from './shop-mapping.ts';
import * as repo from './shop-repo.ts';
import { signatureMatches } from './shop-signature.ts';

export interface IntakeDeps {
  db: Db;
  geocoder: Geocoder | null;
  maxDepotDistanceKm?: number;
}

export interface IntakeResult {
  status: 'created' | 'updated' | 'unchanged' | 'duplicate' | 'ignored' | 'rejected';
  orderId?: string;
  reason?: string;
  errors?: unknown[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function receiveShopOrder(
  deps: IntakeDeps,
  platform: ShopPlatform,
  req: { shop: string | undefined; signature: string | undefined; raw: Buffer; body: unknown },
): Promise<IntakeResult> {
  const conn = req.shop ? await repo.findConnection(deps.db, platform, req.shop) : null;
  if (!conn || !signatureMatches(conn.secret, req.raw, req.signature)) {
    throw new AppError('unauthorized', 'The webhook signature does not match a connected shop');
  }
  if (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) {
    throw new AppError('bad_request', 'body: must be the order as JSON');
  }
  // WooCommerce pings a new webhook with `webhook_id=…` (a form body): nothing to import.
  if (!('id' in req.body)) return { status: 'ignored', reason: 'not an order' };
  const today = todayIn('UTC');
  const mapped: MappedShopOrder =
    platform === 'shopify' ? mapShopifyOrder(req.body, today) : mapWooCommerceOrder(req.body, today);
  if (!mapped.shopOrderId) throw new AppError('bad_request', 'id: the shop order has no id');
  if (!mapped.paid) return { status: 'ignored', reason: 'not paid yet' };

  const key = { orgId: conn.orgId, platform, shopOrderId: mapped.shopOrderId };
  if (!(await repo.claimShopOrder(deps.db, { ...key, shippingMethod: mapped.shippingMethod }))) {
    const orderId = await repo.shopOrderTarget(deps.db, conn.orgId, platform, mapped.shopOrderId);
    return { status: 'duplicate', ...(orderId ? { orderId } : {}) };
  }
  const actor = systemActor(conn.orgId);
  try {
    const [result] = await createOrders(deps, actor, { orders: [mapped.row] });
    if (!result || result.status === 'rejected' || !result.id) {
      await repo.releaseShopOrder(deps.db, conn.orgId, platform, mapped.shopOrderId);
      return { status: 'rejected', errors: result?.errors ?? [] };
    }
    await repo.recordShopOrder(deps.db, { ...key, orderId: result.id, connectionId: conn.id });
    return { status: result.status, orderId: result.id };
  } catch (err) {
    await repo.releaseShopOrder(deps.db, conn.orgId, platform, mapped.shopOrderId);
    throw err;
  }
}

export async function connectShop(db: Db, actor: Actor, req: CreateShopConnectionRequest): Promise<ShopConnection> {
  return db.transaction(async (tx) => {
    const c = await repo.upsertConnection(tx, { ...req, orgId: actor.orgId, createdBy: actor.userId });
    if (!c) throw new AppError('conflict', `shop: ${req.shop} is connected to another organisation`);
    await recordEvent(tx, actor, 'shop.connect', 'shop_connection', c.id, { platform: c.platform, shop: c.shop });
    return c;
  });
}

export const listShops = (db: Db, actor: Actor) => repo.listConnections(db, actor.orgId);

export async function disconnectShop(db: Db, actor: Actor, id: string): Promise<ShopConnection> {
  return db.transaction(async (tx) => {
    const c = UUID.test(id) ? await repo.deleteConnection(tx, actor.orgId, id) : null;
    if (!c) throw notFound('Shop connection');
    await recordEvent(tx, actor, 'shop.disconnect', 'shop_connection', id, { platform: c.platform, shop: c.shop });
    return c;
  });
}
