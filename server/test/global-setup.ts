import pg from 'pg';
import { migrate } from '../src/db/migrate.ts';
import { createPgDb } from '../src/db/pg-adapter.ts';
import { TEST_DATABASE_URL } from './test-db.ts';

/**
 * A fresh database for the run: dropped, created with PostGIS, migrated. Test files then
 * isolate themselves by creating their own organisation, so they can run side by side.
 */
export default async function setup() {
  const url = new URL(TEST_DATABASE_URL);
  const name = url.pathname.slice(1);
  const admin = new URL(TEST_DATABASE_URL);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const db = createPgDb(TEST_DATABASE_URL);
  await migrate(db);
  await db.close();
}
