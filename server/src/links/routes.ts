/**
 * The public side of tracking links (no sign-in; the token is the key):
 *   GET  /t/:token                      the tracking page (web/dist/track.html), or the 404 page
 *   GET  /api/track/:token              the order's TrackView
 *   GET  /api/track/:token/proof/:kind  the proof of delivery (photo | signature)
 *   POST /api/track/:token/rating       1–5 and a comment, once, after delivery
 *   POST /api/track/:token/opt-out      no more messages to this order's phone and email
 *   POST /api/track/:token/reschedule   another day for the delivery (reschedule-routes.ts)
 * Unknown and expired tokens answer the same 404; too many of them from one address (the client's
 * address as Express reads it, under TRUST_PROXY), 429. The misses count in the server's rate
 * limits (http/rate-limit.ts): in Redis, every process sees them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RatingRequest } from '@tournee/shared';
import { type Request, type RequestHandler, Router } from 'express';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import type { RateLimit } from '../http/rate-limit.ts';
import { WEB_DIST } from '../http/static-apps.ts';
import { parse } from '../http/validate.ts';
import { resolveLink } from './links.ts';
import { deliveredProofFile } from './track-repo.ts';
import { optOutOfMessages, rateDelivery } from './track-service.ts';
import { buildTrackView } from './view.ts';

const NOT_FOUND_HTML = `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Lien introuvable – Link not found</title></head><body style="font-family:sans-serif;padding:2em">
<h1>Lien introuvable</h1><p>Ce lien de suivi n’existe pas ou a expiré.</p>
<h1>Link not found</h1><p>This tracking link does not exist or has expired.</p></body></html>`;

export const tooMany = () =>
  new AppError('too_many_requests', 'Too many unknown tracking links from this address; wait a minute', {
    headers: { 'retry-after': '60' },
  });

/** Resolves `req.params.token` or throws the one 404 (counted against the address). */
export async function orderOf(db: Db, limiter: RateLimit, req: Request): Promise<{ orgId: string; orderId: string }> {
  const ip = req.ip ?? 'unknown';
  if ((await limiter.check(ip)) !== null) throw tooMany();
  const link = await resolveLink(db, String(req.params.token));
  if (!link) {
    await limiter.charge(ip);
    throw new AppError('not_found', 'No such tracking link (unknown or expired)');
  }
  return link;
}

export function trackApiRoutes(db: Db, limiter: RateLimit): Router {
  const r = Router();
  r.get('/track/:token', async (req, res) => {
    const { orderId } = await orderOf(db, limiter, req);
    res.setHeader('cache-control', 'no-store');
    res.json(await buildTrackView(db, orderId));
  });
  r.get('/track/:token/proof/:kind', async (req, res) => {
    const { orderId } = await orderOf(db, limiter, req);
    const file = await deliveredProofFile(db, orderId, String(req.params.kind));
    if (!file) throw new AppError('not_found', 'No proof of delivery of this kind');
    res.type(file.contentType).setHeader('cache-control', 'private, max-age=3600');
    res.send(file.data);
  });
  r.post('/track/:token/rating', async (req, res) => {
    const link = await orderOf(db, limiter, req);
    const body = parse(RatingRequest, req.body);
    await rateDelivery(db, link, body);
    res.status(201).json({ rating: body.rating, comment: body.comment });
  });
  r.post('/track/:token/opt-out', async (req, res) => {
    await optOutOfMessages(db, await orderOf(db, limiter, req));
    res.json({ optedOut: true });
  });
  return r;
}

/** `GET /t/:token`: the page for a live token, the same 404 page for any other. */
export function trackPage(db: Db, limiter: RateLimit): RequestHandler {
  const file = join(WEB_DIST, 'track.html');
  let page: Buffer | null = null;
  return async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.setHeader('referrer-policy', 'no-referrer');
    const ip = req.ip ?? 'unknown';
    if ((await limiter.check(ip)) !== null) {
      res.status(429).setHeader('retry-after', '60').type('html').send(NOT_FOUND_HTML);
      return;
    }
    const link = await resolveLink(db, String(req.params.token));
    if (!link) {
      await limiter.charge(ip);
      res.status(404).type('html').send(NOT_FOUND_HTML);
      return;
    }
    page ??= existsSync(file) ? readFileSync(file) : null;
    if (!page) {
      res.type('html').send('<!doctype html><p>The tracking page is not built (pnpm --filter @tournee/web build).</p>');
      return;
    }
    res.type('html').send(page);
  };
}
