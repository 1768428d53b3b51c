/**
 * Editing a weekly shift pattern: its hours, days, driver or dates change from now on. The
 * pattern's shifts still to come are redrawn from the merged pattern, except days changed by
 * hand (overrides) and days a route already uses, which stay as they are; past shifts never change.
 */
import { type ShiftPattern, shiftHoursProblems, type UpdateShiftPatternRequest } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { driverFor } from './checks.ts';
import * as repo from './pattern-edit-repo.ts';
import { overlappingPatterns } from './pattern-repo.ts';
import { type Expansion, expandPattern, getShiftPattern } from './pattern-service.ts';

export type EditedShiftPattern = ShiftPattern & {
  expansion: Expansion;
  removedShifts: number;
  keptRoutedShifts: number;
};

function checkMerged(p: ShiftPattern): void {
  const problems = shiftHoursProblems(p.start, p.end, p.breaks).map((x) => ({
    field: x.path.join('.'),
    message: x.message,
  }));
  if (p.validTo && p.validTo < p.validFrom)
    problems.push({ field: 'validTo', message: `must not be before validFrom ${p.validFrom}` });
  if (problems.length > 0)
    throw new AppError('bad_request', `Invalid body: ${problems.map((x) => `${x.field}: ${x.message}`).join('; ')}`, {
      details: problems,
    });
}

export async function updateShiftPattern(
  db: Db,
  actor: Actor,
  id: string,
  patch: UpdateShiftPatternRequest,
): Promise<EditedShiftPattern> {
  return db.transaction(async (tx) => {
    const before = await getShiftPattern(tx, actor.orgId, id);
    const merged: ShiftPattern = { ...before, ...patch };
    checkMerged(merged);
    if (patch.driverId) await driverFor(tx, actor.orgId, patch.driverId, 'driverId');
    const clash = (
      await overlappingPatterns(tx, merged.vehicleId, merged.weekdays, merged.validFrom, merged.validTo)
    ).find((c) => c.id !== id);
    if (clash) {
      throw new AppError(
        'conflict',
        `weekdays: this vehicle already has pattern ${clash.id} on some of these weekdays from ${clash.validFrom} ` +
          `to ${clash.validTo ?? 'open end'}; end or delete it first`,
        { details: [{ field: 'weekdays', patternId: clash.id }] },
      );
    }
    await repo.updatePatternRow(tx, id, merged);
    const redrawn = await repo.deleteRedrawableShifts(tx, merged);
    const after = await getShiftPattern(tx, actor.orgId, id);
    const expansion = await expandPattern(tx, actor.orgId, after);
    await recordEvent(tx, actor, 'update', 'shift_pattern', id, {
      changed: patch,
      removedShifts: redrawn.deleted,
      keptRoutedShifts: redrawn.kept,
      expansion,
    });
    return { ...after, expansion, removedShifts: redrawn.deleted, keptRoutedShifts: redrawn.kept };
  });
}
