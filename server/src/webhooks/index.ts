/**
 * Webhooks, wired in app.ts: the API (`api`), the domain-event handlers (`handlers`, route and stop
 * events; order events are written by the orders trigger) and the sender loop of this process.
 */
import type { Router } from 'express';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import type { DomainHandlers } from '../events/bus.ts';
import type { Logger } from '../logger.ts';
import { webhookHandlers } from './domain-events.ts';
import { webhookRoutes } from './routes.ts';
import { startWebhookSender, type WebhookSender } from './sender.ts';

export interface Webhooks {
  api: Router;
  handlers: DomainHandlers;
  sender: WebhookSender;
  close(): Promise<void>;
}

export function createWebhooksModule(deps: {
  db: Db;
  config: Config;
  log: Logger;
  /** The sender's clock. @default Date.now */
  now?: () => number;
}): Webhooks {
  const { db, config, log } = deps;
  const now = deps.now ?? Date.now;
  const allowPrivate = config.WEBHOOK_ALLOW_PRIVATE;
  const sender = startWebhookSender(db, log, {
    pollMs: config.WEBHOOK_POLL_MS,
    backoffMs: config.WEBHOOK_BACKOFF_MS,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    disableAfterMs: config.WEBHOOK_DISABLE_AFTER_DAYS * 86_400_000,
    allowPrivate,
    now,
  });
  return {
    api: webhookRoutes({ db, allowPrivate, kick: sender.kick }),
    handlers: webhookHandlers({ db, now, enqueued: sender.kick }),
    sender,
    close: () => sender.stop(),
  };
}
