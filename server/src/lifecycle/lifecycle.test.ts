import { addDays, localToUtc, todayIn } from '@tournee/shared';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLink, resolveLink } from '../links/links.ts';
import { type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';
import { seedDriverDay } from '../../test/support/seeded-driver-day.ts';
import { driverSocket, stopEvent, vanWithShifts } from '../../test/driver-day.ts';

describe('the order lifecycle on a real day', () => {
  let t: PlanningTestApp;
  const today = todayIn('Europe/Paris');
  const sockets: Socket[] = [];

  const driverSocketOf = async (driverId: string) => (await driverSocket(t, driverId, sockets)).socket;
  const event = stopEvent;
  const statusOf = async (ids: string[]) =>
    (
      await t.db.query<{ id: string; status: string }>('SELECT id, status FROM orders WHERE id = ANY($1)', [ids])
    ).rows.reduce<Record<string, string>>((a, r) => Object.assign(a, { [r.id]: r.status }), {});
  const routeStatus = async (id: string) =>
    (await t.db.query<{ status: string }>('SELECT status FROM routes WHERE id = $1', [id])).rows[0]!.status;

  beforeAll(async () => {
    t = await startPlanningApp();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  it('takes orders from plan to publish to a started route to delivered, each step audited', async () => {
    const lea = { id: (await vanWithShifts(t, [today])).driverId };
    const row = (ref: string, lat: string) => ({
      ref,
      name: ref,
      address: '1 place Bellecour, Lyon',
      lat,
      lon: '4.8320',
      date_from: today,
      date_to: today,
      service_min: '5',
      demand_kg: '10',
      demand_m3: '0.1',
      demand_parcels: '1',
    });
    await t.importOrders([row('LC-A', '45.7578'), row('LC-B', '45.7600'), row('LC-C', '45.7620')]);
    const ids = (
      await t.db.query<{ ref: string; id: string }>('SELECT ref, id FROM orders WHERE org_id = $1 AND ref LIKE $2', [
        t.org.id,
        'LC-%',
      ])
    ).rows.reduce<Record<string, string>>((a, r) => Object.assign(a, { [r.ref]: r.id }), {});
    const [a, b, c] = [ids['LC-A']!, ids['LC-B']!, ids['LC-C']!];

    const plan = await t.call('POST', '/plans', { from: today, to: today, timeLimitS: 0.5 });
    expect((await t.waitForPlan(plan.body.planId)).status).toBe('done');
    expect(await statusOf([a, b, c])).toEqual({ [a]: 'planned', [b]: 'planned', [c]: 'planned' });

    // Cancelling a planned order takes its stop off the draft route and expires its links.
    const link = await createLink(t.db, t.org.id, c);
    const cancelled = await t.call('DELETE', `/orders/${c}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await t.db.query('SELECT 1 FROM stops WHERE order_id = $1', [c])).rows).toHaveLength(0);
    expect(await resolveLink(t.db, link)).toBeNull();

    const published = await t.call('POST', '/dispatch/publish', { date: today });
    expect(published.body.orders).toBe(2);
    expect(await statusOf([a, b])).toEqual({ [a]: 'dispatched', [b]: 'dispatched' });
    const refused = await t.call('DELETE', `/orders/${a}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/dispatched: take its stop off the route before cancelling it/);

    const route = (await t.call('GET', `/routes?date=${today}`)).body.routes[0];
    const stopOf = (orderId: string) => route.stops.find((s: { orderId: string }) => s.orderId === orderId).id;
    const s = await driverSocketOf(lea.id);
    expect((await event(s, stopOf(a), 'started')).ok).toBe(true);
    expect(await routeStatus(route.id)).toBe('in_progress');
    expect(await statusOf([a, b])).toEqual({ [a]: 'in_progress', [b]: 'in_progress' });

    expect((await event(s, stopOf(a), 'delivered')).ok).toBe(true);
    expect((await event(s, stopOf(b), 'skipped')).ok).toBe(true);
    expect(await statusOf([a, b])).toEqual({ [a]: 'delivered', [b]: 'skipped' });
    expect(await routeStatus(route.id)).toBe('done');

    const trail = await t.db.query<{ from: string; to: string; cause: string }>(
      `SELECT details->>'from' AS from, details->>'to' AS to, details->>'cause' AS cause FROM events
        WHERE entity = 'order' AND entity_id = $1 AND action = 'order.status' ORDER BY id`,
      [a],
    );
    expect(trail.rows).toEqual([
      { from: 'imported', to: 'planned', cause: 'plan' },
      { from: 'planned', to: 'dispatched', cause: 'publish' },
      { from: 'dispatched', to: 'in_progress', cause: 'route_start' },
      { from: 'in_progress', to: 'delivered', cause: 'stop_event' },
    ]);
    const cancelTrail = await t.db.query<{ to: string; cause: string }>(
      `SELECT details->>'to' AS to, details->>'cause' AS cause FROM events
        WHERE entity = 'order' AND entity_id = $1 AND action = 'order.status' ORDER BY id`,
      [c],
    );
    expect(cancelTrail.rows).toEqual([
      { to: 'planned', cause: 'plan' },
      { to: 'imported', cause: 'edit' },
      { to: 'cancelled', cause: 'cancel' },
    ]);
  });

  it("refuses to start tomorrow's route today, until a dispatcher allows it (audited)", async () => {
    const tomorrow = addDays(today, 1);
    const day = await seedDriverDay(t.db, t.org.id, { name: 'Marc', date: tomorrow, stops: 2 });
    const s = await driverSocketOf(day.driverId);
    const refused = await event(s, day.stopIds[0]!, 'started');
    expect(refused.ok).toBe(false);
    expect(refused.error.code).toBe('conflict');
    expect(refused.error.message).toContain(`This route is for ${tomorrow} and today is ${today} (Europe/Paris)`);
    // Any first event would have started it: refused the same way, and nothing is stored.
    expect((await event(s, day.stopIds[0]!, 'arrived')).ok).toBe(false);
    expect(await routeStatus(day.routeId)).toBe('published');
    expect(Object.values(await statusOf(day.orderIds))).toEqual(['dispatched', 'dispatched']);
    expect((await t.db.query('SELECT 1 FROM stop_events WHERE route_id = $1', [day.routeId])).rows).toHaveLength(0);

    const path = `/routes/${day.routeId}/start-override`;
    expect((await t.call('POST', path, { allowed: true }, 'driver')).status).toBe(403);
    const allowed = await t.call('POST', path, { allowed: true });
    expect(allowed.status).toBe(200);
    expect(allowed.body).toEqual({ routeId: day.routeId, allowed: true, localDate: tomorrow });

    expect((await event(s, day.stopIds[0]!, 'started')).ok).toBe(true);
    expect(await routeStatus(day.routeId)).toBe('in_progress');
    expect(Object.values(await statusOf(day.orderIds))).toEqual(['in_progress', 'in_progress']);
    const audit = await t.db.query<{ action: string; user_id: string | null; details: Record<string, unknown> }>(
      `SELECT action, user_id, details FROM events WHERE entity = 'route' AND entity_id = $1 ORDER BY id`,
      [day.routeId],
    );
    expect(audit.rows).toEqual([
      { action: 'route.start_override', user_id: t.org.users.dispatcher.id, details: { localDate: tomorrow } },
      {
        action: 'route.start',
        user_id: null,
        details: { localDate: tomorrow, today, otherDay: true, orders: 2 },
      },
    ]);
  });

  it("accepts yesterday's start sent late from the phone's queue, not a start made today", async () => {
    const yesterday = addDays(today, -1);
    const queued = await seedDriverDay(t.db, t.org.id, { name: 'Nina', date: yesterday, stops: 1 });
    const late = await seedDriverDay(t.db, t.org.id, { name: 'Omar', date: yesterday, stops: 1 });
    const evening = localToUtc(yesterday, '18:00', 'Europe/Paris').toISOString();
    const nina = await driverSocketOf(queued.driverId);
    expect((await event(nina, queued.stopIds[0]!, 'started', { deviceAt: evening })).ok).toBe(true);
    expect(await routeStatus(queued.routeId)).toBe('in_progress');
    const omar = await driverSocketOf(late.driverId);
    const refused = await event(omar, late.stopIds[0]!, 'started');
    expect(refused.error?.message).toContain(`This route is for ${yesterday} and today is ${today}`);
    expect(await routeStatus(late.routeId)).toBe('published');
  });
});
