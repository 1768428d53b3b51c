/**
 * Backup and restore of a PostgreSQL database (DATABASE_URL) with pg_dump's custom format, which
 * pg_restore reads back into a new or empty database. Runs while the server is up: pg_dump reads
 * one consistent snapshot.
 */
import pg from 'pg';
import { findPgTool, runTool, toolConnection } from './pg-tools.ts';

export interface RowCounts {
  orders: number;
  routes: number;
  proofFiles: number;
}

/** What an operator checks after a restore: the main tables' row counts. */
export const COUNT_SQL = `SELECT (SELECT count(*) FROM orders)::int AS orders, (SELECT count(*) FROM routes)::int AS routes,
  (SELECT count(*) FROM proof_files)::int AS "proofFiles"`;

function tool(name: 'pg_dump' | 'pg_restore', env: Record<string, string | undefined>): string {
  const path = findPgTool(name, env);
  if (!path)
    throw new Error(`${name} not found in PATH nor in /usr/lib/postgresql/*/bin: install the PostgreSQL client tools`);
  return path;
}

/** Dumps the database to `file` (custom format). */
export async function backupPostgres(databaseUrl: string, file: string, env: Record<string, string | undefined>) {
  const conn = toolConnection(databaseUrl);
  await runTool(
    tool('pg_dump', env),
    ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${conn.url}`],
    conn.env,
  );
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates the database if it does not exist (connecting to the server's `postgres` database); true when created. */
async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  return withClient(admin.toString(), async (c) => {
    const { rows } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rows.length > 0) return false;
    await c.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    return true;
  });
}

/** Tables of the database other than PostgreSQL's and extensions' own (PostGIS's spatial_ref_sys). */
export async function userTableCount(databaseUrl: string): Promise<number> {
  return withClient(databaseUrl, async (c) => {
    const { rows } = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND s.nspname NOT IN ('pg_catalog', 'information_schema')
          AND s.nspname NOT LIKE 'pg_toast%'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`,
    );
    return rows[0]!.n;
  });
}

/**
 * Restores `file` into the database, created if missing. A database with tables is refused unless
 * `force` (then the dump's objects are dropped and recreated). One transaction: a failed restore
 * leaves the database as it was.
 */
export async function restorePostgres(
  databaseUrl: string,
  file: string,
  opts: { force: boolean; env: Record<string, string | undefined> },
): Promise<{ created: boolean; counts: RowCounts }> {
  const restoreTool = tool('pg_restore', opts.env);
  const created = await ensureDatabase(databaseUrl);
  const tables = created ? 0 : await userTableCount(databaseUrl);
  if (tables > 0 && !opts.force) {
    const name = new URL(databaseUrl).pathname.slice(1);
    throw new Error(
      `The database ${name} is not empty (${tables} tables): restore into a new database, or pass --force to replace what the backup holds`,
    );
  }
  const conn = toolConnection(databaseUrl);
  const args = ['--no-owner', '--single-transaction', '--exit-on-error', `--dbname=${conn.url}`];
  if (tables > 0) args.unshift('--clean', '--if-exists');
  await runTool(restoreTool, [...args, file], conn.env);
  const counts = await withClient(databaseUrl, async (c) => (await c.query<RowCounts>(COUNT_SQL)).rows[0]!);
  return { created, counts };
}
