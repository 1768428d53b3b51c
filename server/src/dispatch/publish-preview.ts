/**
 * What publishing a day will do, before it is done: how many routes and orders, and how many
 * customers will get the "published" message by SMS and by email. The same rules as the trigger
 * (notify/triggers.ts): the organisation's switch for `published`, its channels, a phone that
 * normalises to E.164, an email that looks like one, and no opt-out. Quiet hours only delay the
 * message, so they do not change the counts.
 */
import { normalisePhone, type PublishPreview } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import { loadOrderContexts, optedOut } from '../notify/context-repo.ts';
import { resolveSettings, triggerOn } from '../notify/settings.ts';

/** Counts what `POST /api/dispatch/publish { date }` would do now. */
export async function previewPublish(db: Db, orgId: string, date: string): Promise<PublishPreview> {
  // Same selection as publishRoutes: planned routes with stops; their planned orders still to visit.
  const routes = await db.query<{ id: string; driver_id: string | null }>(
    `SELECT r.id, r.driver_id FROM routes r WHERE r.org_id = $1 AND r.status = 'planned' AND r.local_date = $2
        AND EXISTS (SELECT 1 FROM stops s WHERE s.route_id = r.id)`,
    [orgId, date],
  );
  const routeIds = routes.rows.map((r) => r.id);
  const drivers = new Set(routes.rows.flatMap((r) => (r.driver_id ? [r.driver_id] : []))).size;
  const orders =
    routeIds.length === 0
      ? []
      : (
          await db.query<{ id: string }>(
            `SELECT DISTINCT o.id FROM stops s JOIN orders o ON o.id = s.order_id
              WHERE s.route_id = ANY($1::uuid[]) AND s.status IN ('pending', 'arrived') AND o.status = 'planned'`,
            [routeIds],
          )
        ).rows.map((r) => r.id);
  const base = { routes: routeIds.length, orders: orders.length, drivers };
  const contexts = await loadOrderContexts(db, orders);
  const settings = resolveSettings(contexts[0]?.settings.notify);
  if (contexts.length === 0 || !triggerOn(settings, 'published')) return { ...base, sms: 0, email: 0 };
  const phones: (string | null)[] = contexts.map((c) => {
    if (!settings.channels.sms || !c.phone) return null;
    const p = normalisePhone(c.phone, c.defaultCountry);
    return p.ok ? p.e164 : null;
  });
  const emails: (string | null)[] = contexts.map((c) => {
    const e = c.email?.trim();
    return settings.channels.email && e && /^[^\s@]+@[^\s@]+$/.test(e) ? e : null;
  });
  const out = await optedOut(
    db,
    orgId,
    [...phones, ...emails].filter((x): x is string => x !== null),
  );
  const reached = (list: (string | null)[]) => list.filter((x) => x !== null && !out.has(x)).length;
  return { ...base, sms: reached(phones), email: reached(emails) };
}
