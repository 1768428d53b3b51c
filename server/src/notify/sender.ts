/**
 * The outbox sender loop: every `pollMs`, claim due messages (safe with several processes),
 * send each through its channel's provider, record the provider id, or the error and the next
 * attempt (exponential backoff with jitter); after `maxAttempts` the message is `failed` and
 * listed for dispatchers. A provider that is down only delays messages: none is lost, none is
 * sent twice (a row is only re-sent after an error, or after a sender died holding its lease).
 */
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';
import { claimDue, markError, markSent } from './outbox-repo.ts';
import type { Provider } from './providers.ts';

export interface SenderOptions {
  pollMs: number;
  maxAttempts: number;
  /** First retry delay; doubles each attempt, capped at an hour. */
  backoffMs: number;
  batch?: number;
  /** How long a claimed row is held before another sender may retry it. */
  leaseMs?: number;
}

export interface Sender {
  /** Sends every due message once (the loop's step; tests and the bench call it directly). */
  tick(): Promise<number>;
  stop(): Promise<void>;
}

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
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  let stopped = false;
  let current: Promise<number> | null = null;

  async function step(): Promise<number> {
    const claimed = await claimDue(db, batch, leaseMs);
    await Promise.all(
      claimed.map(async (m) => {
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
      }),
    );
    return claimed.length;
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
