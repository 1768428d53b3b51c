/** A dispatcher acknowledges an alert: seen, still open until its condition ends. */
import type { Alert } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { AppError, found } from '../errors.ts';
import { acknowledgeAlert, findAlert, publicAlert } from './repo.ts';
import type { AlertPublish } from './service.ts';

export type AlertPublisher = AlertPublish;

/**
 * Marks the alert acknowledged by the actor (audited) and tells the day room; acknowledging
 * one already acknowledged answers it unchanged, a resolved one is a 409.
 */
export async function acknowledge(db: Db, actor: Actor, id: string, publish: AlertPublish): Promise<Alert> {
  const row = await db.transaction(async (tx) => {
    const done = await acknowledgeAlert(tx, actor.orgId, id, actor.userId, new Date());
    if (done) await recordEvent(tx, actor, 'acknowledge', 'alert', id, { type: done.type, subject: done.subject });
    return done;
  });
  if (row) {
    publish(row.orgId, 'alert:acknowledged', publicAlert(row));
    return publicAlert(row);
  }
  const alert = found(await findAlert(db, actor.orgId, id), 'Alert');
  if (alert.status === 'resolved')
    throw new AppError('conflict', 'This alert is resolved already: its condition ended', {
      details: [{ field: 'id', status: alert.status }],
    });
  return publicAlert(alert);
}
