import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';
import { loadOrders } from '../planning/inputs-repo.ts';
import { seedDemo } from '../seed/demo.ts';
import { driverSocket as openDriverSocket, stopEvent } from '../../test/driver-day.ts';

/**
 * Issue 12's acceptance on the demo: a tenth of a day's stops failed as `absent` (through the
 * driver's stop events, as the phone sends them) are all in the next working day's plan input,
 * with nobody doing anything in between.
 */
describe('the demo after a day with failed deliveries', () => {
  let t: PlanningTestApp;
  const sockets: Socket[] = [];

  const driverSocket = async (driverId: string) => (await openDriverSocket(t, driverId, sockets)).socket;
  const event = stopEvent;

  beforeAll(async () => {
    t = await startPlanningApp();
    await seedDemo(t.db, t.org.id);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  it("puts 100 % of the orders failed as absent into the next working day's plan input", async () => {
    const workingDays = (
      await t.db.query<{ day: string }>(
        `SELECT DISTINCT to_char(local_date, 'YYYY-MM-DD') AS day FROM shifts
          WHERE org_id = $1 AND NOT cancelled AND local_date >= (SELECT min(date_from) FROM orders WHERE org_id = $1)
          ORDER BY day LIMIT 2`,
        [t.org.id],
      )
    ).rows.map((r) => r.day);
    const [day, next] = workingDays as [string, string];

    // Plan the demo's first day (a short solver run is enough), publish it, start every route.
    const plan = await t.call('POST', '/plans', { from: day, to: day, timeLimitS: 1 });
    expect((await t.waitForPlan(plan.body.planId)).status).toBe('done');
    expect((await t.call('POST', '/dispatch/publish', { date: day })).status).toBe(200);
    const routes = (await t.call('GET', `/routes?date=${day}`)).body.routes as {
      id: string;
      driverId: string;
      stops: { id: string; orderId: string | null }[];
    }[];
    const stops: { stopId: string; orderId: string; socket: Socket }[] = [];
    for (const r of routes.filter((x) => x.stops.some((s) => s.orderId))) {
      // The demo's first day is a later day than today: a dispatcher lets its routes start now.
      expect((await t.call('POST', `/routes/${r.id}/start-override`, { allowed: true })).status).toBe(200);
      const socket = await driverSocket(r.driverId);
      const own = r.stops.filter((s) => s.orderId);
      expect((await event(socket, own[0]!.id, 'started')).ok).toBe(true);
      for (const s of own) stops.push({ stopId: s.id, orderId: s.orderId!, socket });
    }
    expect(stops.length).toBeGreaterThanOrEqual(20);

    // Every tenth stop fails: the customer was absent.
    const failed = stops.filter((_, i) => i % 10 === 0);
    expect(failed.length).toBe(Math.ceil(stops.length / 10));
    for (const f of failed) {
      expect((await event(f.socket, f.stopId, 'failed', { reason: 'absent' })).ok).toBe(true);
    }

    // What the next working day's plan is built from.
    const input = await loadOrders(t.db, t.org.id, {
      from: next,
      to: next,
      orderIds: null,
      replaceableRouteIds: [],
      continuedRouteIds: [],
    });
    const inInput = new Set(input.map((o) => o.id));
    const missing = failed.filter((f) => !inInput.has(f.orderId)).map((f) => f.orderId);
    expect(missing).toEqual([]);
    const requeued = await t.db.query<{ status: string; date_from: string }>(
      `SELECT status, to_char(date_from, 'YYYY-MM-DD') AS date_from FROM orders WHERE id = ANY($1::uuid[])`,
      [failed.map((f) => f.orderId)],
    );
    expect(requeued.rows.every((r) => r.status === 'imported' && r.date_from === next)).toBe(true);
  });
});
