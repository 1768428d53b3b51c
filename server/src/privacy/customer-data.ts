/**
 * A person's data access and erasure requests (GDPR articles 15 and 17), by phone number or
 * email: the export gathers every order, message, rating, stop event and proof tied to them;
 * the erasure anonymises the orders (rounded coordinates kept for analytics), deletes proofs,
 * ratings and tracking links, blanks the messages, and replaces any remaining copy of the phone
 * or email (audit details, webhook payloads, import rejections, route snapshots) with `[erased]`.
 * Both are audited without the phone or email themselves.
 */
import { type CustomerLookup, type ErasureResult, phoneE164 } from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { orgProfile } from '../org/profile-repo.ts';
import * as repo from './customer-repo.ts';
import { scrubStopEvents } from './retention-repo.ts';

/** Every form the phone may be written in: as typed, E.164, its digits, the national number. */
export function phoneForms(input: string, country: string): string[] {
  const typed = input.trim();
  const forms = new Set<string>([typed]);
  const e164 = phoneE164(typed, country);
  if (e164) {
    forms.add(e164);
    forms.add(e164.slice(1));
    const national = `0${e164.slice(e164.length - 9)}`;
    if (e164.startsWith('+33')) forms.add(national);
  }
  return [...forms].filter((f) => f.replace(/\D/g, '').length >= 6);
}

async function lookupOf(db: Db, orgId: string, q: CustomerLookup): Promise<repo.Lookup> {
  const country = (await orgProfile(db, orgId))?.defaultCountry ?? 'FR';
  return { orgId, phones: q.phone ? phoneForms(q.phone, country) : [], email: q.email?.trim() ?? null };
}

export async function exportCustomerData(db: Db, actor: Actor, q: CustomerLookup) {
  const lookup = await lookupOf(db, actor.orgId, q);
  const ids = await repo.matchingOrderIds(db, lookup);
  const data = {
    lookup: { phone: q.phone ?? null, email: q.email ?? null },
    exportedAt: new Date().toISOString(),
    orders: await repo.exportOrders(db, ids),
    notifications: await repo.exportNotifications(db, lookup, ids),
    ratings: await repo.exportRatings(db, ids),
    stopEvents: await repo.exportStopEvents(db, ids),
    proofs: await repo.exportProofs(db, ids),
  };
  await recordEvent(db, actor, 'customer.export', 'customer', null, {
    orders: data.orders.length,
    notifications: data.notifications.length,
    ratings: data.ratings.length,
    proofs: data.proofs.length,
  });
  return data;
}

export async function eraseCustomerData(
  db: Db,
  actor: Actor,
  q: CustomerLookup,
  now = new Date(),
): Promise<ErasureResult> {
  const lookup = await lookupOf(db, actor.orgId, q);
  return db.transaction(async (tx) => {
    const ids = await repo.matchingOrderIds(tx, lookup);
    const { rows } = await tx.query<{ phone: string | null; email: string | null }>(
      'SELECT DISTINCT phone, email FROM orders WHERE id = ANY($1::uuid[])',
      [ids],
    );
    const needles = new Set([...lookup.phones, ...(lookup.email ? [lookup.email] : [])]);
    for (const r of rows) {
      if (r.phone) needles.add(r.phone);
      if (r.email) needles.add(r.email);
    }
    const result: ErasureResult = {
      proofs: await repo.deleteProofsOf(tx, ids),
      ratings: await repo.deleteRatingsOf(tx, ids),
      trackingLinks: await repo.deleteTrackingLinksOf(tx, ids),
      notifications: await repo.redactNotificationsOf(tx, lookup, ids, now),
      orders: await repo.anonymiseOrders(tx, ids, now),
    };
    await scrubStopEvents(tx, ids);
    await repo.eraseOrderRecords(tx, actor.orgId, ids);
    await repo.scrubEverywhere(tx, actor.orgId, [...needles]);
    await recordEvent(tx, actor, 'customer.erase', 'customer', null, { ...result });
    return result;
  });
}
