import type { Role, User } from '@tournee/shared';
import { type App, createApp } from '../src/app.ts';
import { insertUser } from '../src/auth/repo.ts';
import { openSession } from '../src/auth/service.ts';
import { hashPassword } from '../src/auth/password.ts';
import { type Config, loadConfig } from '../src/config.ts';
import type { Db } from '../src/db/db.ts';
import { createPgDb } from '../src/db/pg-adapter.ts';
import { createLogger } from '../src/logger.ts';
import { TEST_DATABASE_URL } from './test-db.ts';

export const TEST_PASSWORD = 'correct horse battery';

export interface TestOrg {
  id: string;
  users: Record<Role, User & { token: string }>;
}

export interface TestApp {
  /** The app itself: its Socket.IO server and job runner, for tests that reach them. */
  app: App;
  baseUrl: string;
  db: Db;
  config: Config;
  org: TestOrg;
  /** fetch against the app with a role's bearer token (or none with role null). */
  api(path: string, init?: RequestInit & { as?: Role | null }): Promise<Response>;
  close(): Promise<void>;
}

/** A response body as loosely typed JSON, for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
export const readJson = (res: Response): Promise<any> => res.json();

let passwordHash: Promise<string> | null = null;

/** A new organisation with one user per role, each with a session token. */
export async function createTestOrg(db: Db, dimensions = ['kg', 'm3', 'parcels']): Promise<TestOrg> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const org = await db.query<{ id: string }>(
    'INSERT INTO organisations (name, dimensions) VALUES ($1, $2) RETURNING id',
    [`Test org ${Math.random().toString(36).slice(2)}`, dimensions],
  );
  const orgId = org.rows[0]!.id;
  const users = {} as TestOrg['users'];
  for (const role of ['admin', 'dispatcher', 'driver'] as const) {
    const email = `${role}-${orgId}@test.local`;
    const user = await insertUser(db, { orgId, email, name: role, role, passwordHash: hash });
    const session = await openSession(db, user, 1);
    users[role] = { ...user, token: session.token };
  }
  return { id: orgId, users };
}

/** The real app on a free port, over the test PostgreSQL database, with its own organisation. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({ DATABASE_URL: TEST_DATABASE_URL, LOG_LEVEL: 'silent', ...env });
  const db = createPgDb(TEST_DATABASE_URL, { max: 5 });
  const org = await createTestOrg(db);
  const app = createApp({ db, config, log: createLogger(config.LOG_LEVEL) });
  const port = await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    baseUrl,
    db,
    config,
    org,
    api(path, init = {}) {
      const { as = 'admin', ...rest } = init;
      const headers = new Headers(rest.headers);
      if (as) headers.set('authorization', `Bearer ${org.users[as].token}`);
      if (typeof rest.body === 'string' && !headers.has('content-type')) {
        headers.set('content-type', 'application/json');
      }
      return fetch(`${baseUrl}/api${path}`, { ...rest, headers });
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}
