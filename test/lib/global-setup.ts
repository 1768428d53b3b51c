import { migrate } from '../../server/src/db/migrate.ts';
import { createPgDb } from '../../server/src/db/pg-adapter.ts';
import { recreateDatabase } from '../../server/test/test-db.ts';
import { MIGRATED_TEMPLATE_URL } from './e2e-db.ts';

/**
 * One migrated database for the run, copied by every `freshDatabase` (CREATE DATABASE … TEMPLATE
 * takes half a second; migrating each new database took three, some sixty times a run).
 */
export default async function setup() {
  await recreateDatabase(MIGRATED_TEMPLATE_URL);
  const db = createPgDb(MIGRATED_TEMPLATE_URL, { max: 1 });
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
}
