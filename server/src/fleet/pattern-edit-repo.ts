/** SQL of editing a weekly pattern: its row, and the shifts of it that are redrawn. */
import type { ShiftPattern } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { PatternValues } from './pattern-repo.ts';

export async function updatePatternRow(db: Db, id: string, v: PatternValues): Promise<void> {
  await db.query(
    `UPDATE shift_patterns SET driver_id = $2, weekdays = $3, start_local = $4, end_local = $5, breaks = $6,
       valid_from = $7, valid_to = $8, updated_at = now()
     WHERE id = $1`,
    [id, v.driverId, v.weekdays, v.start, v.end, JSON.stringify(v.breaks), v.validFrom, v.validTo],
  );
}

/**
 * Deletes the pattern's shifts not yet started that nobody changed by hand and no route uses;
 * returns how many went, and how many not-yet-started ones a route keeps as they are.
 */
export async function deleteRedrawableShifts(
  db: Db,
  p: Pick<ShiftPattern, 'id'>,
): Promise<{ deleted: number; kept: number }> {
  const routed = 'id IN (SELECT shift_id FROM routes WHERE shift_id IS NOT NULL)';
  const deleted = await db.query(
    `DELETE FROM shifts WHERE pattern_id = $1 AND NOT is_override AND start_at > now() AND NOT ${routed}`,
    [p.id],
  );
  const kept = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM shifts WHERE pattern_id = $1 AND NOT is_override AND start_at > now() AND ${routed}`,
    [p.id],
  );
  return { deleted: deleted.rowCount, kept: kept.rows[0]?.n ?? 0 };
}
