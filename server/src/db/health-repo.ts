import type { Db } from './db.ts';

/** Whether the database takes a query at all (/health): throws when it does not. No data read. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.query('SELECT 1');
}
