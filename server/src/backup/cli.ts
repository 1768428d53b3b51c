/**
 * `pnpm backup [FILE]` and `pnpm restore FILE [--force]`: the same configuration as the server
 * (DATABASE_URL → PostgreSQL with pg_dump/pg_restore; else the embedded database in DATA_DIR).
 * Relative paths are taken from where pnpm was run (INIT_CWD), not from the server package.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { loadConfig } from '../config.ts';
import { backupPostgres, type RowCounts, restorePostgres } from './pg-backup.ts';
import { backupPglite, pgliteDir, restorePglite } from './pglite-backup.ts';

type Env = Record<string, string | undefined>;
/** Where messages go: progress and results to `info`, the reason of a failure to `error`. */
export interface Out {
  info(line: string): void;
  error(line: string): void;
}

interface Args {
  file: string | null;
  force: boolean;
}

export function parseArgs(argv: string[], usage: string): Args {
  const args: Args = { file: null, force: false };
  for (const a of argv) {
    if (a === '--force') args.force = true;
    else if (a.startsWith('-')) throw new Error(`Unknown option ${a}\n${usage}`);
    else if (args.file) throw new Error(`One file only\n${usage}`);
    else args.file = a;
  }
  return args;
}

/** `backups/tournee-20261201-120000.dump` (PostgreSQL) or `….tar.gz` (embedded). */
export function defaultBackupName(now: Date, postgres: boolean): string {
  const stamp = now.toISOString().slice(0, 19).replace(/-/g, '').replace('T', '-').replace(/:/g, '');
  return `backups/tournee-${stamp}.${postgres ? 'dump' : 'tar.gz'}`;
}

/** What kind of backup a file is, from its first bytes. */
export async function backupKind(file: string): Promise<'pg_dump' | 'pglite' | 'unknown'> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(5);
    await fh.read(head, 0, 5, 0);
    if (head.toString('latin1') === 'PGDMP') return 'pg_dump';
    if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
    return 'unknown';
  } finally {
    await fh.close();
  }
}

const summary = (c: RowCounts) => `${c.orders} orders, ${c.routes} routes, ${c.proofFiles} proof files`;

async function run(fn: () => Promise<void>, out: Out): Promise<number> {
  try {
    await fn();
    return 0;
  } catch (err) {
    out.error(`Error: ${(err as Error).message}`);
    return 1;
  }
}

const BACKUP_USAGE = 'Usage: pnpm backup [FILE] [--force]   (--force overwrites an existing FILE)';

/** Writes a backup; returns the exit code. */
export function backupCommand(argv: string[], env: Env, out: Out): Promise<number> {
  return run(async () => {
    const args = parseArgs(argv, BACKUP_USAGE);
    const config = loadConfig(env);
    const base = env.INIT_CWD ?? process.cwd();
    const file = resolve(base, args.file ?? defaultBackupName(new Date(), Boolean(config.DATABASE_URL)));
    if (existsSync(file) && !args.force) throw new Error(`${file} exists: choose another name, or pass --force`);
    mkdirSync(dirname(file), { recursive: true });
    // Written beside, then renamed: a backup cut short never looks like a whole one.
    const partial = `${file}.partial`;
    try {
      if (config.DATABASE_URL) {
        await backupPostgres(config.DATABASE_URL, partial, env);
        renameSync(partial, file);
        out.info(`Backed up the PostgreSQL database to ${file}`);
      } else {
        const counts = await backupPglite(resolve(config.DATA_DIR), partial);
        renameSync(partial, file);
        out.info(`Backed up the embedded database (${summary(counts)}) to ${file}`);
      }
    } finally {
      rmSync(partial, { force: true });
    }
  }, out);
}

const RESTORE_USAGE = 'Usage: pnpm restore FILE [--force]   (--force replaces a database that is not empty)';

/** Restores a backup; returns the exit code. */
export function restoreCommand(argv: string[], env: Env, out: Out): Promise<number> {
  return run(async () => {
    const args = parseArgs(argv, RESTORE_USAGE);
    if (!args.file) throw new Error(`Which file?\n${RESTORE_USAGE}`);
    const config = loadConfig(env);
    const file = resolve(env.INIT_CWD ?? process.cwd(), args.file);
    if (!existsSync(file)) throw new Error(`${file} does not exist`);
    const kind = await backupKind(file);
    if (kind === 'unknown') throw new Error(`${file} is not a Tournée backup (neither a pg_dump nor a PGlite dump)`);
    if (kind === 'pg_dump' && !config.DATABASE_URL)
      throw new Error(`${file} is a PostgreSQL backup: set DATABASE_URL to the database to restore it into`);
    if (kind === 'pglite' && config.DATABASE_URL)
      throw new Error(`${file} is a backup of the embedded database: unset DATABASE_URL to restore it into DATA_DIR`);
    if (config.DATABASE_URL) {
      const r = await restorePostgres(config.DATABASE_URL, file, { force: args.force, env });
      const name = new URL(config.DATABASE_URL).pathname.slice(1);
      out.info(`Restored ${file} into the database ${name}${r.created ? ' (created)' : ''}: ${summary(r.counts)}`);
    } else {
      const dataDir = resolve(config.DATA_DIR);
      const r = await restorePglite(dataDir, file, { force: args.force });
      if (r.keptAside) out.info(`The previous database was kept in ${r.keptAside}`);
      out.info(`Restored ${file} into ${pgliteDir(dataDir)}: ${summary(r.counts)}`);
    }
  }, out);
}
