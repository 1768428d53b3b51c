import {
  addDays,
  type BreakWindow,
  type CreateShiftRequest,
  daysBetween,
  isoWeekday,
  layOutShift,
  type Shift,
  type ShiftDayRequest,
  type ShiftPattern,
  shiftHoursProblems,
  todayIn,
  type UpdateShiftRequest,
} from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { AppError, found } from '../errors.ts';
import { fieldPath } from '../http/validate.ts';
import { badField, depotFor, driverFor, vehicleFor } from './checks.ts';
import { patternsOfVehicle } from './pattern-repo.ts';
import * as repo from './shift-repo.ts';

/** The vehicle an input points at and the zone of its depot, which its shifts' hours are in. */
export async function vehicleZone(db: Db, orgId: string, vehicleId: string, field = 'vehicleId') {
  const vehicle = await vehicleFor(db, orgId, vehicleId, field);
  const depot = await depotFor(db, orgId, vehicle.depotId, 'depotId');
  return { vehicle, zone: depot.timeZone };
}

/** A shift's stored values: its hours laid out to instants in `zone`. */
export function shiftValues(
  base: { vehicleId: string; driverId: string | null; patternId: string | null; localDate: string },
  hours: { start: string; end: string; breaks: BreakWindow[] },
  zone: string,
  flags: { isOverride: boolean; cancelled: boolean },
): repo.ShiftValues {
  const laid = layOutShift(base.localDate, hours.start, hours.end, hours.breaks, zone);
  // Built field by field: callers pass whole Shifts as `base`, whose old instants must not leak.
  return {
    vehicleId: base.vehicleId,
    driverId: base.driverId,
    patternId: base.patternId,
    localDate: base.localDate,
    start: hours.start,
    end: hours.end,
    startAt: laid.startAt,
    endAt: laid.endAt,
    breaks: laid.breaks,
    isOverride: flags.isOverride,
    cancelled: flags.cancelled,
  };
}

const stripInstants = (s: Shift): BreakWindow[] =>
  s.breaks.map(({ start, end, durationMin }) => ({ start, end, durationMin }));

/** The live pattern of the vehicle that covers a date, if any. */
async function coveringPattern(db: Db, vehicleId: string, localDate: string): Promise<ShiftPattern | undefined> {
  return (await patternsOfVehicle(db, vehicleId)).find(
    (p) =>
      p.validFrom <= localDate && (!p.validTo || localDate <= p.validTo) && p.weekdays.includes(isoWeekday(localDate)),
  );
}

/** `from`/`to` default to today (UTC) and a week on; at most a year at once. */
export async function listShifts(
  db: Db,
  orgId: string,
  q: { from?: string; to?: string; vehicleId?: string; driverId?: string; cancelled?: boolean },
): Promise<Shift[]> {
  const from = q.from ?? todayIn('UTC');
  const to = q.to ?? addDays(from, 7);
  if (daysBetween(from, to) < 0)
    throw new AppError('bad_request', `Invalid query: to: must not be before from ${from}`);
  if (daysBetween(from, to) > 366) throw new AppError('bad_request', 'Invalid query: to: at most 366 days after from');
  return repo.listShifts(db, orgId, { ...q, from, to });
}

export async function getShift(db: Db, orgId: string, id: string): Promise<Shift> {
  return found(await repo.findShift(db, orgId, id), 'Shift');
}

/**
 * Sets one vehicle's hours (and driver) for one date, creating the shift or overriding the one
 * expanded from a pattern. Marked `isOverride`: re-expanding the pattern leaves it alone. An
 * omitted `driverId` keeps the current driver. A cancelled shift is restored.
 */
export async function setShiftDay(
  db: Db,
  actor: Actor,
  vehicleId: string,
  localDate: string,
  input: ShiftDayRequest,
): Promise<Shift> {
  return db.transaction(async (tx) => {
    const { zone } = await vehicleZone(tx, actor.orgId, vehicleId);
    if (input.driverId) await driverFor(tx, actor.orgId, input.driverId, 'driverId');
    const existing = await repo.findShiftOnDay(tx, actor.orgId, vehicleId, localDate);
    const pattern = existing ? undefined : await coveringPattern(tx, vehicleId, localDate);
    const values = shiftValues(
      {
        vehicleId,
        localDate,
        driverId: input.driverId === undefined ? (existing?.driverId ?? pattern?.driverId ?? null) : input.driverId,
        patternId: existing?.patternId ?? pattern?.id ?? null,
      },
      { start: input.start, end: input.end, breaks: input.breaks ?? [] },
      zone,
      { isOverride: true, cancelled: false },
    );
    const id = await repo.upsertShift(tx, actor.orgId, values);
    await recordEvent(tx, actor, existing ? 'override' : 'create', 'shift', id, { vehicleId, localDate, ...input });
    return getShift(tx, actor.orgId, id);
  });
}

