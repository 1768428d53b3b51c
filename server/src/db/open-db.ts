import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { Db } from './db.ts';
import { createPgDb } from './pg-adapter.ts';
import { createPgliteDb } from './pglite-adapter.ts';

/** DATABASE_URL selects a PostgreSQL server; otherwise the embedded PGlite in DATA_DIR. */
export async function openDb(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>): Promise<Db> {
  if (config.DATABASE_URL) return createPgDb(config.DATABASE_URL);
  return createPgliteDb(join(config.DATA_DIR, 'pglite'));
}
