/**
 * Finding and running PostgreSQL's client tools (pg_dump, pg_restore) for backups of a
 * DATABASE_URL database. Debian installs them per major version under /usr/lib/postgresql/N/bin
 * (the ones in PATH are wrappers that may be missing); the newest one found is used, since a
 * pg_dump must be at least as new as the server it dumps.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The path of `tool` in PATH, else in the newest /usr/lib/postgresql/N/bin; null when none. */
export function findPgTool(tool: 'pg_dump' | 'pg_restore', env: Record<string, string | undefined>): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, tool))) return join(dir, tool);
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const v of versions) {
    const p = join(root, v, 'bin', tool);
    if (existsSync(p)) return p;
  }
  return null;
}

/**
 * The connection for the tools: the URL without its password (a command line is visible to every
 * user of the machine in `ps`), which goes in PGPASSWORD instead.
 */
export function toolConnection(databaseUrl: string): { url: string; env: Record<string, string> } {
  const u = new URL(databaseUrl);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { url: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/** Runs a tool; rejects with its stderr when it exits non-zero. */
export function runTool(path: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${path} failed (${signal ?? `exit ${code}`}):\n${stderr.trim()}`));
    });
  });
}
