import { randomUUID } from 'node:crypto';
import { addDays, todayIn } from '@tournee/shared';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../audit/audit.ts';
import { type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';
import { seedDriverDay } from '../../test/support/seeded-driver-day.ts';
import { rescheduleOrders } from './reschedule.ts';
import { driverSocket as openDriverSocket, stopEvent } from '../../test/driver-day.ts';

/** Dispatchers give failed, skipped, held or imported orders new days; the others are refused, saying why. */
describe('rescheduling orders', () => {
  let t: PlanningTestApp;
  const today = todayIn('Europe/Paris');
  const sockets: Socket[] = [];
  const ids: Record<'delivered' | 'failed' | 'skipped' | 'held' | 'imported' | 'dispatched', string> = {
    delivered: '',
    failed: '',
    skipped: '',
    held: '',
    imported: '',
    dispatched: '',
  };

  const driverSocket = async (driverId: string) => (await openDriverSocket(t, driverId, sockets)).socket;
  const event = stopEvent;
  const statusOf = async (id: string) =>
    (await t.db.query<{ status: string }>('SELECT status FROM orders WHERE id = $1', [id])).rows[0]!.status;

  beforeAll(async () => {
    t = await startPlanningApp();
    // Redelivery is off (the default): failed and skipped orders wait for a dispatcher.
    const day = await seedDriverDay(t.db, t.org.id, { name: 'Lou', stops: 4 });
    const s = await driverSocket(day.driverId);
    const [d, f, k, h] = day.orderIds as [string, string, string, string];
    expect((await event(s, day.stopIds[0]!, 'delivered')).ok).toBe(true);
    expect((await event(s, day.stopIds[1]!, 'failed', { reason: 'absent' })).ok).toBe(true);
    expect((await event(s, day.stopIds[2]!, 'skipped')).ok).toBe(true);
    expect((await event(s, day.stopIds[3]!, 'failed', { reason: 'damaged' })).ok).toBe(true);
    expect((await t.call('POST', `/orders/${h}/hold`, { reason: 'customer away' })).status).toBe(200);
    const other = await seedDriverDay(t.db, t.org.id, { name: 'Sam', stops: 1, date: addDays(today, 1) });
    await t.importOrders([
      {
        ref: 'RS-NEW',
        name: 'New',
        address: '3 place Bellecour, Lyon',
        lat: '45.7570',
        lon: '4.8330',
        date_from: today,
        date_to: today,
        service_min: '5',
        demand_kg: '1',
        demand_m3: '0.1',
        demand_parcels: '1',
      },
    ]);
    const imported = (await t.db.query<{ id: string }>(`SELECT id FROM orders WHERE ref = 'RS-NEW'`)).rows[0]!.id;
    Object.assign(ids, { delivered: d, failed: f, skipped: k, held: h, imported, dispatched: other.orderIds[0]! });
    expect(await statusOf(h)).toBe('on_hold');
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  const days = { dateFrom: addDays(today, 3), dateTo: addDays(today, 4) };

  it('refuses a delivered or dispatched order with the reason, and changes nothing', async () => {
    const delivered = await t.call('POST', `/orders/${ids.delivered}/reschedule`, days);
    expect(delivered.status).toBe(409);
    expect(delivered.body.error.message).toMatch(/delivered; only a stop event can correct that/);
    const dispatched = await t.call('POST', `/orders/${ids.dispatched}/reschedule`, days);
    expect(dispatched.status).toBe(409);
    expect(dispatched.body.error.message).toMatch(/the order is dispatched: it is on a route/);
    expect(await statusOf(ids.delivered)).toBe('delivered');
    expect(await statusOf(ids.dispatched)).toBe('dispatched');
    expect((await t.call('POST', `/orders/not-an-id/reschedule`, days)).status).toBe(400);
  });

  it('refuses days outside the planning horizon, naming the field', async () => {
    const past = await t.call('POST', `/orders/${ids.failed}/reschedule`, {
      dateFrom: addDays(today, -1),
      dateTo: today,
    });
    expect(past.status).toBe(422);
    expect(past.body.error.message).toMatch(/^dateFrom: .* is in the past/);
    const far = await t.call('POST', `/orders/${ids.failed}/reschedule`, {
      dateFrom: today,
      dateTo: addDays(today, 60),
    });
    expect(far.status).toBe(422);
    expect(far.body.error.message).toMatch(/^dateTo: .* beyond the planning horizon/);
    const reversed = await t.call('POST', `/orders/${ids.failed}/reschedule`, {
      dateFrom: addDays(today, 2),
      dateTo: today,
    });
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.message).toMatch(/dateTo: must not be before dateFrom/);
    expect(await statusOf(ids.failed)).toBe('failed');
  });

  it('puts a failed order back to imported with new days, windows and notes, audited', async () => {
    const res = await t.call('POST', `/orders/${ids.failed}/reschedule`, {
      ...days,
      timeWindows: [{ start: '14:00', end: '18:00' }],
      notes: 'Call before',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: ids.failed,
      status: 'imported',
      ...days,
      timeWindows: [{ start: '14:00', end: '18:00' }],
      notes: 'Call before',
    });
    expect(res.body.attempts).toMatchObject([{ n: 1, outcome: 'failed', reason: 'absent' }]);
    const audit = await t.db.query<{ action: string; details: Record<string, unknown> }>(
      `SELECT action, details FROM events WHERE entity_id = $1 AND action IN ('order.status', 'order.reschedule')
        ORDER BY id DESC LIMIT 2`,
      [ids.failed],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['order.reschedule', 'order.status']);
    expect(audit.rows[0]!.details).toMatchObject({
      cause: 'reschedule',
      before: { status: 'failed', dateFrom: today, dateTo: today },
      after: { status: 'imported', ...days },
    });
    expect(audit.rows[1]!.details).toMatchObject({ from: 'failed', to: 'imported', cause: 'reschedule' });
  });

  it('answers the bulk form per id: skipped, held and imported done; delivered and unknown refused', async () => {
    const unknown = randomUUID();
    const res = await t.call('POST', '/orders/reschedule', {
      ids: [ids.skipped, ids.delivered, ids.held, unknown, ids.imported],
      ...days,
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { id: ids.skipped, ok: true, status: 'imported', ...days },
      { id: ids.delivered, ok: false, code: 'conflict', reason: expect.stringMatching(/delivered/) },
      { id: ids.held, ok: true, status: 'imported', ...days },
      { id: unknown, ok: false, code: 'not_found', reason: 'no such order' },
      { id: ids.imported, ok: true, status: 'imported', ...days },
    ]);
    const held = (await t.call('GET', `/orders/${ids.held}`)).body;
    expect(held).toMatchObject({ status: 'imported', holdReason: null, ...days });
    const bad = await t.call('POST', '/orders/reschedule', { ids: ['x'], ...days });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/ids\[0\]: must be order ids/);
  });

  it('can require a day with a shift that serves the order (the customer page does)', async () => {
    const actor = systemActor(t.org.id);
    // The seeded vans have shifts on no day: no day can serve the order.
    const out = await t.db.transaction((tx) =>
      rescheduleOrders(tx, actor, { orderIds: [ids.imported], ...days }, 'reschedule', { requireWorkingDay: true }),
    );
    expect(out.results).toEqual([
      {
        id: ids.imported,
        ok: false,
        code: 'unprocessable',
        reason: `no shift can deliver this order between ${days.dateFrom} and ${days.dateTo}`,
      },
    ]);
  });
});
