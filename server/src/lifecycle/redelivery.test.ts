import { randomUUID } from 'node:crypto';
import { addDays, CreateShiftRequest, todayIn } from '@tournee/shared';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../audit/audit.ts';
import * as fleet from '../fleet/service.ts';
import { type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';
import { seedDriverDay } from '../../test/support/seeded-driver-day.ts';
import { driverSocket as openDriverSocket, stopEvent, vanWithShifts } from '../../test/driver-day.ts';
import { redeliverAfterFailure, redeliveryDay } from './redelivery.ts';

/**
 * Attempts and redelivery on a real app: a failed stop ends an attempt, the order comes back by
 * itself for the next working day, is planned and delivered then; past maxAttempts it is held.
 */
describe('attempts and automatic redelivery', () => {
  let t: PlanningTestApp;
  const today = todayIn('Europe/Paris');
  // No shift tomorrow: the next working day is the day after.
  const nextWorkingDay = addDays(today, 2);
  const sockets: Socket[] = [];
  let driverId = '';
  let lastToken = '';

  const driverSocket = async (id = driverId) => {
    const { socket, token } = await openDriverSocket(t, id, sockets);
    lastToken = token;
    return socket;
  };
  const event = stopEvent;
  const order = async (id: string) => (await t.call('GET', `/orders/${id}`)).body;

  /** Plans `day`, publishes it, lets the route start today, starts it: the stop id of each order. */
  const runDay = async (day: string, s: Socket): Promise<Map<string, string>> => {
    const plan = await t.call('POST', '/plans', { from: day, to: day, timeLimitS: 0.5 });
    const done = await t.waitForPlan(plan.body.planId);
    expect(done.status).toBe('done');
    expect((await t.call('POST', '/dispatch/publish', { date: day })).status).toBe(200);
    const route = (await t.call('GET', `/routes?date=${day}`)).body.routes[0];
    if (day !== today)
      expect((await t.call('POST', `/routes/${route.id}/start-override`, { allowed: true })).status).toBe(200);
    const stops = new Map<string, string>(
      route.stops
        .filter((x: { orderId: string | null }) => x.orderId)
        .map((x: { orderId: string; id: string }) => [x.orderId, x.id]),
    );
    expect((await event(s, [...stops.values()][0]!, 'started')).ok).toBe(true);
    return stops;
  };

  beforeAll(async () => {
    t = await startPlanningApp();
    driverId = (await vanWithShifts(t, [today, nextWorkingDay])).driverId;
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  it('refuses a redelivery setting with a reason the driver app does not send, naming the field', async () => {
    const bad = await t.call(
      'PATCH',
      '/organisation',
      { redelivery: { auto: true, maxAttempts: 2, offsetDays: 1, reasons: ['absent', 'on_holiday'] } },
      'admin',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/redelivery\.reasons\[1\]/);
    expect((await t.call('GET', '/organisation')).body.redelivery).toEqual({
      auto: false,
      maxAttempts: 2,
      offsetDays: 1,
      reasons: ['absent', 'no_access'],
    });
  });

  it('re-queues an order failed as absent for the next working day, plans and delivers it: 2 attempts, audited in order', async () => {
    const setting = { auto: true, maxAttempts: 2, offsetDays: 1, reasons: ['absent'] };
    const patched = await t.call('PATCH', '/organisation', { redelivery: setting }, 'admin');
    expect(patched.status).toBe(200);
    expect(patched.body.redelivery).toEqual(setting);

    const row = (ref: string, lat: string) => ({
      ref,
      name: ref,
      address: '1 place Bellecour, Lyon',
      lat,
      lon: '4.8320',
      date_from: today,
      date_to: today,
      tw_start: '09:00',
      tw_end: '12:00',
      service_min: '5',
      demand_kg: '10',
      demand_m3: '0.1',
      demand_parcels: '1',
    });
    await t.importOrders([row('RD-A', '45.7578'), row('RD-B', '45.7600'), row('RD-C', '45.7620')]);
    const ids = (
      await t.db.query<{ ref: string; id: string }>('SELECT ref, id FROM orders WHERE org_id = $1 AND ref LIKE $2', [
        t.org.id,
        'RD-%',
      ])
    ).rows.reduce<Record<string, string>>((a, r) => Object.assign(a, { [r.ref]: r.id }), {});
    const [a, b, c] = [ids['RD-A']!, ids['RD-B']!, ids['RD-C']!];

    const s = await driverSocket();
    const day1 = await runDay(today, s);
    expect((await event(s, day1.get(a)!, 'failed', { reason: 'absent', note: 'Nobody home' })).ok).toBe(true);
    expect((await event(s, day1.get(b)!, 'failed', { reason: 'absent' })).ok).toBe(true);
    // Not a redelivery reason: the order stays failed, for a dispatcher to decide.
    expect((await event(s, day1.get(c)!, 'failed', { reason: 'refused' })).ok).toBe(true);

    const requeued = await order(a);
    expect(requeued).toMatchObject({ status: 'imported', dateFrom: nextWorkingDay, dateTo: nextWorkingDay });
    expect(requeued.timeWindows).toEqual([{ start: '09:00', end: '12:00' }]);
    expect(requeued.attempts).toMatchObject([
      { n: 1, stopId: day1.get(a), localDate: today, outcome: 'failed', reason: 'absent', note: 'Nobody home' },
    ]);
    expect((await order(c)).status).toBe('failed');

    const day2 = await runDay(nextWorkingDay, s);
    expect([...day2.keys()].sort()).toEqual([a, b].sort());
    expect((await event(s, day2.get(a)!, 'delivered', { recipientName: 'M. A' })).ok).toBe(true);
    expect((await event(s, day2.get(b)!, 'failed', { reason: 'absent' })).ok).toBe(true);

    const delivered = await order(a);
    expect(delivered.status).toBe('delivered');
    expect(delivered.attempts).toMatchObject([
      { n: 1, localDate: today, outcome: 'failed', reason: 'absent' },
      { n: 2, stopId: day2.get(a), localDate: nextWorkingDay, outcome: 'delivered', reason: null },
    ]);

    // Past maxAttempts (2 visits): held, with its reason, instead of re-queued.
    const held = await order(b);
    expect(held).toMatchObject({ status: 'on_hold', holdReason: 'max_attempts', holdUntil: null });
    expect(held.attempts.map((x: { outcome: string }) => x.outcome)).toEqual(['failed', 'failed']);

    const trail = await t.db.query<{ action: string; from: string | null; to: string | null; cause: string | null }>(
      `SELECT action, details->>'from' AS from, details->>'to' AS to, details->>'cause' AS cause FROM events
        WHERE entity = 'order' AND entity_id = $1 AND action LIKE 'order.%' ORDER BY id`,
      [a],
    );
    expect(trail.rows).toEqual([
      { action: 'order.status', from: 'imported', to: 'planned', cause: 'plan' },
      { action: 'order.status', from: 'planned', to: 'dispatched', cause: 'publish' },
      { action: 'order.status', from: 'dispatched', to: 'in_progress', cause: 'route_start' },
      { action: 'order.status', from: 'in_progress', to: 'failed', cause: 'stop_event' },
      { action: 'order.status', from: 'failed', to: 'imported', cause: 'requeue' },
      { action: 'order.reschedule', from: null, to: null, cause: 'requeue' },
      { action: 'order.redelivery', from: null, to: null, cause: null },
      { action: 'order.status', from: 'imported', to: 'planned', cause: 'plan' },
      { action: 'order.status', from: 'planned', to: 'dispatched', cause: 'publish' },
      { action: 'order.status', from: 'dispatched', to: 'in_progress', cause: 'route_start' },
      { action: 'order.status', from: 'in_progress', to: 'delivered', cause: 'stop_event' },
    ]);
    const heldTrail = await t.db.query<{ to: string; cause: string; hold: string | null }>(
      `SELECT details->>'to' AS to, details->>'cause' AS cause, details->>'holdReason' AS hold FROM events
        WHERE entity = 'order' AND entity_id = $1 AND action = 'order.status' ORDER BY id DESC LIMIT 2`,
      [b],
    );
    expect(heldTrail.rows).toEqual([
      { to: 'on_hold', cause: 'hold', hold: 'max_attempts' },
      { to: 'failed', cause: 'stop_event', hold: null },
    ]);

    // A late correction of the first visit does not take the order past its later visit.
    expect((await event(s, day1.get(b)!, 'delivered')).ok).toBe(true);
    const late = await order(b);
    expect(late.status).toBe('on_hold');
    expect(late.attempts.map((x: { outcome: string }) => x.outcome)).toEqual(['delivered', 'failed']);
  });

  it('corrects an attempt with a later event of the same stop instead of adding one', async () => {
    const day = await seedDriverDay(t.db, t.org.id, { name: 'Marc', stops: 1 });
    const [stopId, id] = [day.stopIds[0]!, day.orderIds[0]!];
    const s = await driverSocket(day.driverId);
    const failedEvent = randomUUID();
    expect((await event(s, stopId, 'failed', { id: failedEvent, reason: 'refused' })).ok).toBe(true);
    // The photo of the refused parcel is the attempt's proof.
    const photo = await fetch(`${t.baseUrl}/api/driver/stops/${stopId}/proof`, {
      method: 'POST',
      headers: { authorization: `Bearer ${lastToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        eventId: failedEvent,
        kind: 'photo',
        contentType: 'image/jpeg',
        data: Buffer.from('\xff\xd8\xff\xe0 fake jpeg', 'latin1').toString('base64'),
      }),
    });
    expect(photo.status).toBe(201);
    const proofId = ((await photo.json()) as { id: string }).id;
    expect((await order(id)).attempts).toMatchObject([
      { n: 1, stopId, outcome: 'failed', reason: 'refused', proofIds: [proofId] },
    ]);
    expect((await event(s, stopId, 'delivered')).ok).toBe(true);
    const fixed = await order(id);
    expect(fixed.status).toBe('delivered');
    expect(fixed.attempts).toMatchObject([{ n: 1, stopId, outcome: 'delivered', reason: null }]);
  });

  it('delivers a re-queued order when the driver corrects the failed visit to delivered', async () => {
    const day = await seedDriverDay(t.db, t.org.id, { name: 'Zoé', stops: 1 });
    await fleet.createShift(
      t.db,
      systemActor(t.org.id),
      CreateShiftRequest.parse({
        vehicleId: day.vehicleId,
        localDate: addDays(today, 1),
        start: '08:00',
        end: '17:00',
      }),
    );
    const [stopId, id] = [day.stopIds[0]!, day.orderIds[0]!];
    const s = await driverSocket(day.driverId);
    expect((await event(s, stopId, 'failed', { reason: 'absent' })).ok).toBe(true);
    expect(await order(id)).toMatchObject({ status: 'imported', dateFrom: addDays(today, 1) });
    // The parcel was in fact handed over: the order is delivered, not visited again.
    expect((await event(s, stopId, 'delivered')).ok).toBe(true);
    const fixed = await order(id);
    expect(fixed.status).toBe('delivered');
    expect(fixed.attempts).toMatchObject([{ n: 1, stopId, outcome: 'delivered' }]);
  });

  it('counts working days that can serve the order, never re-queues into the past, and says when no day can', async () => {
    const actor = systemActor(t.org.id);
    const van = (
      await t.db.query<{ id: string }>(`SELECT id FROM vehicles WHERE org_id = $1 AND name = 'Van'`, [t.org.id])
    ).rows[0]!.id;
    for (const localDate of [addDays(today, 4), addDays(today, -2)]) {
      await fleet.createShift(
        t.db,
        actor,
        CreateShiftRequest.parse({ vehicleId: van, driverId, localDate, start: '08:00', end: '17:00' }),
      );
    }
    const id = (await t.db.query<{ id: string }>(`SELECT id FROM orders WHERE ref = 'RD-C'`)).rows[0]!.id;
    const dayAfter = (failed: string, offset: number) =>
      t.db.transaction((tx) => redeliveryDay(tx, t.org.id, id, failed, offset));
    // Working days: today, today + 2 and today + 4 (the van), today + 1 (Zoé's van), one in the past.
    expect(await dayAfter(today, 1)).toBe(addDays(today, 1));
    expect(await dayAfter(today, 2)).toBe(addDays(today, 2));
    expect(await dayAfter(today, 3)).toBe(addDays(today, 4));
    // An event synced days late re-queues from today, not into the past.
    expect(await dayAfter(addDays(today, -3), 1)).toBe(today);

    // An order needing a skill no vehicle has: no day, the order stays failed, and the trail says why.
    await t.db.query(`UPDATE orders SET skills = '{fridge}' WHERE id = $1`, [id]);
    expect(await dayAfter(today, 1)).toBeNull();
    const out = await t.db.transaction((tx) =>
      redeliverAfterFailure(tx, actor, {
        orderId: id,
        stopId: randomUUID(),
        localDate: today,
        reason: 'absent',
        n: 1,
        eventId: null,
      }),
    );
    expect(out).toEqual({ action: 'none', why: `no shift can deliver this order within 35 days after ${today}` });
    expect((await order(id)).status).toBe('failed');
    const why = await t.db.query<{ outcome: string }>(
      `SELECT details->>'outcome' AS outcome FROM events WHERE entity_id = $1 AND action = 'order.redelivery'`,
      [id],
    );
    expect(why.rows).toEqual([{ outcome: 'none' }]);
  });
});
