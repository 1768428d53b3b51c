/** Webhook subscriptions: created (secret shown once), changed, deleted, replayed; all audited. */
import type { CreatedWebhook, CreateWebhookRequest, UpdateWebhookRequest, WebhookSubscription } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { AppError, notFound } from '../errors.ts';
import { replaySince } from './outbox-repo.ts';
import * as repo from './repo.ts';
import { newWebhookSecret } from './signature.ts';
import { urlProblem } from './ssrf.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface WebhookDeps {
  db: Db;
  allowPrivate: boolean;
}

async function checkUrl(url: string, allowPrivate: boolean) {
  const problem = await urlProblem(url, allowPrivate);
  if (problem) {
    throw new AppError('bad_request', `url: ${problem}; webhooks go to public addresses only`, {
      details: [{ field: 'url', message: problem }],
    });
  }
}

export async function getSubscription(db: Db, actor: Actor, id: string): Promise<WebhookSubscription> {
  const s = UUID.test(id) ? await repo.findSubscription(db, actor.orgId, id) : null;
  if (!s) throw notFound('Webhook subscription');
  return s;
}

export async function createSubscription(
  deps: WebhookDeps,
  actor: Actor,
  req: CreateWebhookRequest,
): Promise<CreatedWebhook> {
  await checkUrl(req.url, deps.allowPrivate);
  const secret = req.secret ?? newWebhookSecret();
  const events = [...new Set(req.events)];
  return deps.db.transaction(async (tx) => {
    const id = await repo.insertSubscription(tx, {
      orgId: actor.orgId,
      url: req.url,
      events,
      secret,
      description: req.description ?? '',
      createdBy: actor.userId,
    });
    await recordEvent(tx, actor, 'webhook.create', 'webhook', id, { url: req.url, events });
    return { ...(await getSubscription(tx, actor, id)), secret };
  });
}

export async function updateSubscription(
  deps: WebhookDeps,
  actor: Actor,
  id: string,
  patch: UpdateWebhookRequest,
): Promise<WebhookSubscription> {
  await getSubscription(deps.db, actor, id);
  if (patch.url) await checkUrl(patch.url, deps.allowPrivate);
  return deps.db.transaction(async (tx) => {
    await repo.updateSubscription(tx, actor.orgId, id, {
      ...patch,
      events: patch.events ? [...new Set(patch.events)] : undefined,
    });
    await recordEvent(tx, actor, 'webhook.update', 'webhook', id, { ...patch });
    return getSubscription(tx, actor, id);
  });
}

export async function deleteSubscription(db: Db, actor: Actor, id: string): Promise<void> {
  const s = await getSubscription(db, actor, id);
  await db.transaction(async (tx) => {
    await repo.deleteSubscription(tx, actor.orgId, id);
    await recordEvent(tx, actor, 'webhook.delete', 'webhook', id, { url: s.url });
  });
}

export async function replay(db: Db, actor: Actor, id: string, from: string): Promise<{ queued: number }> {
  await getSubscription(db, actor, id);
  return db.transaction(async (tx) => {
    const queued = await replaySince(tx, actor.orgId, id, new Date(from));
    await recordEvent(tx, actor, 'webhook.replay', 'webhook', id, { from, queued });
    return { queued };
  });
}
