import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVER_ROOT } from '../paths.ts';
import type { Db } from './db.ts';

const MIGRATIONS_DIR = join(SERVER_ROOT, 'src', 'db', 'migrations');

export interface Migration {
  version: string;
  sql: string;
}

/** The SQL files of migrations/, in the order of their numeric prefix (001_…, 002_…). */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d+_.*\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ''), sql: readFileSync(join(dir, f), 'utf8') }));
}

/**
 * Migration numbers from which each must be unique. Applied migrations are recorded by file name
 * (schema_migrations.version), so renaming one would run it again on every existing database:
 * the two `005_*` (and the unused 002, 013, 020, 021, 026, 027) stay as they are. New migrations
 * take a number of their own; migrate.test.ts fails on a second one from here on.
 */
export const UNIQUE_NUMBERS_FROM = 20;

/** Migration numbers at or past `from` that more than one file uses, with those files. */
export function duplicateNumbers(versions: string[], from = UNIQUE_NUMBERS_FROM): string[] {
  const byNumber = new Map<number, string[]>();
  for (const v of versions) {
    const n = Number.parseInt(v, 10);
    if (n >= from) byNumber.set(n, [...(byNumber.get(n) ?? []), v]);
  }
  return [...byNumber.values()].filter((vs) => vs.length > 1).map((vs) => vs.join(' and '));
}

// Any constant works: it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK = 724_801_001;

/**
 * Applies the migrations not yet recorded, each in its own transaction, under an advisory lock
 * so two processes starting together do not both apply one. Running it twice changes nothing.
 * Returns the versions applied by this call.
 */
export async function migrate(db: Db, migrations = loadMigrations()): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied: string[] = [];
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const seen = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (seen.rows.length > 0) return false;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
