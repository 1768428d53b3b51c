/** Writes src/db/rows/ (one file per table) from the schema the migrations build (on an in-memory PGlite). */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { migrate } from '../src/db/migrate.ts';
import { createPgliteDb } from '../src/db/pglite-adapter.ts';
import { ROWS_DIR, readColumns, rowTypesFiles } from '../src/db/row-types.ts';

const db = await createPgliteDb('memory://');
try {
  await migrate(db);
  const files = rowTypesFiles(await readColumns(db));
  mkdirSync(ROWS_DIR, { recursive: true });
  // A dropped table's file goes too.
  for (const name of readdirSync(ROWS_DIR)) if (!files.has(name)) rmSync(new URL(name, ROWS_DIR));
  for (const [name, source] of files) writeFileSync(new URL(name, ROWS_DIR), source);
  console.log(`wrote ${files.size} files in ${ROWS_DIR.pathname}`);
} finally {
  await db.close();
}
