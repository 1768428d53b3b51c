/**
 * Notifications for dispatchers, and Twilio's delivery reports:
 *   GET  /api/notifications?orderId=&status=&limit=   messages (newest first), with status and errors
 *   POST /api/notifications/:id/resend                a failed (or any finished) message queued again
 *   GET  /api/notifications/settings                  the organisation's switches (defaults filled in)
 *   PUT  /api/notifications/settings                  admin: replaces organisations.settings.notify
 *   GET  /api/notifications/preview?trigger=&locale=  every trigger's SMS and email for a sample order
 *   POST /api/notify/twilio/status                    Twilio status callback (X-Twilio-Signature checked)
 */
import { NotificationsQuery, NotifySettings, TemplatePreviewQuery } from '@tournee/shared';
import express, { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import { recordEvent } from '../audit/audit.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { AppError, found } from '../errors.ts';
import { idOf } from '../fleet/http.ts';
import { parse } from '../http/validate.ts';
import type { Logger } from '../logger.ts';
import { applyProviderStatus, listNotifications, requeue } from './outbox-repo.ts';
import { twilioCallbackUrl } from './providers.ts';
import { previewTemplates } from './preview.ts';
import { resolveSettings } from './settings.ts';
import { readNotifySettings, writeNotifySettings } from './settings-repo.ts';

export function notifyRoutes(deps: { db: Db; config: Config; log: Logger; kick(): void }): Router {
  const { db, config } = deps;
  const r = Router();
  const staff = requireRole('admin', 'dispatcher');
  r.get('/notifications/settings', staff, async (req, res) => {
    res.json(resolveSettings(await readNotifySettings(db, actorOf(req).orgId)));
  });
  r.get('/notifications/preview', staff, async (req, res) => {
    const q = parse(TemplatePreviewQuery, req.query, 'query');
    const orgId = actorOf(req).orgId;
    const settings = resolveSettings(await readNotifySettings(db, orgId));
    const publicUrl = config.PUBLIC_URL ?? `${req.protocol}://${req.get('host')}`;
    res.json({ items: await previewTemplates(db, orgId, { ...q, publicUrl, settings }) });
  });
  r.put('/notifications/settings', requireRole('admin'), async (req, res) => {
    const actor = actorOf(req);
    const body = parse(NotifySettings, req.body ?? {});
    await db.transaction(async (tx) => {
      await writeNotifySettings(tx, actor.orgId, body);
      await recordEvent(tx, actor, 'update', 'notify_settings', actor.orgId, body);
    });
    res.json(resolveSettings(body));
  });
  r.get('/notifications', staff, async (req, res) => {
    const q = parse(NotificationsQuery, req.query, 'query');
    res.json({ items: await listNotifications(db, actorOf(req).orgId, q) });
  });
  r.post('/notifications/:id/resend', staff, async (req, res) => {
    const actor = actorOf(req);
    const id = idOf(req.params);
    const n = await db.transaction(async (tx) => {
      const n = found(await requeue(tx, actor.orgId, id), 'Notification');
      await recordEvent(tx, actor, 'resend', 'notification', id);
      return n;
    });
    deps.kick();
    res.json(n);
  });
  r.post('/notify/twilio/status', express.urlencoded({ extended: false }), async (req, res) => {
    const token = config.TWILIO_AUTH_TOKEN;
    const signature = req.header('x-twilio-signature') ?? '';
    // Twilio signs the URL it called: the configured public one, else this request's own.
    const url = twilioCallbackUrl(config) ?? `${req.protocol}://${req.get('host')}${req.originalUrl}`;
    const params = (req.body ?? {}) as Record<string, string>;
    const { default: twilio } = await import('twilio');
    if (!token || !twilio.validateRequest(token, signature, url, params))
      throw new AppError('forbidden', 'X-Twilio-Signature: not a valid signature for this request');
    const sid = params.MessageSid ?? params.SmsSid;
    const status = params.MessageStatus ?? params.SmsStatus;
    if (sid && (status === 'delivered' || status === 'failed' || status === 'undelivered')) {
      const error =
        status === 'delivered' ? null : `Twilio ${status}${params.ErrorCode ? ` (error ${params.ErrorCode})` : ''}`;
      await applyProviderStatus(db, sid, status === 'delivered' ? 'delivered' : 'failed', error);
    }
    res.status(204).end();
  });
  return r;
}
