import { bandInside, stopTimes, type TimeWindow, type TrackView, utcToLocal, windowsOnDay } from '@tournee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderLink } from '../links/links.ts';
import { type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';
import { seedDemo } from '../seed/demo.ts';
import { loadOrderContexts } from './context-repo.ts';
import { fireTrigger, type TriggerDeps } from './triggers.ts';

/**
 * Issue 13 §2 on the demo: every customer is told a band inside the slot they booked (or told
 * plainly that the delivery is early or late, when the plan really is outside it); the tracking
 * page shows the booked slot and what was told; every message of an order carries one link;
 * "ETA moved" is throttled and "next" right after "started" is dropped.
 */
describe('times that agree on the demo day', () => {
  let t: PlanningTestApp;
  let day: string;
  let zone: string;
  const deps = (): TriggerDeps => ({ db: t.db, publicUrl: 'http://tournee.test' });
  const tokenOf = (body: string) => /\/t\/([A-Za-z0-9_-]{32})/.exec(body)?.[1];

  beforeAll(async () => {
    t = await startPlanningApp();
    await seedDemo(t.db, t.org.id);
    // Quiet hours off: the test may run at night (the published messages would wait, still written).
    await t.db.query(`UPDATE organisations SET settings = '{"notify":{"quietHours":null}}' WHERE id = $1`, [t.org.id]);
    const first = await t.db.query<{ day: string; zone: string }>(
      `SELECT to_char(s.local_date, 'YYYY-MM-DD') AS day, d.time_zone AS zone FROM shifts s
         JOIN vehicles v ON v.id = s.vehicle_id JOIN depots d ON d.id = v.depot_id
        WHERE s.org_id = $1 AND NOT s.cancelled
          AND s.local_date >= (SELECT min(date_from) FROM orders WHERE org_id = $1)
        ORDER BY s.local_date LIMIT 1`,
      [t.org.id],
    );
    day = first.rows[0]!.day;
    zone = first.rows[0]!.zone;
    const plan = await t.call('POST', '/plans', { from: day, to: day, timeLimitS: 1 });
    expect((await t.waitForPlan(plan.body.planId)).status).toBe('done');
    expect((await t.call('POST', '/dispatch/publish', { date: day })).status).toBe(200);
  }, 120_000);
  afterAll(() => t?.close());

  it('tells every order of the day a band inside its booked slot, and the tracking page shows both', async () => {
    const stops = await t.db.query<{
      order_id: string;
      time_windows: TimeWindow[];
      arrival: Date;
      waiting_s: number;
    }>(
      `SELECT s.order_id, o.time_windows, s.planned_arrival_at AS arrival, s.waiting_s
         FROM stops s JOIN routes r ON r.id = s.route_id JOIN orders o ON o.id = s.order_id
        WHERE r.org_id = $1 AND r.local_date = $2 AND s.order_id IS NOT NULL`,
      [t.org.id, day],
    );
    expect(stops.rows.length).toBeGreaterThan(20);
    // Every order gets its "published" SMS (written by the notification subscriber after the publication).
    await expect
      .poll(
        async () =>
          (
            await t.db.query<{ n: number }>(
              `SELECT count(DISTINCT order_id)::int AS n FROM notifications WHERE org_id = $1 AND trigger = 'published' AND channel = 'sms'`,
              [t.org.id],
            )
          ).rows[0]!.n,
        { timeout: 30_000 },
      )
      .toBe(stops.rows.length);

    const hhmm = (iso: string | number) => utcToLocal(new Date(iso), zone).localTime;
    let outside = 0;
    for (const s of stops.rows) {
      const booked = windowsOnDay(day, s.time_windows, zone);
      const plan = stopTimes({ arrivalMs: s.arrival.getTime(), windows: booked, waitingS: Number(s.waiting_s) });
      const sms = (
        await t.db.query<{ body: string }>(
          `SELECT body FROM notifications WHERE order_id = $1 AND trigger = 'published' AND channel = 'sms'`,
          [s.order_id],
        )
      ).rows[0]!.body;
      const token = tokenOf(sms)!;
      const view = (await (await fetch(`${t.baseUrl}/api/track/${token}`)).json()) as TrackView;
      const ctx = `order ${s.order_id}, booked ${JSON.stringify(s.time_windows)}, planned ${hhmm(plan.serviceStartMs)}`;
      // The page: the booked slot as instants, and the band the message told.
      expect(view.bookedWindows, ctx).toEqual(
        booked.map((w) => ({ start: new Date(w.startMs).toISOString(), end: new Date(w.endMs).toISOString() })),
      );
      expect(view.announced, ctx).not.toBeNull();
      if (!view.announced) continue;
      expect(sms, ctx).toContain(`entre ${hhmm(view.announced.start)} et ${hhmm(view.announced.end)}`);
      expect(view.window, ctx).toEqual({ from: view.announced.start, to: view.announced.end });
      const band = { startMs: Date.parse(view.announced.start), endMs: Date.parse(view.announced.end) };
      // Never a band starting before the van can be there, and it holds the planned service start.
      expect(band.startMs, ctx).toBeGreaterThanOrEqual(Math.floor(s.arrival.getTime() / 60_000) * 60_000);
      expect(band.startMs <= plan.serviceStartMs && plan.serviceStartMs <= band.endMs, ctx).toBe(true);
      const planInside = bandInside({ startMs: plan.serviceStartMs, endMs: plan.serviceStartMs }, booked);
      if (planInside) {
        expect(bandInside(band, booked), ctx).toBe(true);
        expect(view.announced.outside, ctx).toBeNull();
      } else {
        // The plan really is outside the slot: the message says so plainly.
        outside++;
        expect(view.announced.outside, ctx).toMatch(/^(early|late)$/);
        expect(sms, ctx).toMatch(/(avant|après) le créneau que vous aviez réservé/);
      }
    }
    // The demo's plan keeps (almost) every slot: at most a few flagged orders.
    expect(outside).toBeLessThanOrEqual(Math.ceil(stops.rows.length * 0.05));
  });

  it('carries one tracking link per order across published, started, next, ETA moved and delivered', async () => {
    const { order_id: orderId } = (
      await t.db.query<{ order_id: string }>(
        `SELECT s.order_id FROM stops s JOIN routes r ON r.id = s.route_id
          WHERE r.org_id = $1 AND r.local_date = $2 AND s.order_id IS NOT NULL ORDER BY s.seq DESC LIMIT 1`,
        [t.org.id, day],
      )
    ).rows[0]!;
    const ctx = async () => (await loadOrderContexts(t.db, [orderId]))[0]!;
    const d = { ...deps(), nextAfterStartedMin: 0 };
    const now = Date.now();
    const eta = (await ctx()).plannedArrivalAt! + 40 * 60_000;
    expect(await fireTrigger(d, await ctx(), { trigger: 'started', version: 'r1', now })).toBe(2);
    expect(await fireTrigger(d, await ctx(), { trigger: 'eta_moved', version: '1', eta, now })).toBe(2);
    expect(await fireTrigger(d, await ctx(), { trigger: 'next', version: 's1', eta, now })).toBe(2);
    expect(await fireTrigger(d, await ctx(), { trigger: 'delivered', version: 's1', now })).toBe(2);
    const rows = (
      await t.db.query<{ trigger: string; body: string; status: string }>(
        `SELECT trigger, body, status FROM notifications WHERE order_id = $1 AND channel = 'sms' ORDER BY created_at`,
        [orderId],
      )
    ).rows;
    expect(rows.map((r) => r.trigger)).toEqual(['published', 'started', 'eta_moved', 'next', 'delivered']);
    expect(new Set(rows.map((r) => tokenOf(r.body))).size).toBe(1);
    expect(rows.every((r) => r.status !== 'suppressed')).toBe(true);
    const links = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tracking_links WHERE order_id = $1', [
      orderId,
    ]);
    expect(links.rows[0]!.n).toBe(1);
    expect(await orderLink(t.db, t.org.id, orderId)).toBe(tokenOf(rows[0]!.body));
  });

  it('sends at most one "ETA moved" per 20 minutes and no "next" right after "started"', async () => {
    const { order_id: orderId } = (
      await t.db.query<{ order_id: string }>(
        `SELECT s.order_id FROM stops s JOIN routes r ON r.id = s.route_id
          WHERE r.org_id = $1 AND r.local_date = $2 AND s.order_id IS NOT NULL ORDER BY s.seq LIMIT 1`,
        [t.org.id, day],
      )
    ).rows[0]!;
    const ctx = async () => (await loadOrderContexts(t.db, [orderId]))[0]!;
    const now = Date.now();
    const planned = (await ctx()).plannedArrivalAt!;
    const moved = (version: string, minutes: number, etaMin: number) =>
      fireTrigger(deps(), ctx0, {
        trigger: 'eta_moved',
        version,
        eta: planned + etaMin * 60_000,
        now: now + minutes * 60_000,
      });
    let ctx0 = await ctx();
    expect(await moved('1', 0, 30)).toBe(2);
    ctx0 = await ctx();
    // A second move 5 minutes later waits: nothing written.
    expect(await moved('2', 5, 60)).toBe(0);
    // Once 20 minutes have passed, the latest move is told.
    expect(await moved('2', 21, 60)).toBe(2);
    const moves = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications WHERE order_id = $1 AND trigger = 'eta_moved' AND channel = 'sms'`,
      [orderId],
    );
    expect(moves.rows[0]!.n).toBe(2);

    // "started" then "next" three minutes later: the second is written as suppressed, not sent.
    expect(await fireTrigger(deps(), await ctx(), { trigger: 'started', version: 'r1', now })).toBe(2);
    expect(await fireTrigger(deps(), await ctx(), { trigger: 'next', version: 's1', now: now + 3 * 60_000 })).toBe(2);
    const next = await t.db.query<{ status: string; last_error: string }>(
      `SELECT status, last_error FROM notifications WHERE order_id = $1 AND trigger = 'next'`,
      [orderId],
    );
    expect(next.rows.map((r) => r.status)).toEqual(['suppressed', 'suppressed']);
    expect(next.rows[0]!.last_error).toMatch(/coalesced: "started" was sent 3 min before/);
  });
});
