/**
 * The retention purge: raw positions received more than POSITION_RETENTION_DAYS ago are
 * deleted every 6 hours, and once shortly after start. Latest positions and stop events stay.
 */
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';
import { purgePositions } from './position-repo.ts';

export function startRetentionJob(db: Db, days: number, log: Logger, everyMs = 6 * 3600_000): { stop(): void } {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const n = await purgePositions(db, days);
      if (n > 0) log.info({ deleted: n, days }, 'old positions purged');
    } catch (err) {
      log.warn({ err }, 'position purge failed; retried at the next run');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(run, 60_000);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
