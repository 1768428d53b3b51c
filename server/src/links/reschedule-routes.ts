/**
 * `POST /api/track/:token/reschedule {date, window?}`: the customer picks another day (see
 * reschedule-service.ts). 200 with the change (the same answer to a replay); 409 when no change
 * is offered now, with the reason; 422 naming `date` or `window` when not one offered; 429 past
 * RESCHEDULE_PER_TOKEN a minute on one link or RESCHEDULE_PER_ADDRESS from one address (every
 * request counts, answered or refused). The limits are the server's (http/rate-limit.ts), kept in
 * Redis when there is one, failing open to memory when Redis is slow or down.
 */
import { TrackRescheduleRequest } from '@tournee/shared';
import { Router } from 'express';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import type { RateLimit, RateLimits } from '../http/rate-limit.ts';
import { parse } from '../http/validate.ts';
import type { TakeOffRoutes } from '../lifecycle/reschedule.ts';
import { hashToken } from './links.ts';
import { rescheduleFromLink } from './reschedule-service.ts';
import { orderOf } from './routes.ts';

/** Changes of day one link may ask for in a minute (a customer needs one; a few for second thoughts). */
export const RESCHEDULE_PER_TOKEN = 5;
/** Changes of day one address may ask for in a minute, all links together (a shared office address). */
export const RESCHEDULE_PER_ADDRESS = 30;

export interface RescheduleLimits {
  perToken: RateLimit;
  perAddress: RateLimit;
}

/** The two limits, in the server's rate limits (shared by every server process with Redis). */
export function rescheduleLimits(limits: RateLimits): RescheduleLimits {
  return {
    perToken: limits.limit('track-reschedule:token', RESCHEDULE_PER_TOKEN),
    perAddress: limits.limit('track-reschedule:ip', RESCHEDULE_PER_ADDRESS),
  };
}

export interface RescheduleRoutesDeps {
  db: Db;
  /** The unknown-link limiter every tracking route shares. */
  failures: RateLimit;
  limits: RescheduleLimits;
  publicUrl: string;
  /** The confirmation's new link lives at most this many days (TRACK_LINK_MAX_DAYS). */
  linkMaxDays?: number;
  /** Takes the order's stop off an unstarted route (changes before the start). */
  takeOffRoutes?: TakeOffRoutes;
  /** After a change: wake the outbox sender. */
  onQueued?(): void;
  /** After a change: push the fresh view to the order's open pages. */
  refresh?(orderIds: string[]): Promise<void>;
}

export function trackRescheduleRoutes(deps: RescheduleRoutesDeps): Router {
  const r = Router();
  r.post('/track/:token/reschedule', async (req, res) => {
    const link = await orderOf(deps.db, deps.failures, req);
    const ip = `ip:${req.ip ?? 'unknown'}`;
    const token = hashToken(String(req.params.token));
    const [byToken, byAddress] = await Promise.all([
      deps.limits.perToken.check(token),
      deps.limits.perAddress.check(ip),
    ]);
    if (byToken !== null || byAddress !== null) {
      throw new AppError(
        'too_many_requests',
        `reschedule: too many requests from ${byToken !== null ? 'this link' : 'this address'}; wait a minute`,
        { headers: { 'retry-after': '60' } },
      );
    }
    await Promise.all([deps.limits.perToken.charge(token), deps.limits.perAddress.charge(ip)]);
    const body = parse(TrackRescheduleRequest, req.body);
    const out = await rescheduleFromLink(deps, link, body);
    if (!out.replayed) {
      out.announce();
      deps.onQueued?.();
      await deps.refresh?.([link.orderId]);
    }
    res.setHeader('cache-control', 'no-store');
    res.json(out.result);
  });
  return r;
}
