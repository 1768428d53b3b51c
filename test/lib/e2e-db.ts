import { recreateDatabase, testDatabaseUrl } from '../../server/test/test-db.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';

/**
 * The migrated database that the run's global setup makes and `freshDatabase` copies; one per
 * E2E_LANE, since `pnpm test` runs two shares of the files side by side and each run's setup
 * drops and remakes its template.
 */
export const MIGRATED_TEMPLATE_URL = testDatabaseUrl(
  process.env.E2E_LANE ? `migrated_template_${process.env.E2E_LANE}` : 'migrated_template',
);

/**
 * The database end-to-end tests give to server processes: recreated for each test file, migrated
 * and without data (a copy of the run's migrated template).
 */
export async function freshDatabase(name: string): Promise<string> {
  const url = testDatabaseUrl(name);
  await recreateDatabase(url, MIGRATED_TEMPLATE_URL);
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
): Promise<{ server: ServerProcess; databaseUrl: string; env: Record<string, string> }> {
  const databaseUrl = await freshDatabase(name);
  const all = serverEnv(databaseUrl, admin, env);
  const server = await startServerProcess(all);
  return { server, databaseUrl, env: all };
}

/** A server's environment on `databaseUrl` whose first admin is `admin`; no demo unless `env` says so. */
function serverEnv(
  databaseUrl: string,
  admin: { email: string; password: string },
  env: Record<string, string>,
): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    SEED_DEMO: 'false',
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    ...env,
  };
}

/**
 * A server process on an empty database `<TEST_DATABASE_URL's name>_<name>`, which it migrates as
 * it starts, whose first admin is `admin`; no demo. For benchmarks: the tests' migrated template
 * only exists after (and while) the end-to-end tests run.
 */
export async function startOnEmptyDatabase(
  name: string,
  admin: { email: string; password: string },
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const url = testDatabaseUrl(name);
  await recreateDatabase(url);
  return startServerProcess(serverEnv(url, admin, { LOG_LEVEL: 'warn', ...env }));
}

/**
 * Two server processes on one fresh database `name`, as behind a load balancer (give them
 * REDIS_URL to share rooms and queues). Started one after the other: the first migrates and
 * seeds, the second finds it done. `env` is what both got, to start another like them.
 */
export async function startServerPair(
  name: string,
  admin: { email: string; password: string },
  env: Record<string, string> = {},
): Promise<{ a: ServerProcess; b: ServerProcess; databaseUrl: string; env: Record<string, string> }> {
  return startPairOn(await freshDatabase(name), admin, env);
}

/** {@link startServerPair} on a database given by URL (migrated, or empty: the first process migrates it). */
export async function startPairOn(
  databaseUrl: string,
  admin: { email: string; password: string },
  env: Record<string, string> = {},
): Promise<{ a: ServerProcess; b: ServerProcess; databaseUrl: string; env: Record<string, string> }> {
  const all = serverEnv(databaseUrl, admin, { LOG_LEVEL: 'warn', ...env });
  const a = await startServerProcess(all);
  const b = await startServerProcess(all);
  return { a, b, databaseUrl, env: all };
}
