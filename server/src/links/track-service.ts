/** What the customer does from a tracking link: rate the delivery, stop the messages. */
import { normalisePhone, type RatingRequest } from '@tournee/shared';
import { recordEvent, systemActor } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { findOrganisation } from '../org/repo.ts';
import { insertOptOuts, insertRating, orderContact } from './track-repo.ts';
import { buildTrackView } from './view.ts';

export interface LinkedOrder {
  orgId: string;
  orderId: string;
}

/** Rates a delivered order, once; audited as the system (the customer has no account). */
export async function rateDelivery(db: Db, link: LinkedOrder, body: RatingRequest): Promise<void> {
  const view = await buildTrackView(db, link.orderId);
  if (view?.status !== 'delivered') throw new AppError('conflict', 'rating: the order is not delivered yet');
  await db.transaction(async (tx) => {
    if (!(await insertRating(tx, link.orderId, body.rating, body.comment))) {
      throw new AppError('conflict', 'rating: this delivery was already rated');
    }
    await recordEvent(tx, systemActor(link.orgId), 'rate', 'order', link.orderId, { rating: body.rating });
  });
}

/** No more messages to the order's phone and email, stored as the outbox addresses them (E.164, trimmed). */
export async function optOutOfMessages(db: Db, link: LinkedOrder): Promise<void> {
  const contact = await orderContact(db, link.orderId);
  const org = await findOrganisation(db, link.orgId);
  const phone = contact.phone && org ? normalisePhone(contact.phone, org.defaultCountry) : null;
  const recipients = [phone?.ok ? phone.e164 : null, contact.email?.trim() || null].filter((x): x is string => !!x);
  await db.transaction(async (tx) => {
    await insertOptOuts(tx, link.orgId, recipients);
    await recordEvent(tx, systemActor(link.orgId), 'opt_out', 'order', link.orderId);
  });
}
