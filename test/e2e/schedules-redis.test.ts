import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { startServerPair } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';
import { obliterateQueue, testQueueName, testRedisUrl } from '../lib/test-redis.ts';

const ADMIN = { email: 'planner@example.com', password: 'e2e-password-1' };
// Redis db 7: this file's own, so its plan queue never meets another test's.
const REDIS_URL = process.env.REDIS_URL_SCHEDULES ?? testRedisUrl(7);
// This run's own plan queue (REDIS_URL_SCHEDULES may be shared); its keys are removed at the end.
const PLAN_QUEUE_NAME = testQueueName('tournee-plans-schedules-e2e');
const TUE = '2027-03-02';

const order = (ref: string, i: number) => ({
  ref,
  name: `Client ${ref}`,
  date: TUE,
  lat: 45.74 + (i % 4) * 0.01,
  lon: 4.82 + Math.floor(i / 4) * 0.012,
  tw_start: '08:00',
  tw_end: '17:00',
  demand_kg: 10,
});

// biome-ignore lint/suspicious/noExplicitAny: route JSON
type Json = any;

// Two server processes on one database and one Redis, both running the scheduler every 200 ms on
// the same test clock (TEST_CLOCK_FILE): each tick is run by exactly one of them.
describe('plan schedule across two server processes (Redis)', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let dbUrl: string;
  let db: pg.Client;
  let onA: ApiClient;
  let onB: ApiClient;
  const clockFile = join(mkdtempSync(join(tmpdir(), 'tournee-clock-')), 'now');
  const setClock = (iso: string) => writeFileSync(clockFile, iso);

  beforeAll(async () => {
    setClock('2027-03-01T16:00:00Z'); // Monday 17:00 in Lyon
    ({
      a,
      b,
      databaseUrl: dbUrl,
    } = await startServerPair('tournee_e2e_schedules', ADMIN, {
      REDIS_URL,
      PLAN_QUEUE_NAME,
      TEST_CLOCK_FILE: clockFile,
      SCHEDULER_TICK_MS: '200',
    }));
    db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    onA = await signIn(a.baseUrl, ADMIN.email, ADMIN.password);
    onB = await signIn(b.baseUrl, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await db?.end();
    await Promise.all([a?.stop(), b?.stop()]);
    await obliterateQueue(REDIS_URL, PLAN_QUEUE_NAME);
  });

  it('plans tomorrow at 18:00 and publishes at 06:00 once, leaving the locked route alone', async () => {
    const depot = await onA.call('POST', '/depots', {
      name: 'Lyon',
      location: { lon: 4.8322, lat: 45.7295 },
      timeZone: 'Europe/Paris',
    });
    expect(depot.status).toBe(201);
    const depotId = depot.body.id;
    for (const name of ['Van 1', 'Van 2']) {
      const v = await onA.call('POST', '/vehicles', { name, depotId, capacity: [800, 6, 60] });
      expect(v.status).toBe(201);
      expect(
        (await onA.call('POST', '/shifts', { vehicleId: v.body.id, localDate: TUE, start: '08:00', end: '17:00' }))
          .status,
      ).toBe(201);
    }
    expect(
      (
        await onA.call(
          'POST',
          '/orders/import',
          [1, 2, 3, 4, 5, 6].map((i) => order(`A${i}`, i)),
        )
      ).status,
    ).toBe(200);
    // A manual plan, then the dispatcher locks one of Tuesday's routes.
    const manual = await onA.call('POST', '/plans', {
      from: TUE,
      to: TUE,
      options: { balance: true },
      timeLimitS: 1,
    });
    expect(manual.status).toBe(202);
    await expect
      .poll(async () => (await onB.call('GET', `/plans/${manual.body.planId}`)).body.status, { timeout: 30_000 })
      .toBe('done');
    const routesOfTuesday = async (): Promise<Json[]> =>
      (await onB.call('GET', `/routes?date=${TUE}`)).body.routes.filter((r: Json) => r.stops.length > 0);
    const locked = (await routesOfTuesday())[0];
    expect((await onA.call('POST', `/routes/${locked.id}/lock`, { locked: true })).status).toBe(200);
    const lockedStops = locked.stops.map((s: Json) => s.orderId);
    expect((await onA.call('POST', '/orders/import', [order('A7', 7), order('A8', 8)])).status).toBe(200);

    const schedule = await onB.call('POST', '/plan-schedules', {
      name: 'Evening plan',
      depotId,
      cron: '0 18 * * *',
      horizonDays: 1,
      options: { balance: true },
      timeLimitS: 1,
      publish: { at: '06:00', leadDays: 0 },
    });
    expect(schedule.status).toBe(201);
    const id = schedule.body.id;

    // 18:00:30 in Lyon on both processes' clock.
    setClock('2027-03-01T17:00:30Z');
    await expect
      .poll(async () => (await onA.call('GET', `/plan-schedules/${id}`)).body.lastRuns[0]?.status, { timeout: 30_000 })
      .toBe('done');
    // Both processes ticked at 18:00:30 every 200 ms while the plan ran (over a second): still
    // one run, one plan, one alert.
    const runs = await db.query(`SELECT kind, status FROM plan_schedule_runs WHERE schedule_id = $1`, [id]);
    expect(runs.rows).toEqual([{ kind: 'plan', status: 'done' }]);
    const plans = await db.query(`SELECT count(*)::int AS n FROM plans WHERE created_by IS NULL`);
    expect(plans.rows[0].n).toBe(1);
    const alerts = await db.query(`SELECT details FROM alerts WHERE type = 'plan_schedule'`);
    expect(alerts.rows).toHaveLength(1);
    expect(alerts.rows[0].details).toMatchObject({ kind: 'plan', from: TUE, to: TUE, unassigned: 0 });
    expect(alerts.rows[0].details.assigned).toBeGreaterThanOrEqual(2);

    const planned = await routesOfTuesday();
    expect(planned.find((r: Json) => r.id === locked.id).stops.map((s: Json) => s.orderId)).toEqual(lockedStops);
    const refs = planned.filter((r: Json) => r.id !== locked.id).flatMap((r: Json) => r.stops.map((s: Json) => s.ref));
    expect(refs).toEqual(expect.arrayContaining(['A7', 'A8']));

    // 06:00:30 on Tuesday: published once, the locked route left planned.
    setClock('2027-03-02T05:00:30Z');
    await expect
      .poll(
        async () => {
          const last = (await onB.call('GET', `/plan-schedules/${id}`)).body.lastRuns[0];
          return `${last?.kind} ${last?.status}`;
        },
        { timeout: 30_000 },
      )
      .toBe('publish done');
    await expect
      .poll(async () => (await routesOfTuesday()).map((r: Json) => [r.id === locked.id, r.status]).sort())
      .toEqual([
        [false, 'published'],
        [true, 'planned'],
      ]);
    const publishRuns = await db.query(
      `SELECT summary FROM plan_schedule_runs WHERE schedule_id = $1 AND kind = 'publish'`,
      [id],
    );
    expect(publishRuns.rows).toHaveLength(1);
    expect(publishRuns.rows[0].summary).toMatchObject({ publishedRoutes: 1, lockedRoutes: 1 });
    const audit = await db.query(
      `SELECT action, count(*)::int AS n FROM events WHERE entity = 'plan_schedule' GROUP BY action ORDER BY action`,
    );
    expect(audit.rows).toEqual([
      { action: 'create', n: 1 },
      { action: 'scheduled_plan', n: 1 },
      { action: 'scheduled_publish', n: 1 },
    ]);
  });
});
