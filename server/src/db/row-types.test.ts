import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../../test/test-db.ts';
import type { Db } from './db.ts';
import { createPgDb } from './pg-adapter.ts';
import { columnType, ROWS_DIR, readColumns, rowTypeName, rowTypesFiles } from './row-types.ts';

describe('row types generated from the schema', () => {
  let db: Db;
  beforeAll(() => {
    db = createPgDb(TEST_DATABASE_URL, { max: 1 });
  });
  afterAll(() => db.close());

  it('type columns as pg returns them', () => {
    expect(columnType('int4', false)).toBe('number');
    expect(columnType('int8', true)).toBe('string | null');
    expect(columnType('_text', false)).toBe('string[]');
    expect(columnType('timestamptz', true)).toBe('Date | null');
    expect(columnType('date', false)).toBe('string');
    expect(columnType('jsonb', true)).toBe('unknown');
    expect(rowTypeName('plan_schedule_runs')).toBe('PlanScheduleRunsRow');
  });

  it('are current: rows/ matches the migrated schema (else run `pnpm --filter @tournee/server db:row-types`)', async () => {
    const committed = new Map(
      readdirSync(ROWS_DIR).map((name) => [name, readFileSync(new URL(name, ROWS_DIR), 'utf8')]),
    );
    expect(committed).toEqual(rowTypesFiles(await readColumns(db)));
  });
});
