import { createApp } from './app.ts';
import { ensureFirstAdmin } from './bootstrap.ts';
import { type Config, loadConfig } from './config.ts';
import { migrate } from './db/migrate.ts';
import { openDb } from './db/open-db.ts';
import { failInterruptedPlans } from './planning/plan-repo.ts';
import { keepHeapSmall } from './heap.ts';
import { createLogger } from './logger.ts';
import { seedDemo } from './seed/demo.ts';

async function main() {
  keepHeapSmall();
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  }
  const log = createLogger(config.LOG_LEVEL);
  const db = await openDb(config);
  const applied = await migrate(db);
  if (applied.length) log.info({ applied }, 'migrations applied');
  // Plans whose process died (a previous run of this one, a crashed peer) are failed with the
  // reason; plans another live process holds, or waiting on the queue, are left alone
  // (planning/plan-owner.ts).
  const interrupted = await failInterruptedPlans(db);
  if (interrupted.length)
    log.warn({ plans: interrupted.map((p) => p.id) }, 'plans interrupted by a restart marked failed');
  const newOrgId = await ensureFirstAdmin(db, config, log);
  if (newOrgId && config.SEED_DEMO) {
    const seeded = await seedDemo(db, newOrgId);
    log.info(seeded, 'demo organisation seeded');
  }
  const app = createApp({ db, config, log });
  const port = await app.listen(config.PORT, config.HOST);
  log.info({ port, database: db.kind }, `Tournée listening on http://localhost:${port}`);

  const stop = async () => {
    log.info('shutting down');
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  process.stderr.write(`Tournée failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
