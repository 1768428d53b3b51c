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
 * The names the migrations renumbered in December 2026 had before (new → former). Applied
 * migrations are recorded by file name (schema_migrations.version), so a database migrated
 * before then has them under these names: `migrate` renames its records first, and nothing runs
 * twice. The old numbering had two 005s and gaps (002, 013, 020, 021, 026, 027).
 */
export const FORMER_VERSIONS: Readonly<Record<string, string>> = {
  '002_order_imports': '003_order_imports',
  '003_planning': '004_planning',
  '004_tracking': '005_tracking',
  '013_told_times': '014_told_times',
  '014_alerts': '015_alerts',
  '015_analytics': '016_analytics',
  '016_audit_trail': '017_audit_trail',
  '017_baselines': '018_baselines',
  '018_require_proof': '019_require_proof',
  '019_automation_rules': '022_automation_rules',
  '020_schedules': '023_schedules',
  '021_api_keys': '024_api_keys',
  '022_webhooks': '025_webhooks',
  '023_security': '028_security',
  '024_privacy': '029_privacy',
  '025_pickup_delivery': '030_pickup_delivery',
  '026_delivery_codes': '031_delivery_codes',
  '027_fleet_rules': '032_fleet_rules',
  '028_ingest_skips_reloads': '033_ingest_skips_reloads',
  '029_drop_failure_tables': '034_drop_failure_tables',
  '030_import_refs_per_statement': '035_import_refs_per_statement',
  '031_order_refs_per_statement': '036_order_refs_per_statement',
};

/**
 * What is wrong with the numbering of `versions` (file names in order): each must carry the next
 * number, from 1 with no gap and no repeat, so the order they apply in is the order of their
 * numbers alone. Empty when all is well.
 */
export function numberingProblems(versions: string[]): string[] {
  return versions.flatMap((v, i) => {
    const n = Number.parseInt(v, 10);
    return n === i + 1 ? [] : [`${v}: number ${String(i + 1).padStart(3, '0')} expected here`];
  });
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
  await renameFormerVersions(db);
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

/** Records applied migrations under their current names (see FORMER_VERSIONS); a no-op once done. */
async function renameFormerVersions(db: Db): Promise<void> {
  const current = Object.keys(FORMER_VERSIONS);
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      `UPDATE schema_migrations AS m SET version = r.current
         FROM unnest($1::text[], $2::text[]) AS r(current, former)
        WHERE m.version = r.former
          AND NOT EXISTS (SELECT 1 FROM schema_migrations WHERE version = r.current)`,
      [current, current.map((v) => FORMER_VERSIONS[v]!)],
    );
  });
}
