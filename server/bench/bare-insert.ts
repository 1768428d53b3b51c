/**
 * The import benchmark's limit (import-bench.ts): a bare `INSERT … SELECT` of the rows an import
 * wrote, into a fresh table of the orders' shape, with or without the orders' checks.
 */
import type { Db } from '../src/db/db.ts';

/** The orders' references checked per statement by triggers (migrations 030, 031), as the foreign keys they were. */
const CHECKED_PER_STATEMENT = [
  'FOREIGN KEY (org_id) REFERENCES organisations(id)',
  'FOREIGN KEY (depot_id) REFERENCES depots(id)',
  'FOREIGN KEY (import_id) REFERENCES imports(id) ON DELETE SET NULL',
  'FOREIGN KEY (last_import_id) REFERENCES imports(id) ON DELETE SET NULL',
];

/**
 * The checks the bare table gets beside the orders' columns, defaults, checks and indexes: none;
 * the orders' own statement triggers (the references checked per statement, the webhook events);
 * or the foreign keys those references had before migrations 030 and 031.
 */
export const BARE_CHECKS = {
  none: 'without their reference checks',
  triggers: "with the orders' own statement triggers",
  foreignKeys: 'with their references as foreign keys',
} as const;
export type BareChecks = keyof typeof BARE_CHECKS;

/**
 * Every timed step starts from a checkpoint: at PostgreSQL's default max_wal_size the WAL of the
 * steps before (100,000 rows each) starts one every ~17 s, and one that lands in a step costs it
 * writes and full-page images the others did not pay (first imports of 3.7–5.3 s in one series).
 * Needs a superuser or pg_checkpoint; without it the steps run as they come.
 */
export async function checkpoint(db: Db): Promise<void> {
  await db.query('CHECKPOINT').catch(() => {});
}

/**
 * Seconds a bare `INSERT … SELECT` takes to copy the orders of organisation `orgId` into a fresh
 * table of the orders' shape (LIKE orders INCLUDING ALL, and `checks`): the database's own limit
 * for writing those rows, measured in the same run as the import.
 */
async function bareInsert(db: Db, orgId: string, checks: BareChecks): Promise<number> {
  await db.query('DROP TABLE IF EXISTS bench_bare_orders');
  await db.query('CREATE TABLE bench_bare_orders (LIKE orders INCLUDING ALL)');
  if (checks === 'foreignKeys') {
    const fks = await db.query<{ def: string }>(
      "SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'orders'::regclass AND contype = 'f'",
    );
    for (const def of [...fks.rows.map((r) => r.def), ...CHECKED_PER_STATEMENT])
      await db.query(`ALTER TABLE bench_bare_orders ADD ${def}`);
  }
  if (checks === 'triggers') {
    const triggers = await db.query<{ def: string }>(
      "SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgrelid = 'orders'::regclass AND NOT tgisinternal",
    );
    for (const { def } of triggers.rows) await db.query(def.replace(' ON public.orders ', ' ON bench_bare_orders '));
  }
  await checkpoint(db);
  const t0 = performance.now();
  await db.query('INSERT INTO bench_bare_orders SELECT * FROM orders WHERE org_id = $1', [orgId]);
  const seconds = (performance.now() - t0) / 1000;
  await db.query('DROP TABLE bench_bare_orders');
  return seconds;
}

/**
 * The better of two bare inserts: the first copy after an import pays for what the import left
 * (the new rows' hint bits set on first read, autovacuum's pass over them): 1.56–1.77 s against
 * 1.25–1.31 s for the same rows a minute later.
 */
export async function bareLimit(db: Db, orgId: string, checks: BareChecks): Promise<number> {
  return Math.min(await bareInsert(db, orgId, checks), await bareInsert(db, orgId, checks));
}