/** A one-off shift; 409 when the vehicle already has a (not cancelled) shift that day. */
export async function createShift(db: Db, actor: Actor, input: CreateShiftRequest): Promise<Shift> {
  const { vehicleId, localDate, ...hours } = input;
  const existing = await repo.findShiftOnDay(db, actor.orgId, vehicleId, localDate);
  if (existing && !existing.cancelled) {
    throw new AppError(
      'conflict',
      `Vehicle already has a shift on ${localDate} (${existing.start}–${existing.end}); ` +
        `change it with PUT /api/shifts/${vehicleId}/${localDate}`,
      { details: { shiftId: existing.id } },
    );
  }
  return setShiftDay(db, actor, vehicleId, localDate, hours);
}

/** Changes a shift; the merged hours are checked again and the shift becomes an override. */
export async function updateShift(db: Db, actor: Actor, id: string, patch: UpdateShiftRequest): Promise<Shift> {
  return db.transaction(async (tx) => {
    const before = await getShift(tx, actor.orgId, id);
    const hours = {
      start: patch.start ?? before.start,
      end: patch.end ?? before.end,
      breaks: patch.breaks ?? stripInstants(before),
    };
    const [problem] = shiftHoursProblems(hours.start, hours.end, hours.breaks);
    if (problem) throw badField(fieldPath(problem.path), problem.message);
    if (patch.driverId) await driverFor(tx, actor.orgId, patch.driverId, 'driverId');
    const values = shiftValues(
      { ...before, driverId: patch.driverId === undefined ? before.driverId : patch.driverId },
      hours,
      before.timeZone,
      { isOverride: true, cancelled: patch.cancelled ?? before.cancelled },
    );
    await repo.upsertShift(tx, actor.orgId, values);
    await recordEvent(tx, actor, 'update', 'shift', id, { changed: patch });
    return getShift(tx, actor.orgId, id);
  });
}

async function cancel(tx: Db, actor: Actor, shift: Shift): Promise<Shift> {
  const values = shiftValues(shift, { ...shift, breaks: stripInstants(shift) }, shift.timeZone, {
    isOverride: true,
    cancelled: true,
  });
  await repo.upsertShift(tx, actor.orgId, values);
  await recordEvent(tx, actor, 'cancel', 'shift', shift.id, { vehicleId: shift.vehicleId, localDate: shift.localDate });
  return getShift(tx, actor.orgId, shift.id);
}

/**
 * Cancels a vehicle's shift on a date (holiday, sick driver). The shift is kept, marked
 * cancelled, so pattern expansion does not bring it back; a date a pattern covers but has not
 * reached yet gets a cancelled shift from the pattern. 404 when no shift or pattern covers it.
 */
export async function cancelShiftDay(db: Db, actor: Actor, vehicleId: string, localDate: string): Promise<Shift> {
  return db.transaction(async (tx) => {
    const { zone } = await vehicleZone(tx, actor.orgId, vehicleId);
    const existing = await repo.findShiftOnDay(tx, actor.orgId, vehicleId, localDate);
    if (existing) return cancel(tx, actor, existing);
    const pattern = found(await coveringPattern(tx, vehicleId, localDate), `A shift of this vehicle on ${localDate}`);
    const base = { vehicleId, localDate, driverId: pattern.driverId, patternId: pattern.id };
    const id = await repo.upsertShift(
      tx,
      actor.orgId,
      shiftValues(base, pattern, zone, { isOverride: true, cancelled: true }),
    );
    await recordEvent(tx, actor, 'cancel', 'shift', id, { vehicleId, localDate, patternId: pattern.id });
    return getShift(tx, actor.orgId, id);
  });
}

export async function cancelShift(db: Db, actor: Actor, id: string): Promise<Shift> {
  return db.transaction(async (tx) => cancel(tx, actor, await getShift(tx, actor.orgId, id)));
}

/**
 * Lays the future shifts of some vehicles out again in their depot's current zone, after a
 * depot changed zone or a vehicle changed depot: local hours stay, instants move.
 */
export async function relayoutFutureShifts(tx: Db, orgId: string, vehicleIds: string[]): Promise<number> {
  const shifts = await repo.futureShiftsOfVehicles(tx, vehicleIds);
  for (const s of shifts) {
    const values = shiftValues(s, { ...s, breaks: stripInstants(s) }, s.timeZone, s);
    await repo.upsertShift(tx, orgId, values);
  }
  return shifts.length;
}
