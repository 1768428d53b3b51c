import { addDays, todayIn } from '@tournee/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { oneVanDay, type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';
import { seedDriverDay } from '../../test/support/seeded-driver-day.ts';
import { releaseDueHolds } from './hold-release-job.ts';

describe('holding orders', () => {
  let t: PlanningTestApp;
  const today = todayIn('Europe/Paris');

  const row = (ref: string, date: string, lat: string) => ({
    ref,
    name: ref,
    address: '1 place Bellecour, Lyon',
    lat,
    lon: '4.8320',
    date_from: date,
    date_to: date,
    service_min: '5',
    demand_kg: '10',
  });
  /** Imports orders `prefix-1…n` for `date`; answers their ids in that order. */
  const importDay = async (prefix: string, date: string, n: number): Promise<string[]> => {
    await t.importOrders(
      Array.from({ length: n }, (_, i) => row(`${prefix}-${i + 1}`, date, String(45.75 + i * 0.003))),
    );
    const { rows } = await t.db.query<{ id: string }>(
      'SELECT id FROM orders WHERE org_id = $1 AND ref LIKE $2 ORDER BY ref',
      [t.org.id, `${prefix}-%`],
    );
    return rows.map((r) => r.id);
  };
  const plan = async (date: string, orderIds?: string[]) => {
    const p = await t.call('POST', '/plans', { from: date, to: date, timeLimitS: 0.5, orderIds });
    expect(p.status).toBe(202);
    const done = await t.waitForPlan(p.body.planId);
    expect(done.status).toBe('done');
    return { ...done, unassigned: (await t.call('GET', `/plans/${p.body.planId}/unassigned`)).body.items };
  };
  const statusOf = async (id: string) =>
    (await t.db.query<{ status: string }>('SELECT status FROM orders WHERE id = $1', [id])).rows[0]!.status;
  const onAnyRoute = async (id: string) =>
    (await t.db.query('SELECT 1 FROM stops WHERE order_id = $1', [id])).rows.length > 0;
  const trail = async (id: string) =>
    (
      await t.db.query<{ from: string; to: string; cause: string }>(
        `SELECT details->>'from' AS from, details->>'to' AS to, details->>'cause' AS cause FROM events
          WHERE entity = 'order' AND entity_id = $1 AND action = 'order.status' ORDER BY id`,
        [id],
      )
    ).rows;

  beforeAll(async () => {
    t = await startPlanningApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps a held order out of every plan, and names it unassigned (on_hold) when it is asked for', async () => {
    const day = addDays(today, 1);
    await oneVanDay(t, day);
    const [a, b, c] = await importDay('HOLD-P', day, 3);
    const held = await t.call('POST', `/orders/${b}/hold`, { reason: 'customer away' });
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ id: b, status: 'on_hold', holdReason: 'customer away', holdUntil: null });

    const named = await plan(day, [a!, b!]);
    expect(named.summary.assigned).toBe(1);
    expect(named.unassigned).toEqual([
      expect.objectContaining({
        orderId: b,
        ref: 'HOLD-P-2',
        reason: 'on_hold',
        message: expect.stringMatching(/hold/),
      }),
    ]);
    const all = await plan(day);
    expect(all.summary.assigned).toBe(2);
    expect(await onAnyRoute(b!)).toBe(false);
    expect([await statusOf(a!), await statusOf(b!), await statusOf(c!)]).toEqual(['planned', 'on_hold', 'planned']);
  });

  it('takes a held order off its published route: the route is re-timed, renumbered and announced', async () => {
    const day = addDays(today, 2);
    await oneVanDay(t, day);
    const [a, b, c] = await importDay('HOLD-R', day, 3);
    await plan(day);
    expect((await t.call('POST', '/dispatch/publish', { date: day })).status).toBe(200);
    const before = (await t.call('GET', `/routes?date=${day}`)).body.routes[0];
    expect(before.stops.filter((s: { orderId: string | null }) => s.orderId)).toHaveLength(3);
    const announced = vi.spyOn(t.app.bus, 'publish');

    const held = await t.call('POST', `/orders/${b}/hold`, { reason: 'gate closed for works' });
    expect(held.status).toBe(200);
    expect(held.body.status).toBe('on_hold');
    expect(await onAnyRoute(b!)).toBe(false);
    const after = (await t.call('GET', `/routes?date=${day}`)).body.routes[0];
    expect(after.id).toBe(before.id);
    expect(after.version).toBeGreaterThan(before.version);
    const orders = after.stops.map((s: { orderId: string | null }) => s.orderId).filter(Boolean);
    expect(orders.sort()).toEqual([a, c].sort());
    expect(after.stops.map((s: { seq: number }) => s.seq)).toEqual(after.stops.map((_: unknown, i: number) => i + 1));
    expect(announced).toHaveBeenCalledWith(
      'routeChanged',
      expect.objectContaining({ orgId: t.org.id, routeId: before.id, reason: 'edit' }),
    );
    announced.mockRestore();
    expect([await statusOf(a!), await statusOf(c!)]).toEqual(['dispatched', 'dispatched']);
    expect(await trail(b!)).toEqual([
      { from: 'imported', to: 'planned', cause: 'plan' },
      { from: 'planned', to: 'dispatched', cause: 'publish' },
      { from: 'dispatched', to: 'on_hold', cause: 'hold' },
    ]);
    const hold = await t.db.query<{ user_id: string; details: Record<string, unknown> }>(
      `SELECT user_id, details FROM events WHERE entity_id = $1 AND action = 'order.hold'`,
      [b],
    );
    expect(hold.rows).toEqual([
      { user_id: t.org.users.dispatcher.id, details: { reason: 'gate closed for works', until: null } },
    ]);
  });

  it('releases a hold at its end by itself, as the system; a hold without an end stays', async () => {
    const day = addDays(today, 3);
    const [x, y] = await importDay('HOLD-U', day, 2);
    const until = new Date(Date.now() + 3600_000).toISOString();
    const held = await t.call('POST', `/orders/${x}/hold`, { reason: 'back next week', until });
    expect(held.body.holdUntil).toBe(until);
    await t.call('POST', `/orders/${y}/hold`, { reason: 'until the customer calls' });

    expect(await releaseDueHolds(t.db)).not.toContain(x);
    expect(await statusOf(x!)).toBe('on_hold');
    const released = await releaseDueHolds(t.db, new Date(Date.now() + 2 * 3600_000));
    expect(released).toContain(x);
    expect(released).not.toContain(y);
    const order = (await t.call('GET', `/orders/${x}`)).body;
    expect(order.status).toBe('imported');
    expect(await statusOf(y!)).toBe('on_hold');
    const events = await t.db.query<{ action: string; user_id: string | null; details: Record<string, unknown> }>(
      `SELECT action, user_id, details FROM events WHERE entity_id = $1 AND action IN ('order.status', 'order.release')
         AND details->>'cause' IS DISTINCT FROM 'hold' ORDER BY id`,
      [x],
    );
    expect(events.rows).toEqual([
      {
        action: 'order.status',
        user_id: null,
        details: { from: 'on_hold', to: 'imported', cause: 'release', automatic: true },
      },
      { action: 'order.release', user_id: null, details: { automatic: true } },
    ]);
    expect((await t.db.query('SELECT hold_reason, hold_until FROM orders WHERE id = $1', [x])).rows[0]).toEqual({
      hold_reason: null,
      hold_until: null,
    });
  });

  it('releases a held order by hand, plannable again; releasing an order that is not held is a 409', async () => {
    const day = addDays(today, 4);
    await oneVanDay(t, day);
    const [a] = await importDay('HOLD-H', day, 1);
    await t.call('POST', `/orders/${a}/hold`, { reason: 'address to check' });
    const released = await t.call('POST', `/orders/${a}/release`);
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ status: 'imported', holdReason: null, holdUntil: null });
    expect((await plan(day)).summary.assigned).toBe(1);
    expect(await statusOf(a!)).toBe('planned');
    const again = await t.call('POST', `/orders/${a}/release`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/the order is planned, not on hold/);
  });

  it('holds an order of a route on the road whose stop is not visited yet: the stop leaves the driver’s list', async () => {
    const seeded = await seedDriverDay(t.db, t.org.id, { name: 'Road', date: addDays(today, 6), stops: 3 });
    await t.db.query(`UPDATE routes SET status = 'in_progress' WHERE id = $1`, [seeded.routeId]);
    await t.db.query(`UPDATE orders SET status = 'in_progress' WHERE id = ANY($1)`, [seeded.orderIds]);
    await t.db.query(`UPDATE stops SET status = 'delivered' WHERE id = $1`, [seeded.stopIds[0]]);
    await t.db.query(`UPDATE orders SET status = 'delivered' WHERE id = $1`, [seeded.orderIds[0]]);
    const held = await t.call('POST', `/orders/${seeded.orderIds[2]}/hold`, { reason: 'customer called: not home' });
    expect(held.status).toBe(200);
    expect(held.body.status).toBe('on_hold');
    const stops = await t.db.query<{ order_id: string; seq: number }>(
      'SELECT order_id, seq FROM stops WHERE route_id = $1 ORDER BY seq',
      [seeded.routeId],
    );
    expect(stops.rows.map((s) => s.order_id)).toEqual(seeded.orderIds.slice(0, 2));
    expect(await statusOf(seeded.orderIds[1]!)).toBe('in_progress');
  });

  it('refuses a hold without a reason, with an end in the past, of a delivered order or one whose driver is at the door', async () => {
    const seeded = await seedDriverDay(t.db, t.org.id, { name: 'Hold', date: addDays(today, 5), stops: 3 });
    const [atDoor, delivered] = seeded.orderIds;
    const noReason = await t.call('POST', `/orders/${atDoor}/hold`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/reason/);
    const past = await t.call('POST', `/orders/${atDoor}/hold`, { reason: 'x', until: '2020-01-01T08:00:00Z' });
    expect(past.status).toBe(400);
    expect(past.body.error.message).toMatch(/until: must be in the future/);
    expect((await t.call('POST', `/orders/${atDoor}/hold`, { reason: 'x' }, 'driver')).status).toBe(403);
    expect((await t.call('POST', '/orders/00000000-0000-4000-8000-000000000000/hold', { reason: 'x' })).status).toBe(
      404,
    );

    await t.db.query(`UPDATE stops SET status = 'arrived' WHERE id = $1`, [seeded.stopIds[0]]);
    const arrived = await t.call('POST', `/orders/${atDoor}/hold`, { reason: 'x' });
    expect(arrived.status).toBe(409);
    expect(arrived.body.error.message).toMatch(/the driver is at its stop/);
    await t.db.query(`UPDATE orders SET status = 'delivered' WHERE id = $1`, [delivered]);
    await t.db.query(`UPDATE stops SET status = 'delivered' WHERE id = $1`, [seeded.stopIds[1]]);
    const done = await t.call('POST', `/orders/${delivered}/hold`, { reason: 'x' });
    expect(done.status).toBe(409);
    expect(done.body.error.message).toMatch(/delivered/);
    expect([await statusOf(atDoor!), await statusOf(delivered!)]).toEqual(['dispatched', 'delivered']);
  });
});
