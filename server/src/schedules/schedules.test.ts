import { CreateShiftRequest, CreateVehicleRequest } from '@tournee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../audit/audit.ts';
import * as fleet from '../fleet/service.ts';
import { startRoute } from '../lifecycle/route-status.ts';
import { claimRun } from './repo.ts';
import { type ClockedApp, startClockedApp } from '../../test/support/clocked-app.ts';
import { createLyonDepot } from '../../test/support/lyon-depot.ts';

// Monday 1 March 2027, 17:00 in Lyon (16:00 UTC). Tomorrow is Tuesday 2 March.
const MON_1700 = '2027-03-01T16:00:00Z';
const MON_1800 = '2027-03-01T17:00:30Z';
const TUE_0600 = '2027-03-02T05:00:30Z';
const TUE = '2027-03-02';
const WED = '2027-03-03';

const order = (ref: string, date: string, i: number, extra: Record<string, string> = {}) => ({
  ref,
  name: `Client ${ref}`,
  date,
  lat: String(45.74 + (i % 4) * 0.01),
  lon: String(4.82 + Math.floor(i / 4) * 0.012),
  tw_start: '08:00',
  tw_end: '17:00',
  demand_kg: '10',
  ...extra,
});

// biome-ignore lint/suspicious/noExplicitAny: route JSON
type Route = any;

