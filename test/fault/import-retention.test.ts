import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDb } from '../../server/src/db/pg-adapter.ts';
import { createLogger } from '../../server/src/logger.ts';
import { purgeExpired } from '../../server/src/tracking/retention.ts';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'retention@example.com', password: 'fault-password-1' };

/** A CSV of one good row and `bad` rows with a latitude of 123 (rejected). */
const csv = (prefix: string, bad: number) =>
  [
    'ref,name,lat,lon,date',
    `${prefix}-ok,Anne,45.76,4.83,2026-12-01`,
    ...Array.from({ length: bad }, (_, i) => `${prefix}-${i},Bruno,123,4.84,2026-12-01`),
  ].join('\n');

// Issue 11, item 12: import_rejections grew by 875 MB from one 200 MB file and was never purged.
// Now at most IMPORT_REJECTIONS_MAX_ROWS rows are kept per import, for IMPORT_REJECTIONS_RETENTION_DAYS.
describe('retention of rejected import rows', () => {
  let server: ServerProcess;
  let api: ApiClient;
  let sql: pg.Client;
  let databaseUrl: string;

  beforeAll(async () => {
    ({ server, databaseUrl } = await startOnFreshDatabase('tournee_fault_import_retention', ADMIN, {
      IMPORT_REJECTIONS_MAX_ROWS: '5',
      IMPORT_REJECTIONS_RETENTION_DAYS: '30',
    }));
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    sql = new pg.Client({ connectionString: databaseUrl });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await server?.stop();
  });

  const importCsv = async (body: string) => {
    const res = await fetch(`${server.baseUrl}/api/orders/import?partial=true`, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${api.token}`, 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(200);
    return res.json() as Promise<{ importId: string; rejected: number; rejectedKept: number; rejectedCsv: string }>;
  };
  const download = (path: string) =>
    fetch(`${server.baseUrl}${path}`, { headers: { authorization: `Bearer ${api.token}` } });
  const stored = async (importId: string) =>
    (await sql.query('SELECT count(*)::int AS n FROM import_rejections WHERE import_id = $1', [importId])).rows[0].n;

  it('keeps at most IMPORT_REJECTIONS_MAX_ROWS rejected rows of an import, counting them all', async () => {
    const result = await importCsv(csv('CAP', 40));
    expect(result).toMatchObject({ rejected: 40, rejectedKept: 5 });
    expect(await stored(result.importId)).toBe(5);
    const text = await (await download(result.rejectedCsv)).text();
    expect(text.trim().split('\r\n')).toHaveLength(1 + 5 + 1);
    expect(text).toMatch(/first 5 of the 40 rejected rows .*IMPORT_REJECTIONS_MAX_ROWS/);
  });

  it('purges rejected rows older than IMPORT_REJECTIONS_RETENTION_DAYS with the retention job', async () => {
    const old = await importCsv(csv('OLD', 3));
    const recent = await importCsv(csv('NEW', 2));
    await sql.query(`UPDATE imports SET at = now() - interval '31 days' WHERE id = $1`, [old.importId]);

    // The job's own purge, run now on the server's database rather than waiting for its timer.
    const db = createPgDb(databaseUrl, { max: 1 });
    try {
      const config = { POSITION_RETENTION_DAYS: 90, IMPORT_REJECTIONS_RETENTION_DAYS: 30 };
      expect((await purgeExpired(db, config, createLogger('silent'))).importRejections).toBe(3);
    } finally {
      await db.close();
    }
    expect(await stored(old.importId)).toBe(0);
    expect(await stored(recent.importId)).toBe(2);
    const gone = await download(old.rejectedCsv);
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { error: { message: string } }).error.message).toMatch(
      /IMPORT_REJECTIONS_RETENTION_DAYS/,
    );
    expect((await download(recent.rejectedCsv)).status).toBe(200);
  });
});
