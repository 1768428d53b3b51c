import { migrate } from '../src/db/migrate.ts';
import { createPgDb } from '../src/db/pg-adapter.ts';
import { recreateDatabase, TEST_DATABASE_URL } from './test-db.ts';

/**
 * A fresh database for the run: dropped, created, migrated (PostGIS included). Test files then
 * isolate themselves by creating their own organisation, so they can run side by side.
 */
export default async function setup() {
  await recreateDatabase(TEST_DATABASE_URL);
  const db = createPgDb(TEST_DATABASE_URL);
  await migrate(db);
  await db.close();
}
