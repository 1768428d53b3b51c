/**
 * Backup and restore of the embedded database (PGlite + PostGIS in DATA_DIR/pglite): a backup is
 * PGlite's own dump of its data folder (a .tar.gz), a restore unpacks it into a fresh folder
 * through PGlite (`loadDataDir`), checks PostGIS answers, then moves it into place.
 *
 * PGlite is one process's database: the server must be stopped for either. A running (or crashed)
 * PGlite leaves `postmaster.pid` in its folder; we refuse then (PGlite writes no real pid in it, so
 * a live server cannot be told from a crashed one: after a crash the operator deletes the file).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { COUNT_SQL, type RowCounts } from './pg-backup.ts';

/** The folder PGlite keeps its data in (as db/open-db.ts opens it). */
export const pgliteDir = (dataDir: string) => join(dataDir, 'pglite');

function refuseIfOpen(dir: string) {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  throw new Error(
    `The embedded database in ${dir} is open: stop the server first. If no server is running (it crashed), delete ${pidFile}`,
  );
}

/** Writes the embedded database of `dataDir` to `file` (gzip tarball). */
export async function backupPglite(dataDir: string, file: string): Promise<RowCounts> {
  const dir = pgliteDir(dataDir);
  if (!existsSync(join(dir, 'PG_VERSION'))) throw new Error(`No embedded database in ${dir} (is DATA_DIR right?)`);
  refuseIfOpen(dir);
  const pg = await PGlite.create(dir, { extensions: { postgis } });
  try {
    // Everything on disk, so the tarball needs no WAL replay to be consistent.
    await pg.exec('CHECKPOINT');
    const counts = (await pg.query<RowCounts>(COUNT_SQL)).rows[0]!;
    const tarball = await pg.dumpDataDir('gzip');
    await writeFile(file, Buffer.from(await tarball.arrayBuffer()));
    return counts;
  } finally {
    await pg.close();
  }
}

/**
 * Restores `file` into `dataDir`. An existing database there is refused unless `force`; then it
 * is kept aside as `pglite.before-restore-<time>` (returned as `keptAside`), never deleted.
 */
export async function restorePglite(
  dataDir: string,
  file: string,
  opts: { force: boolean },
): Promise<{ counts: RowCounts; keptAside: string | null }> {
  const dir = pgliteDir(dataDir);
  const occupied = existsSync(dir) && readdirSync(dir).length > 0;
  if (occupied && !opts.force)
    throw new Error(
      `${dir} already holds a database: restore into an empty DATA_DIR, or pass --force to replace it (the old folder is kept aside)`,
    );
  if (occupied) refuseIfOpen(dir);
  const staging = `${dir}.restoring`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  let counts: RowCounts;
  try {
    const tarball = new Blob([await readFile(file)]);
    const pg = await PGlite.create(staging, { extensions: { postgis }, loadDataDir: tarball });
    try {
      await pg.query('SELECT postgis_version()');
      counts = (await pg.query<RowCounts>(COUNT_SQL)).rows[0]!;
    } finally {
      await pg.close();
    }
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`${file} could not be restored as an embedded database: ${(err as Error).message}`);
  }
  let keptAside: string | null = null;
  if (occupied) {
    keptAside = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dir, keptAside);
  } else {
    rmSync(dir, { recursive: true, force: true });
  }
  renameSync(staging, dir);
  return { counts, keptAside };
}
