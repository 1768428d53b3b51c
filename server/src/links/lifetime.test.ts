import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { seedDriverDay } from '../../test/support/seeded-driver-day.ts';
import { createLink, expireLinksAfterDelivery } from './links.ts';

describe('tracking links have a maximum lifetime (TRACK_LINK_MAX_DAYS)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRACK_LINK_MAX_DAYS: '2' });
  });
  afterAll(async () => {
    await t.close();
  });

  /** Days between a link's creation and its expiry. */
  const lifetimeDays = async (orderId: string) =>
    (
      await t.db.query<{ days: number | null }>(
        `SELECT extract(epoch FROM expires_at - created_at)::float8 / 86400 AS days FROM tracking_links WHERE order_id = $1`,
        [orderId],
      )
    ).rows.map((r) => r.days);

  it('gives the links sent to customers the configured lifetime, which a delivery never extends', async () => {
    const day = await seedDriverDay(t.db, t.org.id, { stops: 2, status: 'planned' });
    await t.db.query(`UPDATE orders SET phone = '+33612345678' WHERE id = ANY($1)`, [day.orderIds]);
    const res = await t.api('/dispatch/publish', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ date: day.localDate }),
    });
    expect(res.status).toBe(200);
    // The "published" message carries a link, created by the notification listener after commit.
    await expect.poll(() => lifetimeDays(day.orderIds[0]!), { timeout: 10_000 }).toEqual([2]);
    // Delivered in 5 days: "a day after delivery" would be later than the maximum, so it stays.
    await expireLinksAfterDelivery(t.db, day.orderIds[0]!, new Date(Date.now() + 5 * 86_400_000));
    expect(await lifetimeDays(day.orderIds[0]!)).toEqual([2]);
  });

  it('answers a link older than the maximum like an expired or unknown one', async () => {
    const day = await seedDriverDay(t.db, t.org.id, { stops: 2 });
    const fresh = await createLink(t.db, t.org.id, day.orderIds[0]!, 2);
    const old = await createLink(t.db, t.org.id, day.orderIds[1]!, 2);
    // Three days later for the old one: everything it stored moves back three days.
    await t.db.query(
      `UPDATE tracking_links SET created_at = created_at - interval '3 days', expires_at = expires_at - interval '3 days'
        WHERE order_id = $1`,
      [day.orderIds[1]],
    );
    expect((await t.api(`/track/${fresh}`, { as: null })).status).toBe(200);
    const expired = await t.api(`/track/${old}`, { as: null });
    const unknown = await t.api(`/track/${'x'.repeat(32)}`, { as: null });
    expect(expired.status).toBe(404);
    expect(await expired.json()).toEqual(await unknown.json());
  });
});
