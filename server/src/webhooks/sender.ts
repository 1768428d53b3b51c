/**
 * The webhook sender loop: claims due deliveries (outbox-repo.ts), POSTs each signed body, and
 * marks it delivered or schedules the next try with exponential backoff (base × 2^(attempts−1),
 * at most 6 h). It runs in every server process; the claims keep them from sending a delivery
 * twice at once and keep each subject's events in order. It wakes on `kick()` (an event was just
 * enqueued here) or every `pollMs`, and right away while there is more to send.
 */
import type { WebhookEventBody } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';
import { postWebhook } from './http-post.ts';
import { type ClaimedDelivery, claimDue, markDelivered, markFailed, pruneDelivered } from './outbox-repo.ts';
import { SIGNATURE_HEADER, signatureHeader } from './signature.ts';

export const MAX_BACKOFF_MS = 6 * 3600_000;
/** Delivered events are kept this long (the delivery log, replays), then pruned hourly. */
export const KEEP_EVENTS_MS = 30 * 86_400_000;

export interface SenderOptions {
  pollMs: number;
  /** The first retry's delay; each further one doubles it. */
  backoffMs: number;
  timeoutMs: number;
  disableAfterMs: number;
  allowPrivate: boolean;
  /** Deliveries claimed per query. @default 32 */
  batchSize?: number;
  /** Deliveries being sent at once by this process. @default 64 */
  maxInFlight?: number;
  /** The sender's clock (tests move it forward instead of waiting). @default Date.now */
  now?: () => number;
}

export interface WebhookSender {
  /** Claims what is due now (one batch) and waits until it is sent; resolves with how many. */
  tick(): Promise<number>;
  kick(): void;
  stop(): Promise<void>;
}

export const backoffFor = (attempts: number, baseMs: number) =>
  Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempts - 1));

/** The body POSTed: `{id, type, occurredAt, data}`, the event id being the idempotency key. */
export function eventBody(d: Pick<ClaimedDelivery, 'eventId' | 'type' | 'occurredAt' | 'data'>): string {
  const body: WebhookEventBody = {
    id: d.eventId,
    type: d.type as WebhookEventBody['type'],
    occurredAt: d.occurredAt.toISOString(),
    data: d.data,
  };
  return JSON.stringify(body);
}

export function startWebhookSender(db: Db, log: Logger, o: SenderOptions): WebhookSender {
  const now = o.now ?? Date.now;
  const batchSize = o.batchSize ?? 32;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;

  async function deliver(d: ClaimedDelivery): Promise<void> {
    const body = eventBody(d);
    const sentAt = now();
    const headers = {
      [SIGNATURE_HEADER]: signatureHeader(d.secret, body, Math.floor(sentAt / 1000)),
      'User-Agent': 'Tournee-Webhooks/1',
      'Tournee-Event-Id': d.eventId,
    };
    const out = await postWebhook(d.url, body, headers, { timeoutMs: o.timeoutMs, allowPrivate: o.allowPrivate });
    const at = new Date(now());
    if (out.status !== null && out.status >= 200 && out.status < 300) {
      await markDelivered(db, d.id, at, out.status);
      return;
    }
    const retryAt = new Date(at.getTime() + backoffFor(d.attempts + 1, o.backoffMs));
    const { disabled } = await markFailed(
      db,
      { id: d.id, subscriptionId: d.subscriptionId },
      { now: at, retryAt, status: out.status, error: out.error ?? 'failed', disableAfterMs: o.disableAfterMs },
    );
    if (disabled) log.warn({ subscriptionId: d.subscriptionId }, 'webhook subscription disabled after failing');
  }

  let prunedAt = 0;
  const inFlight = new Set<Promise<void>>();
  const maxInFlight = o.maxInFlight ?? 64;

  /**
   * Claims as many due deliveries as there is room for and starts them without waiting: a
   * receiver that takes its time (up to timeoutMs) holds up only its own subject's next events,
   * never the other subscriptions'. Each one done makes room and looks again.
   */
  async function fill(): Promise<number> {
    const t = now();
    if (t - prunedAt > 3600_000) {
      prunedAt = t;
      await pruneDelivered(db, new Date(t - KEEP_EVENTS_MS));
    }
    const room = Math.min(batchSize, maxInFlight - inFlight.size);
    if (room <= 0) return 0;
    // The lease outlives the POST's time limit, so a live sender's delivery is never taken over.
    const batch = await claimDue(db, new Date(t), o.timeoutMs * 2 + 5000, room);
    for (const d of batch) {
      const p: Promise<void> = deliver(d)
        .catch((err) => log.error({ err, deliveryId: d.id }, 'webhook delivery failed'))
        .finally(() => {
          inFlight.delete(p);
          schedule(0);
        });
      inFlight.add(p);
    }
    return batch.length;
  }

  /** Claims one batch and waits for it to be sent (tests and benches drive the sender with it). */
  async function tick(): Promise<number> {
    const n = await fill();
    await Promise.all([...inFlight]);
    return n;
  }

  function schedule(ms: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, ms);
    timer.unref?.();
  }

  function run() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      let more = false;
      try {
        more = (await fill()) > 0;
      } catch (err) {
        log.error({ err }, 'webhook sender tick failed');
      }
      running = null;
      if (more || again) {
        again = false;
        schedule(0);
      } else schedule(o.pollMs);
    })();
  }

  schedule(0);
  return {
    tick,
    kick: () => schedule(0),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await Promise.all([...inFlight]);
    },
  };
}
