/**
 * The count of wrong delivery codes typed at a stop (stops.code_failures): written here with the
 * stop's other state, read by tracking/delivery-code.ts which decides what the count means.
 */
import type { Db } from '../db/db.ts';

/** Records the stop's new count of wrong codes, in the caller's transaction. */
export async function setCodeFailures(tx: Db, stopId: string, failures: number): Promise<void> {
  await tx.query('UPDATE stops SET code_failures = $2 WHERE id = $1', [stopId, failures]);
}

/** Starts the stop's count over; the count before, or null when the organisation has no such stop. */
export async function resetCodeFailures(tx: Db, orgId: string, stopId: string): Promise<number | null> {
  const { rows } = await tx.query<{ code_failures: number }>(
    `UPDATE stops s SET code_failures = 0 FROM routes r
      WHERE s.id = $1 AND r.id = s.route_id AND r.org_id = $2
      RETURNING (SELECT code_failures FROM stops WHERE id = $1) AS code_failures`,
    [stopId, orgId],
  );
  return rows[0]?.code_failures ?? null;
}
