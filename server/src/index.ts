export { createApp, type App, type AppDeps } from './app.ts';
export { ensureFirstAdmin } from './bootstrap.ts';
export { loadConfig, type Config } from './config.ts';
export type { Db } from './db/db.ts';
export { migrate } from './db/migrate.ts';
export { openDb } from './db/open-db.ts';
export { createPgDb } from './db/pg-adapter.ts';
export { createPgliteDb } from './db/pglite-adapter.ts';
export { createLogger } from './logger.ts';
