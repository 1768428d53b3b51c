/**
 * API keys (admins) and the orders feed for polling clients:
 *   POST   /api/api-keys                      {name, scopes[]} → the key, shown this once
 *   GET    /api/api-keys                      the organisation's keys (prefix, scopes, last used)
 *   DELETE /api/api-keys/:id                  revokes
 *   GET    /api/orders?updatedSince=&cursor=  orders changed since, oldest change first; the answer's
 *                                             `cursor` continues the feed (other /orders queries go on
 *                                             to the orders routes)
 */
import { CreateApiKeyRequest, OrdersFeedQuery } from '@tournee/shared';
import { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { idParam, parse } from '../http/validate.ts';
import { type FeedCursor, ordersChangedSince } from './orders-feed-repo.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './service.ts';

const encodeCursor = (c: FeedCursor) => Buffer.from(`${c.at}|${c.id}`).toString('base64url');

function decodeCursor(s: string): FeedCursor {
  const [at, id] = Buffer.from(s, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new AppError('bad_request', 'cursor: not a cursor this API gave out');
  }
  return { at, id };
}

export function apiKeyRoutes(db: Db): Router {
  const r = Router();
  const admin = requireRole('admin');

  r.post('/api-keys', admin, async (req, res) => {
    res.status(201).json(await createApiKey(db, actorOf(req), parse(CreateApiKeyRequest, req.body)));
  });
  r.get('/api-keys', admin, async (req, res) => {
    res.json({ items: await listApiKeys(db, actorOf(req)) });
  });
  r.delete('/api-keys/:id', admin, async (req, res) => {
    res.json(await revokeApiKey(db, actorOf(req), idParam(req.params)));
  });

  r.get('/orders', requireRole('admin', 'dispatcher'), async (req, res, next) => {
    if (req.query.updatedSince === undefined) return next();
    const q = parse(OrdersFeedQuery, req.query, 'query');
    const after = q.cursor ? decodeCursor(q.cursor) : null;
    const { items, last } = await ordersChangedSince(db, actorOf(req).orgId, q.updatedSince, after, q.limit);
    const cursor = last ? encodeCursor(last) : (q.cursor ?? null);
    res.json({ items, cursor, hasMore: items.length === q.limit });
  });

  return r;
}
