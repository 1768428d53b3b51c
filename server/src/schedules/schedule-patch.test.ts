/**
 * PATCH /api/plan-schedules/:id on the real app, PostgreSQL and a clock the tests move: what an
 * edit changes (GET, the next ticks, the audit), what it keeps, what it refuses and to whom.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../audit/audit.ts';
import { insertUser } from '../auth/repo.ts';
import { openSession } from '../auth/service.ts';
import { updateSchedule } from './service.ts';
import { type ClockedApp, startClockedApp } from '../../test/support/clocked-app.ts';
import { createLyonDepot } from '../../test/support/lyon-depot.ts';

// biome-ignore lint/suspicious/noExplicitAny: schedule JSON
type Json = any;

describe('PATCH /api/plan-schedules/:id', () => {
  let t: ClockedApp;
  let depotId: string;
  beforeAll(async () => {
    // Wednesday 3 March 2027 in Lyon: the tests move on from there.
    t = await startClockedApp('2027-03-03T12:00:00Z');
    const depot = await createLyonDepot(t);
    depotId = depot.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  // Each test sets the clock itself (it only moves forward).
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
    expect(listed.find((s: Json) => s.id === id)).toEqual(patched.body);
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
      expect(res.body.error.details.map((d: Json) => d.field)).toEqual([field]);
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
