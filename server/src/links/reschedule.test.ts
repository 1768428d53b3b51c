import { addDays, todayIn } from '@tournee/shared';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';
import { driverSocket as openDriverSocket, stopEvent, vanWithShifts } from '../../test/driver-day.ts';
import { createLink } from './links.ts';
import { RESCHEDULE_PER_TOKEN } from './reschedule-routes.ts';

describe('the customer picks another day from the tracking page', () => {
  let t: PlanningTestApp;
  const today = todayIn('Europe/Paris');
  const day = (n: number) => addDays(today, n);
  let driverId: string;
  const sockets: Socket[] = [];

  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
  const track = async (token: string, method = 'GET', body?: unknown): Promise<{ status: number; body: any }> => {
    const res = await fetch(`${t.baseUrl}/api/track/${token}${method === 'POST' ? '/reschedule' : ''}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: await res.json() };
  };
  const order = async (id: string) =>
    (
      await t.db.query<{ status: string; date_from: string; date_to: string; time_windows: unknown }>(
        `SELECT status, to_char(date_from, 'YYYY-MM-DD') AS date_from, to_char(date_to, 'YYYY-MM-DD') AS date_to,
                time_windows FROM orders WHERE id = $1`,
        [id],
      )
    ).rows[0]!;
  const count = async (sql: string, params: unknown[]) =>
    (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n;
  const idOf = async (ref: string) =>
    (await t.db.query<{ id: string }>('SELECT id FROM orders WHERE org_id = $1 AND ref = $2', [t.org.id, ref])).rows[0]!
      .id;
  const importFor = (ref: string, date: string) =>
    t.importOrders([
      {
        ref,
        name: `Client ${ref}`,
        phone: '06 12 34 56 78',
        address: '1 place Bellecour, Lyon',
        lat: '45.7578',
        lon: '4.8320',
        date_from: date,
        date_to: date,
        service_min: '5',
        demand_kg: '10',
        demand_m3: '0.1',
        demand_parcels: '1',
      },
    ]);
  const planAndPublish = async (date: string) => {
    const plan = await t.call('POST', '/plans', { from: date, to: date, timeLimitS: 0.5 });
    const done = await t.waitForPlan(plan.body.planId);
    expect(done.status, JSON.stringify(done.error ?? done.problems ?? null)).toBe('done');
    expect((await t.call('POST', '/dispatch/publish', { date })).status).toBe(200);
  };
  const driverSocket = async () => (await openDriverSocket(t, driverId, sockets)).socket;
  beforeAll(async () => {
    t = await startPlanningApp();
    // Shifts today, on days 1, 2, 3 and 7, and one past the 35-day horizon; none on days 4–6.
    driverId = (await vanWithShifts(t, [0, 1, 2, 3, 7, 40].map(day))).driverId;
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  it('after a failed visit: offered days only, one change and one confirmation, the same answer to a replay', async () => {
    await importFor('RS-FAIL', today);
    const orderId = await idOf('RS-FAIL');
    await planAndPublish(today);
    const stopId = (await t.db.query<{ id: string }>('SELECT id FROM stops WHERE order_id = $1', [orderId])).rows[0]!
      .id;
    const s = await driverSocket();
    expect((await stopEvent(s, stopId, 'started')).ok).toBe(true);
    expect((await stopEvent(s, stopId, 'failed', { reason: 'absent' })).ok).toBe(true);
    expect((await order(orderId)).status).toBe('failed');
    const token = await createLink(t.db, t.org.id, orderId);

    const view = await track(token);
    expect(view.status).toBe(200);
    expect(view.body.status).toBe('failed');
    expect(view.body.reschedule.allowed).toBe(true);
    expect(view.body.reschedule.beforeStart).toBe(false);
    expect(view.body.reschedule.days.map((d: { date: string }) => d.date)).toEqual([day(1), day(2), day(3), day(7)]);
    expect(view.body.reschedule.days[1].windows).toEqual([
      { start: '00:00', end: '12:00' },
      { start: '12:00', end: '23:30' },
    ]);

    // Past the horizon, and a day without a shift: 422 naming the date; nothing changes.
    for (const date of [day(40), day(5)]) {
      const refused = await track(token, 'POST', { date });
      expect(refused.status).toBe(422);
      expect(refused.body.error.message).toMatch(/^date: no delivery is possible on/);
      expect(refused.body.error.details[0].field).toBe('date');
    }
    const badWindow = await track(token, 'POST', { date: day(2), window: { start: '07:00', end: '09:00' } });
    expect(badWindow.status).toBe(422);
    expect(badWindow.body.error.details[0].field).toBe('window');
    expect((await order(orderId)).status).toBe('failed');

    const body = { date: day(2), window: { start: '12:00', end: '23:30' } };
    const done = await track(token, 'POST', body);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject(body);
    expect(await order(orderId)).toEqual({
      status: 'imported',
      date_from: day(2),
      date_to: day(2),
      time_windows: [body.window],
    });
    const replay = await track(token, 'POST', body);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(done.body);

    // Audited once as the customer's, through the lifecycle's reschedule; one confirmation.
    const trail = await t.db.query<{ action: string; user_id: string | null; details: Record<string, unknown> }>(
      `SELECT action, user_id, details FROM events WHERE entity = 'order' AND entity_id = $1
          AND action IN ('order.customer_reschedule', 'order.reschedule') ORDER BY id`,
      [orderId],
    );
    expect(trail.rows.map((r) => r.action)).toEqual(['order.reschedule', 'order.customer_reschedule']);
    expect(trail.rows[1]).toMatchObject({
      user_id: null,
      details: { by: 'customer', via: 'tracking_link', date: day(2), window: body.window },
    });
    expect(trail.rows[0]!.details).toMatchObject({ by: 'customer', cause: 'reschedule' });
    const messages = await t.db.query<{ channel: string; recipient: string; body: string }>(
      `SELECT channel, recipient, body FROM notifications WHERE order_id = $1 AND trigger = 'rescheduled'`,
      [orderId],
    );
    expect(messages.rows).toHaveLength(1);
    expect(messages.rows[0]).toMatchObject({ channel: 'sms', recipient: '+33612345678' });
    expect(messages.rows[0]!.body).toMatch(/reprogrammée au .* entre 12:00 et 23:30/);

    // The page now says the delivery waits for the chosen day.
    const after = await track(token);
    expect(after.body.status).toBe('rescheduled');
    expect(after.body.reschedule.next).toEqual({ dateFrom: day(2), dateTo: day(2), windows: [body.window] });
  });

  it('before the route starts: refused with a reason unless the organisation allows it', async () => {
    await importFor('RS-EARLY', day(1));
    const orderId = await idOf('RS-EARLY');
    await planAndPublish(day(1));
    expect((await order(orderId)).status).toBe('dispatched');
    const token = await createLink(t.db, t.org.id, orderId);

    const view = await track(token);
    expect(view.body.reschedule).toMatchObject({ allowed: false, beforeStart: false, days: [] });
    const refused = await track(token, 'POST', { date: day(3) });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/changing its day before then is not offered/);

    const setting = await t.call('PATCH', '/organisation', { customerReschedule: { beforeStart: true } }, 'admin');
    expect(setting.status).toBe(200);
    expect(setting.body.customerReschedule).toEqual({ beforeStart: true });
    const offered = await track(token);
    expect(offered.body.reschedule.allowed).toBe(true);
    // The day it is already planned on is not offered again.
    expect(offered.body.reschedule.days.map((d: { date: string }) => d.date)).toEqual([day(2), day(3), day(7)]);

    const done = await track(token, 'POST', { date: day(3) });
    expect(done.status).toBe(200);
    expect(await order(orderId)).toMatchObject({ status: 'imported', date_from: day(3), date_to: day(3) });
    // Its stop came off tomorrow's route (the driver's list no longer has it).
    expect(await count('stops WHERE order_id = $1', [orderId])).toBe(0);

    // A double tap: two identical requests at once make one change and one message.
    const [a, b] = await Promise.all([track(token, 'POST', { date: day(7) }), track(token, 'POST', { date: day(7) })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body).toEqual(b.body);
    expect(await count(`events WHERE entity_id = $1 AND action = 'order.customer_reschedule'`, [orderId])).toBe(2);
    expect(await count(`notifications WHERE order_id = $1 AND trigger = 'rescheduled'`, [orderId])).toBe(2);
    expect(await order(orderId)).toMatchObject({ status: 'imported', date_from: day(7) });
  });

  it(`answers 429 after ${RESCHEDULE_PER_TOKEN} requests a minute on one link`, async () => {
    const orderId = await idOf('RS-FAIL');
    const token = await createLink(t.db, t.org.id, orderId);
    for (let i = 0; i < RESCHEDULE_PER_TOKEN; i++) {
      expect((await track(token, 'POST', { date: day(5) })).status).toBe(422);
    }
    const limited = await track(token, 'POST', { date: day(3) });
    expect(limited.status).toBe(429);
    expect(limited.body.error.message).toMatch(/too many requests from this link/);
    // The order is where the customer first put it.
    expect((await order(orderId)).date_from).toBe(day(2));
  });
});
