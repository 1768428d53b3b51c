import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupCommand, backupKind, defaultBackupName, parseArgs, restoreCommand } from './cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'tournee-backup-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `restore` (or `backup`) and returns its exit code and messages. */
async function restore(argv: string[], env: Record<string, string>, command = restoreCommand) {
  const lines: string[] = [];
  const code = await command(
    argv,
    { INIT_CWD: dir, ...env },
    { info: (l) => lines.push(l), error: (l) => lines.push(l) },
  );
  return { code, text: lines.join('\n') };
}

describe('backup command line', () => {
  it('reads one file and --force', () => {
    expect(parseArgs(['a.dump', '--force'], 'usage')).toEqual({ file: 'a.dump', force: true });
    expect(() => parseArgs(['a', 'b'], 'usage')).toThrow(/One file only/);
    expect(() => parseArgs(['--yes'], 'usage')).toThrow(/Unknown option --yes/);
  });

  it('names a backup by its time and kind', () => {
    const at = new Date('2026-12-01T09:05:03Z');
    expect(defaultBackupName(at, true)).toBe('backups/tournee-20261201-090503.dump');
    expect(defaultBackupName(at, false)).toBe('backups/tournee-20261201-090503.tar.gz');
  });

  it('tells a pg_dump from a PGlite dump by its first bytes', async () => {
    writeFileSync(join(dir, 'a.dump'), 'PGDMP\x01\x0e');
    writeFileSync(join(dir, 'b.tar.gz'), Buffer.from([0x1f, 0x8b, 8, 0, 0]));
    writeFileSync(join(dir, 'c.txt'), 'hello');
    expect(await backupKind(join(dir, 'a.dump'))).toBe('pg_dump');
    expect(await backupKind(join(dir, 'b.tar.gz'))).toBe('pglite');
    expect(await backupKind(join(dir, 'c.txt'))).toBe('unknown');
  });

  it('refuses a file that is not a backup, or one of the other database kind', async () => {
    expect(await restore(['c.txt'], {})).toEqual({ code: 1, text: expect.stringContaining('is not a Tournée backup') });
    expect(await restore(['missing.dump'], {})).toEqual({ code: 1, text: expect.stringContaining('does not exist') });
    expect(await restore(['a.dump'], { DATA_DIR: dir })).toEqual({
      code: 1,
      text: expect.stringContaining('set DATABASE_URL'),
    });
  });

  it('does not restore over an embedded database without --force, nor over an open one', async () => {
    const dataDir = join(dir, 'data');
    mkdirSync(join(dataDir, 'pglite'), { recursive: true });
    writeFileSync(join(dataDir, 'pglite', 'PG_VERSION'), '17\n');
    const refused = await restore(['b.tar.gz'], { DATA_DIR: dataDir });
    expect(refused).toEqual({ code: 1, text: expect.stringMatching(/already holds a database.*--force/) });
    writeFileSync(join(dataDir, 'pglite', 'postmaster.pid'), '-42\n');
    const open = await restore(['b.tar.gz', '--force'], { DATA_DIR: dataDir });
    expect(open).toEqual({ code: 1, text: expect.stringContaining('stop the server first') });
  });

  it('does not back up an embedded database a server has open, nor overwrite a file', async () => {
    const dataDir = join(dir, 'open');
    mkdirSync(join(dataDir, 'pglite'), { recursive: true });
    writeFileSync(join(dataDir, 'pglite', 'PG_VERSION'), '17\n');
    writeFileSync(join(dataDir, 'pglite', 'postmaster.pid'), '-42\n');
    const open = await restore(['new.tar.gz'], { DATA_DIR: dataDir }, backupCommand);
    expect(open).toEqual({ code: 1, text: expect.stringContaining('stop the server first') });
    const exists = await restore(['c.txt'], { DATA_DIR: dataDir }, backupCommand);
    expect(exists).toEqual({ code: 1, text: expect.stringMatching(/c\.txt exists.*--force/) });
  });
});
