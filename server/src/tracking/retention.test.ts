import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestApp, type TestApp } from '../../test/harness.ts';
import { createLogger } from '../logger.ts';
import { purgeExpired } from './retention.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ IMPORT_REJECTIONS_MAX_ROWS: '5' });
});
afterAll(() => t.close());

/** A CSV of `bad` rows with a latitude of 123 (rejected) and one good row. */
const csv = (prefix: string, bad: number) =>
  [
    'ref,name,lat,lon,date',
    `${prefix}-ok,Anne,45.76,4.83,2026-12-01`,
    ...Array.from({ length: bad }, (_, i) => `${prefix}-${i},Bruno,123,4.84,2026-12-01`),
  ].join('\n');

async function importCsv(body: string) {
  const res = await t.api('/orders/import?partial=true', {
    method: 'POST',
    body,
    headers: { 'content-type': 'text/csv' },
  });
  expect(res.status).toBe(200);
  return readJson(res);
}
const storedRejections = async (importId: string) =>
  (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM import_rejections WHERE import_id = $1', [importId]))
    .rows[0]!.n;

describe('rejected import rows', () => {
  it('keeps at most IMPORT_REJECTIONS_MAX_ROWS per import, counts them all, and the CSV says it is cut short', async () => {
    const result = await importCsv(csv('CAP', 12));
    expect(result).toMatchObject({ created: 1, rejected: 12, rejectedKept: 5 });
    expect(result.rejectedNote).toMatch(/first 5 of the 12 rejected rows/);
    expect(await storedRejections(result.importId)).toBe(5);
    const rejected = await (await t.api(result.rejectedCsv.replace(/^\/api/, ''))).text();
    const lines = rejected.trim().split('\r\n');
    expect(lines).toHaveLength(1 + 5 + 1);
    expect(lines.slice(1, 6).map((l) => l.split(',')[0])).toEqual(['CAP-0', 'CAP-1', 'CAP-2', 'CAP-3', 'CAP-4']);
    expect(lines[6]).toMatch(/^,,,,,.*IMPORT_REJECTIONS_MAX_ROWS/);
  });

  it('are purged by the retention job once older than IMPORT_REJECTIONS_RETENTION_DAYS, and only those', async () => {
    const old = await importCsv(csv('OLD', 3));
    const recent = await importCsv(csv('NEW', 2));
    await t.db.query(`UPDATE imports SET at = now() - interval '31 days' WHERE id = $1`, [old.importId]);

    const deleted = await purgeExpired(t.db, t.config, createLogger('silent'));
    expect(deleted.importRejections).toBe(3);
    expect(await storedRejections(old.importId)).toBe(0);
    expect(await storedRejections(recent.importId)).toBe(2);

    const gone = await t.api(old.rejectedCsv.replace(/^\/api/, ''));
    expect(gone.status).toBe(404);
    expect((await readJson(gone)).error.message).toMatch(/kept 30 days \(IMPORT_REJECTIONS_RETENTION_DAYS\)/);
    expect((await t.api(recent.rejectedCsv.replace(/^\/api/, ''))).status).toBe(200);
    // The import itself is kept, with its counts.
    const record = await t.db.query('SELECT rejected_rows FROM imports WHERE id = $1', [old.importId]);
    expect(record.rows).toEqual([{ rejected_rows: 3 }]);
  });
});
