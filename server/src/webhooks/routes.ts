/**
 * Webhook subscriptions (admins, or API keys with webhooks:manage):
 *   POST   /api/webhooks                      {url, events[], secret?, description?} → with its secret
 *   GET    /api/webhooks                      the organisation's subscriptions
 *   GET    /api/webhooks/:id
 *   PATCH  /api/webhooks/:id                  url, events, enabled, description
 *   DELETE /api/webhooks/:id
 *   GET    /api/webhooks/:id/deliveries       the delivery log, newest first (?status=&limit=)
 *   POST   /api/webhooks/:id/replay?from=     every event of its types since `from`, again
 */
import { CreateWebhookRequest, DeliveriesQuery, ReplayQuery, UpdateWebhookRequest } from '@tournee/shared';
import { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { Db } from '../db/db.ts';
import { idParam, parse } from '../http/validate.ts';
import { listDeliveries, listSubscriptions } from './repo.ts';
import * as service from './service.ts';

export function webhookRoutes(deps: { db: Db; allowPrivate: boolean; kick: () => void }): Router {
  const { db } = deps;
  const r = Router();
  r.use('/webhooks', requireRole('admin'));

  r.post('/webhooks', async (req, res) => {
    const body = parse(CreateWebhookRequest, req.body);
    res.status(201).json(await service.createSubscription(deps, actorOf(req), body));
  });
  r.get('/webhooks', async (req, res) => {
    res.json({ items: await listSubscriptions(db, actorOf(req).orgId) });
  });
  r.get('/webhooks/:id', async (req, res) => {
    res.json(await service.getSubscription(db, actorOf(req), idParam(req.params)));
  });
  r.patch('/webhooks/:id', async (req, res) => {
    const patch = parse(UpdateWebhookRequest, req.body);
    const updated = await service.updateSubscription(deps, actorOf(req), idParam(req.params), patch);
    if (patch.enabled) deps.kick();
    res.json(updated);
  });
  r.delete('/webhooks/:id', async (req, res) => {
    await service.deleteSubscription(db, actorOf(req), idParam(req.params));
    res.status(204).end();
  });
  r.get('/webhooks/:id/deliveries', async (req, res) => {
    const s = await service.getSubscription(db, actorOf(req), idParam(req.params));
    const q = parse(DeliveriesQuery, req.query, 'query');
    res.json({ items: await listDeliveries(db, s.id, q) });
  });
  r.post('/webhooks/:id/replay', async (req, res) => {
    const { from } = parse(ReplayQuery, req.query, 'query');
    const out = await service.replay(db, actorOf(req), idParam(req.params), from);
    deps.kick();
    res.json(out);
  });
  return r;
}
