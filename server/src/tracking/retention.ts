/**
 * The retention purge, every 6 hours and once shortly after start: raw positions received more
 * than POSITION_RETENTION_DAYS ago (latest positions and stop events stay), and the rejected rows
 * of imports made more than IMPORT_REJECTIONS_RETENTION_DAYS ago (the imports' records stay);
 * then each organisation's own retention settings (privacy/retention.ts): proofs, customer details
 * of delivered orders (anonymised), message texts and recipients, positions, import rejections and
 * audit events, each organisation's purge audited with its counts.
 */
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';
import { purgeImportRejections } from '../orders/import/import-repo.ts';
import { purgePositions } from './position-repo.ts';
import { NO_PURGE, purgeAllOrganisations } from '../privacy/retention.ts';
import type { PurgeCounts } from '@tournee/shared';

export type RetentionConfig = Pick<Config, 'POSITION_RETENTION_DAYS' | 'IMPORT_REJECTIONS_RETENTION_DAYS'>;

/**
 * One run of the purge; each kind is purged even when the other fails (it is retried at the
 * next run). Returns the rows deleted.
 */
export async function purgeExpired(
  db: Db,
  config: RetentionConfig,
  log: Logger,
  now: Date = new Date(),
): Promise<{ positions: number; importRejections: number; organisations: PurgeCounts }> {
  const deleted = { positions: 0, importRejections: 0, organisations: { ...NO_PURGE } };
  try {
    const days = config.POSITION_RETENTION_DAYS;
    deleted.positions = await purgePositions(db, days);
    if (deleted.positions > 0) log.info({ deleted: deleted.positions, days }, 'old positions purged');
  } catch (err) {
    log.warn({ err }, 'position purge failed; retried at the next run');
  }
  try {
    const days = config.IMPORT_REJECTIONS_RETENTION_DAYS;
    deleted.importRejections = await purgeImportRejections(db, days);
    if (deleted.importRejections > 0)
      log.info({ deleted: deleted.importRejections, days }, 'old import rejections purged');
  } catch (err) {
    log.warn({ err }, 'import rejections purge failed; retried at the next run');
  }
  deleted.organisations = await purgeAllOrganisations(db, now, (orgId, err) =>
    log.warn({ err, orgId }, 'retention purge failed for an organisation; retried at the next run'),
  );
  return deleted;
}

export function startRetentionJob(
  db: Db,
  config: RetentionConfig,
  log: Logger,
  everyMs = 6 * 3600_000,
): { stop(): void } {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await purgeExpired(db, config, log);
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