describe('plan schedules', () => {
  let t: ClockedApp;
  let depotId: string;
  const routesOf = async (date: string): Promise<Route[]> =>
    (await t.call('GET', `/routes?date=${date}&depotId=${depotId}`)).body.routes;
  const shape = (r: Route) => ({
    version: r.version,
    status: r.status,
    stops: r.stops.map((s: Route) => [s.orderId, s.seq, s.plannedArrivalAt]),
  });

  beforeAll(async () => {
    t = await startClockedApp(MON_1700);
    const actor = systemActor(t.org.id);
    const depot = await createLyonDepot(t);
    depotId = depot.id;
    for (const [name, day] of [
      ['Van 1', TUE],
      ['Van 2', TUE],
      ['Van 3', WED],
    ] as const) {
      const v = await fleet.createVehicle(
        t.db,
        actor,
        CreateVehicleRequest.parse({ name, depotId, capacity: [800, 6, 60] }),
      );
      await fleet.createShift(
        t.db,
        actor,
        CreateShiftRequest.parse({ vehicleId: v.id, localDate: day, start: '08:00', end: '17:00' }),
      );
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('plans tomorrow at 18:00 and publishes it at 06:00, leaving locked and started routes alone', async () => {
    await t.importOrders([
      ...[1, 2, 3, 4, 5, 6].map((i) => order(`A${i}`, TUE, i)),
      order('B1', WED, 1),
      order('B2', WED, 2),
    ]);
    // A manual plan first; then the dispatcher locks a route of Tuesday and Wednesday's route starts.
    const manual = await t.call('POST', '/plans', {
      from: TUE,
      to: WED,
      depotIds: [depotId],
      options: { balance: true },
      timeLimitS: 1,
    });
    expect(manual.status).toBe(202);
    await expect
      .poll(async () => (await t.call('GET', `/plans/${manual.body.planId}`)).body.status, { timeout: 20_000 })
      .toBe('done');
    const tuesday = (await routesOf(TUE)).filter((r: Route) => r.stops.length > 0);
    expect(tuesday.length).toBeGreaterThan(0);
    const locked = tuesday[0];
    expect((await t.call('POST', `/routes/${locked.id}/lock`, { locked: true })).status).toBe(200);
    const [wednesday] = await routesOf(WED);
    expect((await t.call('POST', '/dispatch/publish', { routeIds: [wednesday.id] })).status).toBe(200);
    const at = new Date('2027-03-03T07:30:00Z');
    await t.db.transaction((tx) => startRoute(tx, systemActor(t.org.id), wednesday.id, { at, now: at }));
    const lockedBefore = shape((await routesOf(TUE)).find((r: Route) => r.id === locked.id));
    const startedBefore = shape((await routesOf(WED))[0]);
    // New orders arrive after the manual plan, one of them needing a skill no van has.
    await t.importOrders([
      order('A7', TUE, 7),
      order('A8', TUE, 8),
      order('A9', TUE, 9, { skills: 'crane' }),
      order('B3', WED, 3),
    ]);

    const created = await t.call('POST', '/plan-schedules', {
      name: 'Evening plan',
      depotId,
      cron: '0 18 * * *',
      horizonDays: 2,
      options: { balance: true },
      timeLimitS: 1,
      publish: { at: '06:00', leadDays: 0 },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body.nextRunAt).toBe('2027-03-01T17:00:00.000Z');
    expect(created.body.nextPublishAt).toBe('2027-03-02T05:00:00.000Z');

    // 17:00: yesterday's 18:00 is before the schedule existed: nothing runs.
    await t.tickAt(MON_1700);
    expect((await t.call('GET', `/plan-schedules/${id}`)).body.lastRuns).toEqual([]);

    // 18:00 in Lyon: the plan of Tuesday (Wednesday has a started route: left out).
    await t.tickAt(MON_1800);
    await expect
      .poll(
        async () => {
          await t.app.schedules.scheduler.tick();
          return (await t.call('GET', `/plan-schedules/${id}`)).body.lastRuns[0]?.status;
        },
        { timeout: 20_000 },
      )
      .toBe('done');
    const runs = (await t.call('GET', `/plan-schedules/${id}`)).body.lastRuns;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ kind: 'plan', from: TUE, to: WED, tick: '2027-03-01T17:00:00.000Z' });
    expect(runs[0].summary).toMatchObject({ skippedDays: [WED], unassigned: 1, reasons: { skills: 1 } });
    expect(runs[0].planIds).toHaveLength(1);
    const plan = (await t.call('GET', `/plans/${runs[0].planIds[0]}`)).body;
    expect(plan).toMatchObject({ from: TUE, to: TUE, status: 'done' });

    const afterPlan = await routesOf(TUE);
    expect(shape(afterPlan.find((r: Route) => r.id === locked.id))).toEqual(lockedBefore);
    const onOthers = afterPlan.filter((r: Route) => r.id !== locked.id).flatMap((r: Route) => r.stops);
    const refs = onOthers.map((s: Route) => s.ref);
    expect(refs).toEqual(expect.arrayContaining(['A7', 'A8']));
    expect(shape((await routesOf(WED))[0])).toEqual(startedBefore);

    // The dispatchers' summary, in Monday's inbox (the day it ran), about Tuesday.
    const inbox = (await t.call('GET', '/alerts?date=2027-03-01')).body;
    const alerts = inbox.items ?? inbox;
    const summary = (alerts as Route[]).find((a) => a.type === 'plan_schedule');
    expect(summary.localDate).toBe('2027-03-01');
    expect(summary.details).toMatchObject({
      scheduleName: 'Evening plan',
      kind: 'plan',
      unassigned: 1,
      reasons: { skills: 1 },
    });
    expect(summary.details.assigned).toBe(runs[0].summary.assigned);

    // Ticking again at the same time changes nothing: one run per tick.
    await t.tickAt(MON_1800);
    expect((await t.call('GET', `/plan-schedules/${id}`)).body.lastRuns).toHaveLength(1);

    // 06:00 on Tuesday: Tuesday is published, except the locked route.
    await t.tickAt(TUE_0600);
    const publishRun = (await t.call('GET', `/plan-schedules/${id}`)).body.lastRuns[0];
    expect(publishRun).toMatchObject({ kind: 'publish', status: 'done', from: TUE, summary: { lockedRoutes: 1 } });
    const published = await routesOf(TUE);
    for (const r of published.filter((r: Route) => r.stops.length > 0)) {
      expect(r.status).toBe(r.id === locked.id ? 'planned' : 'published');
    }
    expect(publishRun.summary.publishedRoutes).toBe(published.filter((r: Route) => r.status === 'published').length);
    expect(shape(published.find((r: Route) => r.id === locked.id))).toEqual(lockedBefore);

    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM events WHERE org_id = $1 AND entity = 'plan_schedule' ORDER BY id`,
      [t.org.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'scheduled_plan', 'scheduled_publish']);
  }, 60_000);

  it('fails a tick whose server stopped before queueing its plan, and says so', async () => {
    const created = await t.call('POST', '/plan-schedules', { name: 'Noon plan', depotId, cron: '0 12 * * *' });
    expect(created.status).toBe(201);
    // A process claimed Wednesday's 12:00 tick, then died: the run stays `running`.
    const run = await claimRun(
      t.db,
      { id: created.body.id, orgId: t.org.id },
      'plan',
      new Date('2027-03-03T11:00:00Z'),
      new Date('2027-03-03T11:00:01Z'),
    );
    expect(run?.status).toBe('running');
    await t.tickAt('2027-03-03T11:05:00Z');
    expect((await t.call('GET', `/plan-schedules/${created.body.id}`)).body.lastRuns[0].status).toBe('running');
    await t.tickAt('2027-03-03T11:11:00Z');
    const [failed] = (await t.call('GET', `/plan-schedules/${created.body.id}`)).body.lastRuns;
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringMatching(/stopped before it was done/) });
    const alerts = (await t.call('GET', `/alerts?date=2027-03-03`)).body;
    const items = (alerts.items ?? alerts) as Route[];
    expect(items.some((a) => a.type === 'plan_schedule' && a.details.scheduleName === 'Noon plan')).toBe(true);
  });

  it('refuses a bad cron or an unknown depot, naming the field', async () => {
    const bad = await t.call('POST', '/plan-schedules', { name: 'x', depotId, cron: '0 25 * * *' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^cron: /);
    const noDepot = await t.call('POST', '/plan-schedules', {
      name: 'x',
      depotId: '00000000-0000-4000-8000-000000000000',
      cron: '0 18 * * *',
    });
    expect(noDepot.status).toBe(400);
    expect(noDepot.body.error.message).toMatch(/^depotId: /);
    expect((await t.call('POST', '/plan-schedules', { name: 'x', depotId, cron: '0 18 * * *' }, 'driver')).status).toBe(
      403,
    );
  });
});
