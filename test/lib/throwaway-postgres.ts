/**
 * A throwaway PostgreSQL cluster of a fault test's own (initdb + pg_ctl, PostgreSQL 15 with
 * PostGIS), on a free loopback port with trust auth, so a test can stop and start it under load
 * without touching the shared server on 5432. Its data folder lives in a fresh temporary folder,
 * removed by `destroy()` (and, if the test run dies first, the cluster is stopped on exit).
 *
 * initdb refuses to run as root: when the tests run as root, the commands run as `postgres`.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './server-process.ts';

const run = promisify(execFile);

/** Where the PostgreSQL 15 binaries are (Debian's layout); TEST_PG_BIN overrides it. */
const PG_BIN = process.env.TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface ThrowawayPostgres {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  /** Creates an empty database `name` (dropped first if it exists) and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** `pg_ctl stop -m fast`: open connections are cut, as an operator's restart does. */
  stop(): Promise<void>;
  start(): Promise<void>;
  restart(): Promise<void>;
  /** Stops the cluster at once and removes its folder. */
  destroy(): Promise<void>;
}

interface PgUser {
  uid: number;
  gid: number;
}

/** The `postgres` system user when running as root (initdb refuses root), else null. */
function postgresUser(): PgUser | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  const gid = id('-g');
  if (!Number.isInteger(uid) || uid <= 0) throw new Error('running as root and there is no `postgres` user for initdb');
  return { uid, gid };
}

function command(user: PgUser | null, bin: string, args: string[]): [string, string[]] {
  const path = join(PG_BIN, bin);
  return user ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
}

async function pgRun(user: PgUser | null, bin: string, args: string[]): Promise<void> {
  const [file, argv] = command(user, bin, args);
  try {
    await run(file, argv, { cwd: tmpdir(), timeout: 60_000 });
  } catch (err) {
    const e = err as Error & { stdout?: string; stderr?: string };
    throw new Error(`${bin} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/** initdb's a new cluster in a temporary folder and starts it on a free port. */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  if (spawnSync(join(PG_BIN, 'pg_ctl'), ['--version']).status !== 0)
    throw new Error(`pg_ctl not found in ${PG_BIN} (set TEST_PG_BIN to the PostgreSQL 15 bin folder)`);
  const user = postgresUser();
  const dir = mkdtempSync(join(tmpdir(), 'tournee-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  const port = await freePort();
  await pgRun(user, 'initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
  const ctl = (...args: string[]) => pgRun(user, 'pg_ctl', ['-D', data, '-w', '-t', '60', ...args]);
  let running = false;
  // If the test run dies before destroy(), the cluster must not outlive it.
  const onExit = () => {
    if (!running) return;
    const [file, argv] = command(user, 'pg_ctl', ['-D', data, 'stop', '-m', 'immediate']);
    spawnSync(file, argv, { cwd: tmpdir() });
  };
  process.once('exit', onExit);

  const start = async () => {
    await ctl('-o', opts, '-l', join(dir, 'server.log'), 'start');
    running = true;
  };
  const stop = async () => {
    await ctl('stop', '-m', 'fast');
    running = false;
  };
  await start();
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop,
    start,
    restart: async () => {
      await stop();
      await start();
    },
    async destroy() {
      process.removeListener('exit', onExit);
      if (running) await ctl('stop', '-m', 'immediate').catch(() => {});
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
