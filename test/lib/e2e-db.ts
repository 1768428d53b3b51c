import { recreateDatabase, testDatabaseUrl } from '../../server/test/test-db.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';

/** The database end-to-end tests give to server processes: recreated empty for each test file. */
export async function freshDatabase(name: string): Promise<string> {
  const url = testDatabaseUrl(name);
  await recreateDatabase(url);
  return url;
}

/**
 * A server process on a fresh database `name`, whose first admin is `admin`; no demo unless
 * `env` says SEED_DEMO=true. `env` adds or overrides any variable.
 */
export async function startOnFreshDatabase(
  name: string,
  admin: { email: string; password: string },
  env: Record<string, string> = {},
): Promise<{ server: ServerProcess; databaseUrl: string }> {
  const databaseUrl = await freshDatabase(name);
  const server = await startServerProcess({
    DATABASE_URL: databaseUrl,
    SEED_DEMO: 'false',
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    ...env,
  });
  return { server, databaseUrl };
}
