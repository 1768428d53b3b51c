/**
 * POST /api/drivers/:id/access/send { channel, token?, locale? } (admin, dispatcher): the driver's
 * sign-in link, written to the notify outbox for their phone (sms) or email. With `token` (a
 * link the dispatcher was just shown) that same link is sent, so the QR code on screen and the
 * message agree; without it a new link is issued and returned. The outbox's rule holds: one row per
 * link and channel (sending the same link twice by SMS writes nothing new), delivered at least once.
 */
import { Router } from 'express';
import { z } from 'zod';
import { recordEvent } from '../audit/audit.ts';
import { actorOf, requireRole } from '../auth/middleware.ts';
import { hashToken } from '../auth/tokens.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { AppError, notFound } from '../errors.ts';
import { idOf } from '../fleet/http.ts';
import { parse } from '../http/validate.ts';
import { enqueue } from '../notify/outbox-repo.ts';
import { orgProfile } from '../org/profile-repo.ts';
import { findDriver } from '../fleet/driver-repo.ts';
import { principalByToken } from './access-repo.ts';
import { issueAccess } from './access-service.ts';

export const AccessSendRequest = z.object({
  channel: z.enum(['sms', 'email']),
  token: z.string().min(1).max(200).optional(),
  locale: z.enum(['fr', 'en']).optional(),
});

/** What the outbox was asked to send. `access` only when a new link was issued. */
export interface AccessSent {
  channel: 'sms' | 'email';
  recipient: string;
  /** False when this link had already been queued on this channel. */
  queued: boolean;
  access?: { token: string; link: string; code: string; expiresAt: string };
}

const TEXT = {
  fr: { subject: 'Votre accès à la tournée', body: 'Bonjour {name}, votre lien de connexion {org} : {link}' },
  en: { subject: 'Your route access', body: 'Hello {name}, your {org} sign-in link: {link}' },
};

const linkFor = (baseUrl: string, token: string) =>
  `${baseUrl.replace(/\/$/, '')}/driver/#token=${encodeURIComponent(token)}`;

export function accessSendRoutes(deps: { db: Db; config: Config }): Router {
  const { db, config } = deps;
  const r = Router();
  r.post('/drivers/:id/access/send', requireRole('admin', 'dispatcher'), async (req, res) => {
    const body = parse(AccessSendRequest, req.body ?? {});
    const actor = actorOf(req);
    const driverId = idOf(req.params);
    const d = await findDriver(db, actor.orgId, driverId);
    if (!d) throw notFound('Driver');
    const field = body.channel === 'sms' ? 'phone' : 'email';
    const recipient = d[field]?.trim();
    if (!recipient) {
      throw new AppError(
        'unprocessable',
        `${field}: ${d.name} has no ${field === 'phone' ? 'phone number' : 'email'}`,
        {
          details: { field },
        },
      );
    }
    const baseUrl = config.PUBLIC_URL ?? `${req.protocol}://${req.get('host')}`;
    let access: AccessSent['access'];
    let token = body.token;
    if (!token) {
      access = await issueAccess(db, actor, driverId, { ttlHours: config.DRIVER_ACCESS_TTL_HOURS, baseUrl });
      token = access.token;
    }
    const p = await principalByToken(db, hashToken(token));
    if (!p || p.driverId !== driverId || p.orgId !== actor.orgId) {
      throw new AppError('unprocessable', "token: this sign-in link is unknown, expired, revoked or another driver's");
    }
    const locale = body.locale ?? 'fr';
    const org = (await orgProfile(db, actor.orgId))?.name ?? '';
    const fill = (s: string) =>
      s.replace('{name}', d.name).replace('{org}', org).replace('{link}', linkFor(baseUrl, token));
    const message = {
      orgId: actor.orgId,
      orderId: null,
      routeId: null,
      channel: body.channel,
      trigger: 'driver_access',
      key: `driver_access:${p.accessId}:${body.channel}`,
      recipient,
      locale,
      subject: body.channel === 'email' ? TEXT[locale].subject : null,
      body: fill(TEXT[locale].body),
      html: null,
    } as const;
    const queued = await db.transaction(async (tx) => {
      const written = await enqueue(tx, message);
      if (written)
        await recordEvent(tx, actor, 'send_access', 'driver', driverId, { channel: body.channel, recipient });
      return written;
    });
    const out: AccessSent = { channel: body.channel, recipient, queued, ...(access ? { access } : {}) };
    res.status(202).json(out);
  });
  return r;
}
