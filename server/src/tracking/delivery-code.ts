/**
 * Delivery codes (orders.delivery_code, required when 'code' is in orders.require_proof): the
 * customer is told the code by the messages and the tracking page, the driver types it, and a
 * `delivered` event without the right code is refused — 422, final, nothing of it stored. Each
 * wrong code is counted on the stop and audited; after MAX_CODE_FAILURES the stop refuses even
 * the right code until a dispatcher unlocks it (guessing 4 digits is then out of reach).
 */
import { PROOF_KINDS, type DriverStop, type StopEventInput } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { resetCodeFailures, setCodeFailures } from '../lifecycle/code-failures.ts';

export const MAX_CODE_FAILURES = 5;

export const requiresCode = (required: readonly string[] | null | undefined): boolean => !!required?.includes('code');

/** What the driver's app is told a stop requires: the proof files, and whether a code is needed (never the code). */
export function proofOf(required: readonly string[] | null): Pick<DriverStop, 'requireProof' | 'requireCode'> {
  const files = PROOF_KINDS.filter((k) => required?.includes(k));
  return { ...(files.length ? { requireProof: files } : {}), ...(requiresCode(required) ? { requireCode: true } : {}) };
}

export interface CodeCheckStop {
  id: string;
  required: readonly string[] | null;
  code: string | null;
  failures: number;
}

/**
 * Checks the code of a delivery, in the caller's transaction (locked stop). A wrong or missing
 * code is counted and audited here; the returned error is thrown by the caller AFTER commit so
 * that the count survives while the event itself is not stored. Null: the delivery may proceed.
 */
export async function checkDeliveryCode(
  tx: Db,
  actor: Actor,
  driverId: string,
  stop: CodeCheckStop,
  e: StopEventInput,
): Promise<AppError | null> {
  if (e.type !== 'delivered' || !requiresCode(stop.required) || !stop.code) return null;
  if (stop.failures >= MAX_CODE_FAILURES) {
    await recordEvent(tx, actor, 'stop.delivery_code_locked', 'stop', stop.id, { driverId, eventId: e.id });
    return new AppError(
      'unprocessable',
      `deliveryCode: too many wrong delivery codes at this stop; ask your dispatcher to unlock it`,
      { details: { reason: 'delivery_code_locked' } },
    );
  }
  const given = e.deliveryCode?.trim() ?? '';
  if (given === stop.code) return null;
  const failures = stop.failures + 1;
  await setCodeFailures(tx, stop.id, failures);
  await recordEvent(tx, actor, 'stop.delivery_code_refused', 'stop', stop.id, {
    driverId,
    eventId: e.id,
    missing: given === '',
    failures,
  });
  const left = MAX_CODE_FAILURES - failures;
  return new AppError(
    'unprocessable',
    given === ''
      ? 'deliveryCode: this delivery requires the code the customer was given; ask for it, then confirm again'
      : `deliveryCode: wrong delivery code; ${left > 0 ? `${left} tries left` : 'the stop is now locked: ask your dispatcher to unlock it'}`,
    { details: { reason: given === '' ? 'delivery_code_missing' : 'delivery_code_wrong', triesLeft: left } },
  );
}

/** The order's code when it requires one, with its stops locked by wrong codes (the order page). */
export async function deliveryCodeOfOrder(
  db: Db,
  orgId: string,
  orderId: string,
): Promise<{ code: string; lockedStopIds: string[] } | null> {
  const { rows } = await db.query<{ code: string; locked: string[] }>(
    `SELECT o.delivery_code AS code,
            ARRAY(SELECT s.id::text FROM stops s WHERE s.order_id = o.id AND s.code_failures >= $3) AS locked
       FROM orders o WHERE o.id = $1 AND o.org_id = $2 AND 'code' = ANY(o.require_proof)`,
    [orderId, orgId, MAX_CODE_FAILURES],
  );
  return rows[0] ? { code: rows[0].code, lockedStopIds: rows[0].locked } : null;
}

/** A dispatcher's override: the stop accepts codes again (the count starts over). Audited. */
export async function unlockDeliveryCode(db: Db, actor: Actor, stopId: string): Promise<{ failures: number }> {
  return db.transaction(async (tx) => {
    const before = await resetCodeFailures(tx, actor.orgId, stopId);
    if (before === null) throw new AppError('not_found', `id: no stop ${stopId}`);
    await recordEvent(tx, actor, 'stop.delivery_code_unlocked', 'stop', stopId, { failuresBefore: before });
    return { failures: 0 };
  });
}
