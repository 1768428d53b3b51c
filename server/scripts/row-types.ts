/** Writes src/db/rows.generated.ts from the schema the migrations build (on an in-memory PGlite). */
import { writeFileSync } from 'node:fs';
import { migrate } from '../src/db/migrate.ts';
import { createPgliteDb } from '../src/db/pglite-adapter.ts';
import { readColumns, rowTypesSource } from '../src/db/row-types.ts';

const db = await createPgliteDb('memory://');
try {
  await migrate(db);
  const file = new URL('../src/db/rows.generated.ts', import.meta.url);
  writeFileSync(file, rowTypesSource(await readColumns(db)));
  console.log(`wrote ${file.pathname}`);
} finally {
  await db.close();
}
