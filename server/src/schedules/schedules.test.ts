import { CreateDepotRequest, CreateShiftRequest, CreateVehicleRequest } from '@tournee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../audit/audit.ts';
import { insertUser } from '../auth/repo.ts';
import { openSession } from '../auth/service.ts';
import * as fleet from '../fleet/service.ts';
import { startRoute } from '../lifecycle/route-status.ts';
import { claimRun } from './repo.ts';
import { updateSchedule } from './service.ts';
import { type ClockedApp, startClockedApp } from '../../test/support/clocked-app.ts';

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
    const depot = await fleet.createDepot(
      t.db,
      actor,
      CreateDepotRequest.parse({ name: 'Lyon', location: { lon: 4.8322, lat: 45.7295 }, timeZone: 'Europe/Paris' }),
    );
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

  // PATCH /api/plan-schedules/:id. Each test sets the clock itself (it only moves forward).
  const updates = async (id: string) =>
    (
      await t.db.query(
        `SELECT 1 FROM events WHERE org_id = $1 AND entity = 'plan_schedule' AND entity_id = $2 AND action = 'update'`,
        [t.org.id, id],
      )
    ).rowCount;

  it('PATCH changes what GET shows and what the next ticks run, without catching up ticks already past', async () => {
    // Thursday 4 March, 09:00 in Lyon.
    t.clock.set('2027-03-04T08:00:00Z');
    const created = await t.call('POST', '/plan-schedules', {
      name: 'Morning plan',
      depotId,
      cron: '0 18 * * *',
      timeLimitS: 2,
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ nextRunAt: '2027-03-04T17:00:00.000Z', nextPublishAt: null });

    // 13:00: moved to 10:00 on weekdays, planning three days from the day after tomorrow, published the day before.
    t.clock.set('2027-03-04T12:00:00Z');
    const patched = await t.call('PATCH', `/plan-schedules/${id}`, {
      name: 'Weekday plan',
      cron: '0 10 * * 1-5',
      startOffsetDays: 2,
      horizonDays: 3,
      options: { minimiseVehicles: true },
      publish: { at: '07:15', leadDays: 1 },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      id,
      name: 'Weekday plan',
      enabled: true,
      depotId,
      cron: '0 10 * * 1-5',
      startOffsetDays: 2,
      horizonDays: 3,
      options: { balance: false, preferEarliest: false, minimiseVehicles: true },
      timeLimitS: 2,
      publish: { at: '07:15', leadDays: 1 },
      // Friday 10:00 and 07:15 in Lyon.
      nextRunAt: '2027-03-05T09:00:00.000Z',
      nextPublishAt: '2027-03-05T06:15:00.000Z',
      lastRuns: [],
    });
    expect((await t.call('GET', `/plan-schedules/${id}`)).body).toEqual(patched.body);
    const listed = (await t.call('GET', '/plan-schedules')).body.items;
    expect(listed.find((s: Route) => s.id === id)).toEqual(patched.body);
    expect(await updates(id)).toBe(1);

    // Today's 10:00 tick came after the creation but before the edit: it is not run now.
    await t.tickAt('2027-03-04T12:00:30Z');
    expect((await t.call('GET', `/plan-schedules/${id}`)).body.lastRuns).toEqual([]);

    // Friday 10:00: the new cut-off published Saturday at 07:15, and the plan covers Sunday to Tuesday.
    await t.tickAt('2027-03-05T09:00:30Z');
    const [planRun, publishRun] = (await t.call('GET', `/plan-schedules/${id}`)).body.lastRuns;
    expect(publishRun).toMatchObject({
      kind: 'publish',
      status: 'done',
      tick: '2027-03-05T06:15:00.000Z',
      from: '2027-03-06',
      to: '2027-03-06',
    });
    expect(planRun).toMatchObject({
      kind: 'plan',
      tick: '2027-03-05T09:00:00.000Z',
      from: '2027-03-07',
      to: '2027-03-09',
    });
    expect(planRun.planIds).toHaveLength(1);
    const plan = (await t.call('GET', `/plans/${planRun.planIds[0]}`)).body;
    expect(plan).toMatchObject({ from: '2027-03-07', to: '2027-03-09', options: { minimiseVehicles: true } });
    const limit = await t.db.query<{ s: string }>(`SELECT options->>'timeLimitS' AS s FROM plans WHERE id = $1`, [
      plan.id,
    ]);
    expect(limit.rows[0]?.s).toBe('2');
    await expect
      .poll(async () => (await t.call('GET', `/plans/${plan.id}`)).body.status, { timeout: 20_000 })
      .toMatch(/^(done|failed)$/);
  }, 60_000);

  it('PATCH of some fields keeps the others; switched off it stops, back on it does not catch up', async () => {
    // Monday 8 March, 08:00 in Lyon.
    t.clock.set('2027-03-08T07:00:00Z');
    const created = await t.call('POST', '/plan-schedules', {
      name: 'Lunch plan',
      depotId,
      cron: '30 13 * * *',
      startOffsetDays: 3,
      horizonDays: 2,
      options: { balance: true },
      timeLimitS: 4,
      publish: { at: '05:45', leadDays: 2 },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const { nextRunAt, nextPublishAt, updatedAt, ...fields } = created.body;
    expect(nextRunAt).toBe('2027-03-08T12:30:00.000Z');

    const off = await t.call('PATCH', `/plan-schedules/${id}`, { enabled: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ ...fields, enabled: false, nextRunAt: null, nextPublishAt: null });
    expect((await t.call('GET', `/plan-schedules/${id}`)).body).toEqual(off.body);
    // Monday 13:30 and Tuesday 05:45 pass while it is off: nothing runs.
    await t.tickAt('2027-03-08T12:30:30Z');
    await t.tickAt('2027-03-09T04:45:30Z');
    expect((await t.call('GET', `/plan-schedules/${id}`)).body.lastRuns).toEqual([]);

    // Back on at 06:00 on Tuesday, without auto-publish nor a time limit (null clears them).
    const on = await t.call('PATCH', `/plan-schedules/${id}`, { enabled: true, publish: null, timeLimitS: null });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({
      ...fields,
      enabled: true,
      publish: null,
      timeLimitS: null,
      nextRunAt: '2027-03-09T12:30:00.000Z',
      nextPublishAt: null,
    });
    expect((await t.call('GET', `/plan-schedules/${id}`)).body).toEqual(on.body);
    await t.tickAt('2027-03-09T05:00:30Z');
    expect((await t.call('GET', `/plan-schedules/${id}`)).body.lastRuns).toEqual([]);
    expect(await updates(id)).toBe(2);
  });

  it('PATCH with a bad field is a 400 naming it and leaves the schedule as it was', async () => {
    const created = await t.call('POST', '/plan-schedules', { name: 'Checked plan', depotId, cron: '0 18 * * *' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const before = (await t.call('GET', `/plan-schedules/${id}`)).body;

    const cases: [patch: Record<string, unknown>, field: string][] = [
      // Good fields beside the bad one are not saved either.
      [{ name: 'Renamed', cron: '0 25 * * *' }, 'cron'],
      [{ name: 'Renamed', cron: '0 18 * *' }, 'cron'],
      [{ name: 'Renamed', depotId: '00000000-0000-4000-8000-000000000000' }, 'depotId'],
      [{ name: 'Renamed', horizonDays: 0 }, 'horizonDays'],
      [{ name: 'Renamed', startOffsetDays: 1.5 }, 'startOffsetDays'],
      [{ name: '  ' }, 'name'],
      [{ name: 'Renamed', publish: { at: '25:00' } }, 'publish.at'],
      [{ name: 'Renamed', timeLimitS: 0 }, 'timeLimitS'],
    ];
    for (const [patch, field] of cases) {
      const res = await t.call('PATCH', `/plan-schedules/${id}`, patch);
      expect(res.status, JSON.stringify(patch)).toBe(400);
      expect(res.body.error.message).toContain(`${field}: `);
      expect(res.body.error.details.map((d: Route) => d.field)).toEqual([field]);
      expect((await t.call('GET', `/plan-schedules/${id}`)).body).toEqual(before);
    }
    expect(await updates(id)).toBe(0);
  });

  it("PATCH of an unknown id, or of another organisation's schedule, is a 404", async () => {
    const created = await t.call('POST', '/plan-schedules', { name: 'Known plan', depotId, cron: '0 18 * * *' });
    const id = created.body.id;
    const unknown = await t.call('PATCH', '/plan-schedules/00000000-0000-4000-8000-000000000000', { name: 'Renamed' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    const malformed = await t.call('PATCH', '/plan-schedules/not-an-id', { name: 'Renamed' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toContain('id: ');
    // The schedule is looked up in the caller's organisation only.
    const otherOrg = systemActor('00000000-0000-4000-8000-0000000000aa');
    await expect(updateSchedule({ db: t.db, clock: t.clock }, otherOrg, id, { name: 'Renamed' })).rejects.toMatchObject(
      { status: 404 },
    );
    expect((await t.call('GET', `/plan-schedules/${id}`)).body.name).toBe('Known plan');
    // The same PATCH on the schedule's own id, from its organisation, applies.
    const known = await t.call('PATCH', `/plan-schedules/${id}`, { name: 'Renamed' });
    expect(known.status).toBe(200);
    expect((await t.call('GET', `/plan-schedules/${id}`)).body.name).toBe('Renamed');
  });

  it('PATCH is refused to drivers and viewers, and allowed to admins', async () => {
    const viewer = await insertUser(t.db, {
      orgId: t.org.id,
      email: `viewer-${t.org.id}@test.local`,
      name: 'viewer',
      role: 'viewer',
      passwordHash: 'not used',
    });
    t.org.users.viewer = { ...viewer, token: (await openSession(t.db, viewer, 1)).token };
    const created = await t.call('POST', '/plan-schedules', { name: 'Guarded plan', depotId, cron: '0 18 * * *' });
    const id = created.body.id;
    const before = (await t.call('GET', `/plan-schedules/${id}`)).body;
    for (const role of ['driver', 'viewer'] as const) {
      const res = await t.call('PATCH', `/plan-schedules/${id}`, { name: 'Renamed', enabled: false }, role);
      expect(res.status, role).toBe(403);
    }
    // A viewer reads the schedule, unchanged.
    const seen = await t.call('GET', `/plan-schedules/${id}`, undefined, 'viewer');
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual(before);
    const admin = await t.call('PATCH', `/plan-schedules/${id}`, { name: 'Renamed', enabled: false }, 'admin');
    expect(admin.status).toBe(200);
    expect((await t.call('GET', `/plan-schedules/${id}`)).body).toMatchObject({
      name: 'Renamed',
      enabled: false,
      nextRunAt: null,
    });
  });
});
