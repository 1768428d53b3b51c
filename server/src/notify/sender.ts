/**
 * The outbox sender loop: every `pollMs`, claim due messages (safe with several processes),
 * send each through its channel's provider, record the provider id, or the error and the next
 * attempt (exponential backoff with jitter); after `maxAttempts` the message is `failed` and
 * listed for dispatchers. A provider that is down only delays messages: none is lost. Delivery
 * is at least once, not exactly once: a row is sent again after an error, or after the sender
 * died (or could not record the send) holding its lease — see outbox-repo.ts for when exactly.
 * While sends are in flight the sender renews their lease every third of it, so a slow provider
 * never has a second sender send the same row.
 */
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';
import { claimDue, extendLease, markError, markSent } from './outbox-repo.ts';
import type { Claimed } from './outbox-repo.ts';
import type { Provider } from './providers.ts';

export interface SenderOptions {
  pollMs: number;
  maxAttempts: number;
  /** First retry delay; doubles each attempt, capped at an hour. */
  backoffMs: number;
  batch?: number;
  /**
   * How long a claimed row is held before another sender may retry it (renewed while its send
   * is in flight, so this is what a crash costs, not how long a send may take).
   * @default 60_000
   */
  leaseMs?: number;
}

export interface Sender {
  /** Sends every due message once (the loop's step; tests and the bench call it directly). */
  tick(): Promise<number>;
  stop(): Promise<void>;
}

/** Longest a send keeps its lease renewed (Twilio's client gives up after 30 s, SMTP's after minutes). */
const MAX_SEND_MS = 15 * 60_000;

/** The delay before attempt `attempts + 1`. */
export function backoffDelay(attempts: number, baseMs: number, random = Math.random): number {
  const raw = Math.min(3600_000, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(raw * (0.8 + 0.4 * random()));
}

export function startSender(
  db: Db,
  providers: { sms: Provider; email: Provider },
  opts: SenderOptions,
  log: Logger,
): Sender {
  const batch = opts.batch ?? 50;
  const leaseMs = opts.leaseMs ?? 60_000;
  let stopped = false;
  let current: Promise<number> | null = null;

  async function step(): Promise<number> {
    const claimed = await claimDue(db, batch, leaseMs);
    if (claimed.length === 0) return 0;
    const inFlight = new Set(claimed.map((m) => m.id));
    const since = Date.now();
    const heartbeat = setInterval(() => {
      // A provider call hung past its own timeouts: let the lease lapse so another sender retries.
      if (Date.now() - since > MAX_SEND_MS) return clearInterval(heartbeat);
      extendLease(db, [...inFlight], leaseMs).catch((err) => log.warn({ err }, 'outbox lease renewal failed'));
    }, leaseMs / 3);
    try {
      await Promise.all(claimed.map((m) => sendOne(m).finally(() => inFlight.delete(m.id))));
    } finally {
      clearInterval(heartbeat);
    }
    return claimed.length;
  }

  async function sendOne(m: Claimed): Promise<void> {
    const provider = providers[m.channel];
    try {
      const id = await provider.send(m);
      await markSent(db, m.id, provider.name, id);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const retryAt =
        m.attempts >= opts.maxAttempts ? null : new Date(Date.now() + backoffDelay(m.attempts, opts.backoffMs));
      log.warn({ id: m.id, channel: m.channel, attempts: m.attempts, err: message }, 'notification send failed');
      await markError(db, m.id, provider.name, message, retryAt);
    }
  }

  const tick = async () => {
    // One step at a time in a process; a full batch means more is due: go on at once.
    while (current) await current.catch(() => 0);
    current = step();
    try {
      let total = await current;
      let n = total;
      while (n === batch && !stopped) {
        current = step();
        n = await current;
        total += n;
      }
      return total;
    } finally {
      current = null;
    }
  };

  const timer = setInterval(() => {
    if (current || stopped) return;
    tick().catch((err) => log.error({ err }, 'notification sender step failed'));
  }, opts.pollMs);
  timer.unref();

  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (current) await current.catch(() => 0);
      for (const p of new Set([providers.sms, providers.email])) p.close?.();
    },
  };
}
