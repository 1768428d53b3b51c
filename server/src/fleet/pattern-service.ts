import { type CreateShiftPatternRequest, datesInRange, type ShiftPattern, todayIn } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { AppError, found, notFound } from '../errors.ts';
import { driverFor } from './checks.ts';
import { expansionRange } from './horizon.ts';
import * as repo from './pattern-repo.ts';
import { insertShiftsIfAbsent } from './shift-repo.ts';
import { shiftValues, vehicleZone } from './shift-service.ts';

/** What an expansion did: the dates it covered and how many shifts were new. */
export interface Expansion {
  from: string | null;
  through: string | null;
  created: number;
}

/** A pattern as answered on creation: with the shifts its first expansion made. */
export type CreatedShiftPattern = ShiftPattern & { expansion: Expansion };

/**
 * Makes a pattern's shifts exist through `through` (default: the horizon). Dates that already
 * have a shift — expanded before, overridden or cancelled — are left as they are, so running it
 * again creates nothing.
 */
export async function expandPattern(tx: Db, orgId: string, p: ShiftPattern, through?: string): Promise<Expansion> {
  const { zone } = await vehicleZone(tx, orgId, p.vehicleId);
  const range = expansionRange(p, todayIn(zone), through);
  if (!range) return { from: null, through: null, created: 0 };
  const shifts = datesInRange(range.from, range.to, p.weekdays).map((localDate) =>
    shiftValues({ vehicleId: p.vehicleId, driverId: p.driverId, patternId: p.id, localDate }, p, zone, {
      isOverride: false,
      cancelled: false,
    }),
  );
  const created = await insertShiftsIfAbsent(tx, orgId, shifts);
  return { from: range.from, through: range.to, created };
}

export async function listShiftPatterns(db: Db, orgId: string, vehicleId?: string): Promise<ShiftPattern[]> {
  return repo.listPatterns(db, orgId, { vehicleId });
}

export async function getShiftPattern(db: Db, orgId: string, id: string): Promise<ShiftPattern> {
  return found(await repo.findPattern(db, orgId, id), 'Shift pattern');
}

/**
 * Creates a weekly pattern ("Mon–Fri 08:00–17:00, break 12:00–14:00 for 30 min") and expands it
 * into dated shifts through its end or the horizon. Refused (409) when another pattern of the
 * vehicle already covers one of its weekdays over overlapping dates.
 */
export async function createShiftPattern(
  db: Db,
  actor: Actor,
  input: CreateShiftPatternRequest,
): Promise<CreatedShiftPattern> {
  return db.transaction(async (tx) => {
    await vehicleZone(tx, actor.orgId, input.vehicleId);
    if (input.driverId) await driverFor(tx, actor.orgId, input.driverId, 'driverId');
    const validTo = input.validTo ?? null;
    const clash = await repo.overlappingPatterns(tx, input.vehicleId, input.weekdays, input.validFrom, validTo);
    if (clash[0]) {
      const c = clash[0];
      throw new AppError(
        'conflict',
        `This vehicle already has pattern ${c.id} on some of these weekdays from ${c.validFrom} to ${c.validTo ?? 'open end'}; ` +
          'end or delete it first',
        { details: { patternId: c.id } },
      );
    }
    const pattern = await repo.insertPattern(tx, actor.orgId, {
      vehicleId: input.vehicleId,
      driverId: input.driverId ?? null,
      weekdays: input.weekdays,
      start: input.start,
      end: input.end,
      breaks: input.breaks ?? [],
      validFrom: input.validFrom,
      validTo,
    });
    const expansion = await expandPattern(tx, actor.orgId, pattern);
    await recordEvent(tx, actor, 'create', 'shift_pattern', pattern.id, { ...input, expansion });
    return { ...pattern, expansion };
  });
}

/**
 * Extends the expansion of every live pattern of the organisation (or one) through a date, e.g.
 * before planning a range past the horizon. Idempotent.
 */
export async function expandShiftPatterns(
  db: Db,
  actor: Actor,
  opts: { through?: string; patternId?: string } = {},
): Promise<{ patterns: number; created: number }> {
  return db.transaction(async (tx) => {
    const patterns = await repo.listPatterns(tx, actor.orgId, { patternId: opts.patternId });
    if (opts.patternId && patterns.length === 0) throw notFound('Shift pattern');
    let created = 0;
    for (const p of patterns) created += (await expandPattern(tx, actor.orgId, p, opts.through)).created;
    if (created > 0)
      await recordEvent(tx, actor, 'expand', 'shift_pattern', opts.patternId ?? null, { ...opts, created });
    return { patterns: patterns.length, created };
  });
}

/** Deletes a pattern and its shifts still to come, except those overridden by hand. */
export async function deleteShiftPattern(db: Db, actor: Actor, id: string): Promise<{ removedShifts: number }> {
  return db.transaction(async (tx) => {
    await getShiftPattern(tx, actor.orgId, id);
    const removedShifts = await repo.removeFuturePatternShifts(tx, id);
    await repo.softDeletePatterns(tx, [id]);
    await recordEvent(tx, actor, 'delete', 'shift_pattern', id, { removedShifts });
    return { removedShifts };
  });
}
