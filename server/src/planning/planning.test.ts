import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextWorkingDays } from '../seed/demo-data.ts';
import { seedDemo } from '../seed/demo.ts';
import { checkRoutes, feasibleAlone } from '../../test/support/independent-checker.ts';
import { type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';

const CHECK = { speedMps: 30 / 3.6, circuity: 1.3 };
const DIMS = ['kg', 'm3', 'parcels'];

describe('planning the demo', () => {
  let t: PlanningTestApp;
  let days: string[];
  beforeAll(async () => {
    t = await startPlanningApp();
    const now = new Date();
    await seedDemo(t.db, t.org.id, now);
    days = nextWorkingDays(now, 10);
  });
  afterAll(() => t.close());

  it('refuses a range longer than 35 days, naming the limit', async () => {
    const r = await t.call('POST', '/plans', { from: '2027-01-01', to: '2027-02-15' });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/at most 35 days/);
  });

  it('cancelling a running plan writes nothing', async () => {
    const r = await t.call('POST', '/plans', { from: days[0], to: days[9], timeLimitS: 20 });
    expect(r.status).toBe(202);
    const { planId } = r.body;
    await t.waitForPlan(planId, (p) => p.status === 'running');
    const del = await t.call('DELETE', `/plans/${planId}`);
    expect(del.status).toBe(200);
    expect(del.body.status).toBe('cancelled');
    await t.app.planner.runner.idle();
    const plan = await t.waitForPlan(planId);
    expect(plan.status).toBe('cancelled');
    const written = await t.db.query<{ routes: number; unassigned: number; planned: number }>(
      `SELECT (SELECT count(*)::int FROM routes WHERE org_id = $1) AS routes,
              (SELECT count(*)::int FROM unassigned_orders WHERE plan_id = $2) AS unassigned,
              (SELECT count(*)::int FROM orders WHERE org_id = $1 AND status <> 'imported') AS planned`,
      [t.org.id, planId],
    );
    expect(written.rows[0]).toEqual({ routes: 0, unassigned: 0, planned: 0 });
    expect((await t.call('DELETE', `/plans/${planId}`)).status).toBe(409);
  });

  it('plans 10 working days: every feasible order assigned, no hard rule broken, progress reported, HTTP answering meanwhile', async () => {
    const socket = t.socket();
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', () => resolve());
      socket.on('connect_error', reject);
    });
    const progress: { planId: string; assigned: number; elapsedMs: number }[] = [];
    socket.on('plan:progress', (e) => progress.push(e));

    const r = await t.call('POST', '/plans', { from: days[0], to: days[9], timeLimitS: 3 });
    expect(r.status).toBe(202);
    const { planId } = r.body;
    // The HTTP event loop stays free while the solver works on its threads: /health answers on
    // every poll until the plan is done. (How fast it answers is `pnpm bench:responsiveness`'s.)
    await t.waitForPlan(planId, (p) => p.status !== 'queued');
    const health: number[] = [];
    await expect
      .poll(
        async () => {
          health.push((await t.call('GET', '/health')).status);
          return (await t.call('GET', `/plans/${planId}`)).body.status;
        },
        { timeout: 60_000 },
      )
      .not.toMatch(/^(queued|running)$/);
    const plan = await t.waitForPlan(planId);
    expect(plan.status, plan.error).toBe('done');
    expect(health.length).toBeGreaterThanOrEqual(1);
    expect(health.every((s) => s === 200)).toBe(true);

    // Progress arrives while it searches, its elapsed time and assigned count never going back.
    const mine = progress.filter((p) => p.planId === planId);
    expect(mine.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < mine.length; i++) expect(mine[i]!.elapsedMs).toBeGreaterThanOrEqual(mine[i - 1]!.elapsedMs);

    expect(plan.summary.assigned + plan.summary.unassigned).toBe(400);
    const problems = await checkRoutes(t.db, t.org.id, CHECK, DIMS);
    expect(problems).toEqual([]);
    const unassigned = await t.call('GET', `/plans/${planId}/unassigned`);
    for (const u of unassigned.body.items) {
      expect(
        await feasibleAlone(t.db, t.org.id, u.orderId, CHECK),
        `${u.ref} is feasible but unassigned (${u.reason})`,
      ).toBe(false);
    }
    const statuses = await t.db.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM orders WHERE org_id = $1 GROUP BY status',
      [t.org.id],
    );
    expect(statuses.rows.find((s) => s.status === 'planned')?.n).toBe(plan.summary.assigned);

    const list = await t.call('GET', '/plans?limit=5');
    expect(list.body.items[0]).toMatchObject({ id: planId, status: 'done' });
    const day = await t.call('GET', `/routes?date=${days[0]}`);
    expect(day.status).toBe(200);
    expect(day.body.routes.length).toBeGreaterThan(0);
    const route = day.body.routes[0];
    expect(route.geometry.type).toBe('LineString');
    expect(route.geometry.coordinates.length).toBe(
      route.stops.filter((s: { kind: string }) => s.kind !== 'break').length + 2,
    );
    expect(route.stops[0]).toMatchObject({ seq: 1, status: 'pending' });

    // The planner's calendar strip: every planned stop counted on its day, a shift per van and day.
    const cal = await t.call('GET', `/planning/calendar?from=${days[0]}&to=${days[9]}`);
    expect(cal.status).toBe(200);
    const calendar: Array<Record<string, number> & { date: string }> = cal.body.days;
    expect(calendar.map((d) => d.date).filter((d) => days.includes(d))).toEqual(days.slice(0, 10));
    const sum = (k: string) => calendar.reduce((n, d) => n + d[k]!, 0);
    expect(sum('planned')).toBe(plan.summary.assigned);
    expect(sum('unplanned')).toBe(0);
    for (const d of calendar) expect(d.shifts).toBe(days.includes(d.date) ? 8 : 0);
  });
});
