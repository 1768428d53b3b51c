import type { Db } from '../db/db.ts';

/** The fleet's tables whose rows are deleted softly (`deleted_at`), kept for the plans that name them. */
export type SoftDeletedTable = 'depots' | 'vehicles' | 'drivers' | 'shift_patterns';

/** A live (not deleted) row of the organisation's `table`, mapped with `to`, or null. */
export async function findLive<R extends object, T>(
  db: Db,
  table: SoftDeletedTable,
  orgId: string,
  id: string,
  to: (row: R) => T,
  columns = '*',
): Promise<T | null> {
  const { rows } = await db.query<R>(
    `SELECT ${columns} FROM ${table} WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL`,
    [orgId, id],
  );
  return rows[0] ? to(rows[0]) : null;
}
