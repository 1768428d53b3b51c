/**
 * Shop intake:
 *   POST   /api/intake/shopify            an orders/paid (or orders/create) webhook; X-Shopify-Hmac-Sha256
 *                                         over the raw body with the shop's secret, the shop named by
 *                                         X-Shopify-Shop-Domain
 *   POST   /api/intake/woocommerce        an order created/updated webhook; X-WC-Webhook-Signature, the
 *                                         shop named by X-WC-Webhook-Source
 *   POST   /api/intake/connections        {platform, shop, secret} (admins)
 *   GET    /api/intake/connections
 *   DELETE /api/intake/connections/:id
 * The webhooks need no session: the signature is the credential (401 when it does not match).
 */
import { CreateShopConnectionRequest, type ShopPlatform } from '@tournee/shared';
import { type Request, Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { geocoderFromConfig } from '../geocoding/geocoder.ts';
import { idParam, parse } from '../http/validate.ts';
import { connectShop, disconnectShop, listShops, receiveShopOrder } from './shop-service.ts';

const header = (req: Request, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

export function shopRoutes(deps: { db: Db; config: Config }): Router {
  const { db, config } = deps;
  const r = Router();
  const intake = { db, geocoder: geocoderFromConfig(config), maxDepotDistanceKm: config.IMPORT_MAX_DEPOT_DISTANCE_KM };
  const receive =
    (platform: ShopPlatform, shopHeader: string, signatureHeader: string) =>
    async (req: Request, res: import('express').Response) => {
      const result = await receiveShopOrder(intake, platform, {
        shop: header(req, shopHeader),
        signature: header(req, signatureHeader),
        raw: req.rawBody ?? Buffer.alloc(0),
        body: req.body,
      });
      res.status(result.status === 'created' ? 201 : 200).json(result);
    };
  r.post('/intake/shopify', receive('shopify', 'x-shopify-shop-domain', 'x-shopify-hmac-sha256'));
  r.post('/intake/woocommerce', receive('woocommerce', 'x-wc-webhook-source', 'x-wc-webhook-signature'));

  const admin = requireRole('admin');
  r.post('/intake/connections', admin, async (req, res) => {
    res.status(201).json(await connectShop(db, actorOf(req), parse(CreateShopConnectionRequest, req.body)));
  });
  r.get('/intake/connections', admin, async (req, res) => {
    res.json({ items: await listShops(db, actorOf(req)) });
  });
  r.delete('/intake/connections/:id', admin, async (req, res) => {
    res.json(await disconnectShop(db, actorOf(req), idParam(req.params)));
  });
  return r;
}
