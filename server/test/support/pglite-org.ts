/**
 * An organisation of its own on the embedded database (PGlite with PostGIS, in memory, migrated).
 * The PGlite test files share one instance per worker: the server tests run without module
 * isolation (vitest.config.ts), and creating and migrating a PGlite takes some 20 s of CPU.
 * The migrations' own test (src/db/migrate.test.ts) checks this instance's migration from empty.
 * Never closed: it lives as long as the worker.
 */
import type { Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createPgliteDb } from '../../src/db/pglite-adapter.ts';

let shared: Promise<{ db: Db; applied: string[] }> | undefined;

/** The worker's embedded database, and the migrations its creation applied (all of them, on a new one). */
export function sharedPglite(): Promise<{ db: Db; applied: string[] }> {
  shared ??= createPgliteDb('memory://').then(async (db) => ({ db, applied: await migrate(db) }));
  return shared;
}

export async function pgliteOrg(): Promise<{ db: Db; orgId: string }> {
  const { db } = await sharedPglite();
  const { rows } = await db.query<{ id: string }>("INSERT INTO organisations (name) VALUES ('pglite') RETURNING id");
  return { db, orgId: rows[0]!.id };
}
