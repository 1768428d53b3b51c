import { beforeAll, describe, expect, it } from 'vitest';
import { sharedPglite } from '../../test/support/pglite-org.ts';
import { TEST_DATABASE_URL } from '../../test/test-db.ts';
import type { Db } from './db.ts';
import { FORMER_VERSIONS, loadMigrations, migrate, numberingProblems } from './migrate.ts';
import { createPgDb } from './pg-adapter.ts';

describe('migrations', () => {
  // The PGlite test files' shared instance, migrated from empty when it was created: a second
  // one would cost every run another ~20 s of CPU (55 s on a loaded CI machine).
  let lite: Db;
  let applied: string[];
  beforeAll(async () => {
    ({ db: lite, applied } = await sharedPglite());
  }, 120_000);

  it('apply on the embedded PGlite + PostGIS and are safe to run twice', async () => {
    expect(applied).toEqual(loadMigrations().map((m) => m.version));
    expect(await migrate(lite)).toEqual([]);
    const { rows } = await lite.query<{ d: number }>(
      'SELECT round(ST_Distance(ST_MakePoint(4.83, 45.76)::geography, ST_MakePoint(4.84, 45.76)::geography)) AS d',
    );
    expect(Number(rows[0]!.d)).toBeGreaterThan(700);
  });

  it('leave the real PostgreSQL (already migrated) unchanged when run again', async () => {
    const db = createPgDb(TEST_DATABASE_URL, { max: 1 });
    try {
      expect(await migrate(db)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('are numbered 001, 002, … in order, with no gap and no repeat', () => {
    expect(numberingProblems(['001_a', '002_b', '002_c', '004_d', '006_e'])).toEqual([
      '002_c: number 003 expected here',
      '006_e: number 005 expected here',
    ]);
    expect(numberingProblems(loadMigrations().map((m) => m.version))).toEqual([]);
  });

  it('take a database migrated under the former names without running any migration twice', async () => {
    const versions = loadMigrations().map((m) => m.version);
    const renamed = Object.keys(FORMER_VERSIONS);
    expect(renamed.filter((v) => !versions.includes(v))).toEqual([]);
    await lite.query(
      `UPDATE schema_migrations AS m SET version = r.former
         FROM unnest($1::text[], $2::text[]) AS r(current, former) WHERE m.version = r.current`,
      [renamed, renamed.map((v) => FORMER_VERSIONS[v]!)],
    );
    expect(await migrate(lite)).toEqual([]);
    const { rows } = await lite.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(versions);
  });

  it('roll back a failing migration whole, recording nothing', async () => {
    const bad = [{ version: '999_broken', sql: 'CREATE TABLE half_written (id int); SELECT no_such_function();' }];
    await expect(migrate(lite, bad)).rejects.toThrow();
    const t = await lite.query("SELECT to_regclass('half_written') AS t");
    expect(t.rows[0]).toEqual({ t: null });
    const v = await lite.query("SELECT 1 FROM schema_migrations WHERE version = '999_broken'");
    expect(v.rows).toHaveLength(0);
  });
});
