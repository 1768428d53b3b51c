import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, readJson, startTestApp, type TestApp } from '../../test/harness.ts';
import type { Db } from '../db/db.ts';
import { seedDriverDay } from '../../test/support/seeded-driver-day.ts';
import { purgeOrganisation } from './retention.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const DAY = 86_400_000;
/** The fake clock of the retention tests: the purge runs "on" this date. */
const NOW = new Date('2031-06-01T03:00:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

/** A delivered stop with its event, a photo and a message, at `at`. */
async function deliveredWithTraces(
  db: Db,
  orgId: string,
  day: { orderIds: string[]; stopIds: string[]; driverId: string },
  i: number,
  at: Date,
) {
  const orderId = day.orderIds[i]!;
  await db.query(`UPDATE orders SET status = 'delivered', updated_at = $2, email = $3 WHERE id = $1`, [
    orderId,
    at,
    `client${i}@example.org`,
  ]);
  const eventId = randomUUID();
  await db.query(
    `INSERT INTO stop_events (id, stop_id, driver_id, type, device_at, recipient_name, note) VALUES ($1, $2, $3, 'delivered', $4, 'Mme Client', 'porte bleue')`,
    [eventId, day.stopIds[i], day.driverId, at],
  );
  await db.query(
    `INSERT INTO proof_files (stop_event_id, kind, content_type, data, created_at) VALUES ($1, 'photo', 'image/jpeg', '\\xffd8ff', $2)`,
    [eventId, at],
  );
  const { rows } = await db.query<{ phone: string }>('SELECT phone FROM orders WHERE id = $1', [orderId]);
  await db.query(
    `INSERT INTO notifications (org_id, order_id, channel, trigger, idempotency_key, recipient, body, status, created_at)
     VALUES ($1, $2, 'sms', 'delivered', $3, $4, 'Bonjour Client, votre colis est livré', 'sent', $5)`,
    [orgId, orderId, randomUUID(), rows[0]!.phone, at],
  );
}

describe('retention purge (fake clock)', () => {
  it('anonymises and deletes exactly what is older than each setting, and audits the counts', async () => {
    const org = await createTestOrg(t.db);
    const day = await seedDriverDay(t.db, org.id, { stops: 4 });
    // Customer data: 365 days (default). Order 0 expired, order 1 one day short, order 2 expired but not
    // delivered (failed orders keep their details), order 3 delivered today.
    await deliveredWithTraces(t.db, org.id, day, 0, ago(366));
    await deliveredWithTraces(t.db, org.id, day, 1, ago(364));
    await t.db.query(`UPDATE orders SET status = 'failed', updated_at = $2 WHERE id = $1`, [day.orderIds[2], ago(400)]);
    await deliveredWithTraces(t.db, org.id, day, 3, ago(0));
    // Positions 90 days, import rejections 30 days, audit 5 years: one row each side of the line.
    for (const d of [91, 89]) {
      await t.db.query(
        `INSERT INTO positions (client_id, org_id, driver_id, device_at, received_at, location)
         VALUES ($1, $2, $3, $4, $4, ST_SetSRID(ST_MakePoint(4.8, 45.7), 4326)::geography)`,
        [randomUUID(), org.id, day.driverId, ago(d)],
      );
    }
    for (const d of [31, 29]) {
      const imp = await t.db.query<{ id: string }>(
        `INSERT INTO imports (org_id, format, partial, committed, at) VALUES ($1, 'csv', true, true, $2) RETURNING id`,
        [org.id, ago(d)],
      );
      await t.db.query(
        `INSERT INTO import_rejections (import_id, row_number, errors, cells) VALUES ($1, 2, '[]', '{"phone":"0600000000"}')`,
        [imp.rows[0]!.id],
      );
    }
    for (const d of [5 * 366, 5 * 365 - 2]) {
      await t.db.query(`INSERT INTO events (org_id, action, entity, at) VALUES ($1, 'old.thing', 'order', $2)`, [
        org.id,
        ago(d),
      ]);
    }
    // A shorter setting for messages: 100 days (orders 0 and 1's messages are older, 3's is not).
    await t.db.query(
      `UPDATE organisations SET settings = settings || '{"retention": {"notificationDays": 100}}' WHERE id = $1`,
      [org.id],
    );
    const before = await t.db.query<{ id: string; lon: number; lat: number }>(
      'SELECT id, ST_X(location::geometry) AS lon, ST_Y(location::geometry) AS lat FROM orders WHERE id = $1',
      [day.orderIds[0]],
    );

    const settings = (
      await t.db.query<{ settings: Record<string, unknown> }>('SELECT settings FROM organisations WHERE id = $1', [
        org.id,
      ])
    ).rows[0]!.settings;
    const counts = await purgeOrganisation(t.db, { id: org.id, settings }, NOW);
    expect(counts).toEqual({
      customersAnonymised: 1,
      proofs: 1,
      notifications: 2,
      positions: 1,
      importRejections: 1,
      auditEvents: 1,
    });

    const orders = await t.db.query<{
      id: string;
      name: string;
      phone: string | null;
      email: string | null;
      address: string;
      notes: string;
      lon: number;
      lat: number;
      anonymised_at: Date | null;
    }>(
      `SELECT id, name, phone, email, address, notes, ST_X(location::geometry) AS lon, ST_Y(location::geometry) AS lat, anonymised_at
       FROM orders WHERE org_id = $1`,
      [org.id],
    );
    const byId = new Map(orders.rows.map((o) => [o.id, o]));
    const gone = byId.get(day.orderIds[0]!)!;
    expect(gone).toMatchObject({ name: '', phone: null, email: null, address: '', notes: '' });
    expect(gone.anonymised_at).not.toBeNull();
    // Coordinates rounded to a 0.001° grid (~100 m), within 100 m of where they were.
    expect(Math.abs(gone.lon - before.rows[0]!.lon)).toBeLessThanOrEqual(0.0005 + 1e-9);
    expect(Math.abs(gone.lat - before.rows[0]!.lat)).toBeLessThanOrEqual(0.0005 + 1e-9);
    expect(Math.round(gone.lon * 1000) / 1000).toBeCloseTo(gone.lon, 9);
    for (const i of [1, 2, 3]) {
      const kept = byId.get(day.orderIds[i]!)!;
      expect(kept.name, `order ${i}`).not.toBe('');
      expect(kept.phone, `order ${i}`).not.toBeNull();
      expect(kept.anonymised_at).toBeNull();
    }
    const events = await t.db.query<{ recipient_name: string | null; order_id: string }>(
      'SELECT e.recipient_name, s.order_id FROM stop_events e JOIN stops s ON s.id = e.stop_id WHERE s.route_id = $1',
      [day.routeId],
    );
    expect(events.rows.find((e) => e.order_id === day.orderIds[0])?.recipient_name).toBeNull();
    expect(events.rows.find((e) => e.order_id === day.orderIds[1])?.recipient_name).toBe('Mme Client');
    const messages = await t.db.query<{ order_id: string; body: string; recipient: string }>(
      'SELECT order_id, body, recipient FROM notifications WHERE org_id = $1',
      [org.id],
    );
    const bodyOf = (i: number) => messages.rows.find((m) => m.order_id === day.orderIds[i])!;
    expect(bodyOf(0)).toMatchObject({ body: '', recipient: '' });
    expect(bodyOf(1)).toMatchObject({ body: '', recipient: '' });
    expect(bodyOf(3).body).toContain('livré');

    const audit = await t.db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM events WHERE org_id = $1 AND action = 'retention.purge'`,
      [org.id],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.details).toMatchObject(counts);

    // Run again at the same time: nothing more to do, nothing audited.
    expect(Object.values(await purgeOrganisation(t.db, { id: org.id, settings }, NOW)).every((n) => n === 0)).toBe(
      true,
    );
  });
});

describe('a person’s data: export and erasure', () => {
  const PHONE = '+33655501234';
  const TYPED = '06 55 50 12 34';
  const EMAIL = 'jeanne.martin@example.org';

  it('exports every order, message, rating and proof of a phone, then erasure leaves no trace of it anywhere', async () => {
    const day = await seedDriverDay(t.db, t.org.id, { stops: 2 });
    await t.db.query('UPDATE orders SET phone = $2, name = $3 WHERE id = $1', [
      day.orderIds[0],
      PHONE,
      'Jeanne Martin',
    ]);
    await deliveredWithTraces(t.db, t.org.id, day, 0, new Date());
    await t.db.query('UPDATE orders SET email = $2 WHERE id = $1', [day.orderIds[0], EMAIL]);
    await t.db.query(
      `INSERT INTO ratings (order_id, rating, comment) VALUES ($1, 5, 'Merci, appelez le 06 55 50 12 34')`,
      [day.orderIds[0]],
    );
    await t.db.query(`INSERT INTO tracking_links (org_id, order_id, token_hash) VALUES ($1, $2, $3)`, [
      t.org.id,
      day.orderIds[0],
      randomUUID(),
    ]);
    // The same number in other places: an order imported through the API (audited), a rejected
    // import row, a webhook payload and an opt-out.
    const imported = await t.api('/orders/import?partial=true', {
      method: 'POST',
      body: JSON.stringify([
        {
          ref: `GDPR-${randomUUID().slice(0, 6)}`,
          name: 'Jeanne Martin',
          phone: TYPED,
          address: '3 rue X, Lyon',
          lat: '45.76',
          lon: '4.83',
          date_from: day.localDate,
          date_to: day.localDate,
        },
        { ref: 'GDPR-bad', name: 'Jeanne Martin', phone: TYPED, address: '', date_from: 'not a date' },
      ]),
    });
    expect(imported.status).toBe(200);
    await t.db.query(
      `INSERT INTO webhook_events (org_id, type, subject_id, data) VALUES ($1, 'order.updated', $2, $3)`,
      [t.org.id, day.orderIds[0], JSON.stringify({ phone: PHONE, email: EMAIL })],
    );
    // An order's change in the audit trail, and a free-text mention elsewhere in it.
    await t.db.query(
      `INSERT INTO events (org_id, action, entity, entity_id, details) VALUES ($1, 'update', 'order', $2, $3)`,
      [t.org.id, day.orderIds[0], JSON.stringify({ changed: { phone: { from: null, to: PHONE } } })],
    );
    await t.db.query(`INSERT INTO events (org_id, action, entity, details) VALUES ($1, 'note', 'customer', $2)`, [
      t.org.id,
      JSON.stringify({ text: `rappeler ${EMAIL}` }),
    ]);
    await t.db
      .query(`INSERT INTO notify_opt_outs (org_id, recipient) VALUES ($1, $2)`, [t.org.id, PHONE])
      .catch(() => {});

    const exported = await t.api(`/customers/export?phone=${encodeURIComponent(TYPED)}`);
    expect(exported.status).toBe(200);
    const data = await readJson(exported);
    expect(data.orders).toHaveLength(2);
    expect(data.orders.every((o: { phone: string }) => o.phone === PHONE)).toBe(true);
    expect(data.notifications).toHaveLength(1);
    expect(data.ratings).toEqual([expect.objectContaining({ rating: 5 })]);
    expect(data.proofs).toEqual([
      expect.objectContaining({ kind: 'photo', contentType: 'image/jpeg', dataBase64: '/9j/' }),
    ]);
    expect(data.stopEvents[0]).toMatchObject({ type: 'delivered', recipientName: 'Mme Client' });
    // By email too.
    expect((await readJson(await t.api(`/customers/export?email=${EMAIL.toUpperCase()}`))).orders).toHaveLength(1);
    // Non-admins cannot.
    expect((await t.api(`/customers/export?phone=${PHONE}`, { as: 'dispatcher' })).status).toBe(403);
    expect((await t.api('/customers/export')).status).toBe(400);

    const traces = async () => {
      const { rows: columns } = await t.db.query<{ table_name: string; column_name: string }>(
        `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
         WHERE c.table_schema = current_schema() AND c.data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY')`,
      );
      expect(columns.length).toBeGreaterThan(100);
      const found: string[] = [];
      for (const c of columns) {
        const { rows } = await t.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM "${c.table_name}" WHERE "${c.column_name}"::text LIKE ANY($1::text[])`,
          [['%655501234%', '%06 55 50 12 34%', '%0655501234%', `%${EMAIL}%`]],
        );
        if (rows[0]!.n > 0) found.push(`${c.table_name}.${c.column_name}`);
      }
      return found;
    };
    // Before: the number is in many places (so the search below can find it).
    expect(await traces()).toEqual(
      expect.arrayContaining([
        'orders.phone',
        'orders.email',
        'notifications.recipient',
        'ratings.comment',
        'import_rejections.cells',
        'webhook_events.data',
        'events.details',
      ]),
    );

    const erased = await t.api('/customers/erase', {
      method: 'POST',
      body: JSON.stringify({ phone: TYPED, email: EMAIL }),
    });
    expect(erased.status).toBe(200);
    expect(await readJson(erased)).toMatchObject({
      orders: 2,
      proofs: 1,
      ratings: 1,
      trackingLinks: 1,
      notifications: 1,
    });

    // Every text and JSON column of every table: no form of the number, nor the email.
    expect(await traces()).toEqual([]);
    // The export now finds nothing; the erasure is audited without the number.
    expect((await readJson(await t.api(`/customers/export?phone=${PHONE}`))).orders).toHaveLength(0);
    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM events WHERE org_id = $1 AND action IN ('customer.export', 'customer.erase')`,
      [t.org.id],
    );
    expect(audit.rows.map((r) => r.action).sort()).toEqual([
      'customer.erase',
      'customer.export',
      'customer.export',
      'customer.export',
    ]);
  });
});
