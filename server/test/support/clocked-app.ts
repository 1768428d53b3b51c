/**
 * Test support for schedules and recurring orders: the real app over the test database, driven
 * by a fake clock, with its scheduler loop off (tests call `tick()` after moving the clock).
 * Not imported by the server.
 */
import type { Role } from '@tournee/shared';
import { createTestOrg, type TestOrg } from '../harness.ts';
import { TEST_DATABASE_URL } from '../test-db.ts';
import { type App, createApp } from '../../src/app.ts';
import { systemActor } from '../../src/audit/audit.ts';
import { loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/db.ts';
import { createPgDb } from '../../src/db/pg-adapter.ts';
import { createLogger } from '../../src/logger.ts';
import { runImport } from '../../src/orders/import/pipeline.ts';
import { jsonSource } from '../../src/orders/import/sources.ts';
import { type FakeClock, fakeClock } from '../../src/schedules/clock.ts';

export interface ClockedApp {
  app: App;
  db: Db;
  org: TestOrg;
  clock: FakeClock;
  /** Moves the clock and runs one scheduler pass at the new time. */
  tickAt(at: string): Promise<void>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
  call(method: string, path: string, body?: unknown, as?: Role): Promise<{ status: number; body: any }>;
  importOrders(rows: Record<string, string>[]): Promise<void>;
  close(): Promise<void>;
}

export async function startClockedApp(start: string): Promise<ClockedApp> {
  const config = loadConfig({ DATABASE_URL: TEST_DATABASE_URL, LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false' });
  const db = createPgDb(TEST_DATABASE_URL, { max: 5 });
  const org = await createTestOrg(db);
  const clock = fakeClock(start);
  const app = createApp({ db, config, log: createLogger(config.LOG_LEVEL), clock });
  const port = await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    db,
    org,
    clock,
    async tickAt(at) {
      clock.set(at);
      await app.schedules.scheduler.tick();
    },
    async call(method, path, body, as = 'dispatcher') {
      const res = await fetch(`${baseUrl}/api${path}`, {
        method,
        headers: {
          authorization: `Bearer ${org.users[as].token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {}
      return { status: res.status, body: parsed };
    },
    async importOrders(rows) {
      const r = await runImport({ db, geocoder: null }, systemActor(org.id), {
        source: jsonSource(rows),
        filename: 'test.json',
        partial: false,
        mapping: {},
      });
      if (!r.committed) throw new Error(`import failed: ${JSON.stringify(r.errors.slice(0, 3))}`);
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}
