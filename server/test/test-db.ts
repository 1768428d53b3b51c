import pg from 'pg';

/** Where server tests find PostgreSQL: TEST_DATABASE_URL, else the local trust-auth server. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tournee_test';

/**
 * The URL of another database on the test server for `name`, prefixed with TEST_DATABASE_URL's own
 * database name so that two runs given different TEST_DATABASE_URLs never drop each other's.
 */
export function testDatabaseUrl(name: string): string {
  return databaseOnTestServer(`${new URL(TEST_DATABASE_URL).pathname.slice(1) || 'tournee_test'}_${name}`);
}

/** The URL of the database named exactly `dbName` on the test server (e.g. `postgres`). */
export function databaseOnTestServer(dbName: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${dbName.slice(0, 63)}`;
  return url.toString();
}

/**
 * Drops and creates the database `url` names: empty (migrations are the caller's), or a copy of
 * the database `templateUrl` names (which nobody may be connected to).
 */
export async function recreateDatabase(url: string, templateUrl?: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    const template = templateUrl ? ` TEMPLATE "${new URL(templateUrl).pathname.slice(1)}"` : '';
    await client.query(`CREATE DATABASE "${name}"${template}`);
  } finally {
    await client.end();
  }
}
