/**
 * Holds with an end (`hold_until`) release themselves: every minute, and once shortly after
 * start, each organisation's held orders whose end has passed go back to imported, audited as
 * the system (`order.status` cause release, `order.release` {automatic: true}). Several server
 * processes may run it at once: rows another process is releasing are skipped, not waited for.
 */
import { systemActor } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';
import { releaseOrders } from './hold.ts';

/** Releases every hold whose end is at or before `now`; answers the orders released. */
export async function releaseDueHolds(db: Db, now: Date = new Date()): Promise<string[]> {
  const { rows } = await db.query<{ org_id: string }>(
    `SELECT DISTINCT org_id FROM orders WHERE status = 'on_hold' AND hold_until <= $1`,
    [now],
  );
  const released: string[] = [];
  for (const { org_id: orgId } of rows) {
    const ids = await db.transaction(async (tx) => {
      const due = await tx.query<{ id: string }>(
        `SELECT id FROM orders WHERE org_id = $1 AND status = 'on_hold' AND hold_until <= $2
          ORDER BY id FOR UPDATE SKIP LOCKED`,
        [orgId, now],
      );
      const out = await releaseOrders(
        tx,
        systemActor(orgId),
        due.rows.map((r) => r.id),
        { details: { automatic: true } },
      );
      return out.changed.map((c) => c.orderId);
    });
    released.push(...ids);
  }
  return released;
}

/** Starts the periodic release; `stop` waits for a run in flight (the database may close next). */
export function startHoldReleaseJob(db: Db, log: Logger, everyMs = 60_000): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = () => {
    if (running || stopped) return;
    running = releaseDueHolds(db)
      .then((ids) => {
        if (ids.length) log.info({ released: ids.length }, 'holds released at their end');
      })
      .catch((err) => log.warn({ err }, 'hold release failed; retried at the next run'))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(run, 5_000);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
