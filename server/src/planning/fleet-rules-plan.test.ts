/**
 * Acceptance of issue 19's rules of real fleets, end to end: settings over HTTP, a plan through
 * the planning service on real PostgreSQL, and every written route checked by the independent
 * checker (server/test/support/independent-checker.ts), never by the solver's own code.
 */
import {
  addDays,
  CreateDepotRequest,
  CreateDriverRequest,
  CreateShiftRequest,
  CreateVehicleRequest,
  todayIn,
} from '@tournee/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { systemActor } from '../audit/audit.ts';
import * as fleet from '../fleet/service.ts';
import { checkRoutes } from '../../test/support/independent-checker.ts';
import { checkFleetRules, type FleetRules } from '../../test/support/independent-fleet-rules.ts';
import { type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';

const CHECK = { speedMps: 30 / 3.6, circuity: 1.3, drivingBreakMin: 45 };
const DIMS = ['kg', 'm3', 'parcels'];
const DEPOT = { lon: 4.8322, lat: 45.7295 };
const day1 = addDays(todayIn('Europe/Paris'), 2);
const day2 = addDays(day1, 1);

let t: PlanningTestApp;
afterEach(async () => {
  await t?.close();
});

async function depot(extra: Record<string, unknown> = {}) {
  return fleet.createDepot(
    t.db,
    systemActor(t.org.id),
    CreateDepotRequest.parse({ name: 'Lyon', location: DEPOT, timeZone: 'Europe/Paris', ...extra }),
  );
}

async function van(depotId: string, name: string, extra: Record<string, unknown> = {}) {
  return fleet.createVehicle(
    t.db,
    systemActor(t.org.id),
    CreateVehicleRequest.parse({ name, depotId, capacity: [800, 6, 60], ...extra }),
  );
}

async function driver(name: string) {
  return fleet.createDriver(t.db, systemActor(t.org.id), CreateDriverRequest.parse({ name }));
}

async function shift(vehicleId: string, localDate: string, start: string, end: string, driverId?: string) {
  return fleet.createShift(
    t.db,
    systemActor(t.org.id),
    CreateShiftRequest.parse({ vehicleId, localDate, start, end, ...(driverId ? { driverId } : {}) }),
  );
}

/** Orders around Lyon centre (a few km from the depot). */
function orders(prefix: string, n: number, date: string, extra: Record<string, string> = {}) {
  return Array.from({ length: n }, (_, i) => ({
    ref: `${prefix}-${i + 1}`,
    name: `${prefix} ${i + 1}`,
    address: `${i + 1} rue de Lyon`,
    lat: String(45.75 + 0.004 * (i % 5)),
    lon: String(4.83 + 0.005 * Math.floor(i / 5)),
    date,
    ...extra,
  }));
}

async function setRules(rules: FleetRules) {
  const r = await t.call(
    'PATCH',
    '/organisation',
    {
      workingTime: {
        maxWeeklyHours: null,
        minDailyRestHours: null,
        maxDrivingHours: null,
        drivingBreakMin: 45,
        ...rules,
      },
    },
    'admin',
  );
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

// biome-ignore lint/suspicious/noExplicitAny: plan JSON
async function plan(from: string, to: string, options: Record<string, unknown> = {}): Promise<any> {
  const r = await t.call('POST', '/plans', { from, to, timeLimitS: 2, options });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  const p = await t.waitForPlan(r.body.planId);
  expect(p.status, p.error).toBe('done');
  return p;
}

async function routesOf(date: string) {
  const r = await t.call('GET', `/routes?date=${date}`);
  expect(r.status).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: route JSON
  return (r.body.routes as any[]).filter((x) => x.stops.some((s: { orderId: string | null }) => s.orderId));
}

async function allChecks(rules: FleetRules) {
  expect(await checkRoutes(t.db, t.org.id, CHECK, DIMS)).toEqual([]);
  expect(await checkFleetRules(t.db, t.org.id, CHECK, { drivingBreakMin: 45, ...rules })).toEqual([]);
}

describe('rules of real fleets, planned and checked independently', () => {
  it('a weekly cap that forces a second driver', async () => {
    t = await startPlanningApp();
    const d = await depot();
    const [anne, bob] = [await driver('Anne'), await driver('Bob')];
    const v1 = await van(d.id, 'Van 1', { fixedCost: 100 });
    const v2 = await van(d.id, 'Van 2', { fixedCost: 100 });
    await shift(v1.id, day1, '08:00', '17:00', anne.id);
    await shift(v2.id, day1, '08:00', '17:00', bob.id);
    // About 4 h of service and travel: one van could do it all in its 9 h shift.
    await t.importOrders(orders('WK', 8, day1, { service_min: '25' }));
    const free = await plan(day1, day1, { minimiseVehicles: true });
    expect(free.summary).toMatchObject({ routes: 1, unassigned: 0 });
    const rules = { maxWeeklyHours: 3 };
    await setRules(rules);
    const p = await plan(day1, day1, { minimiseVehicles: true });
    expect(p.summary.unassigned).toBe(0);
    const routes = await routesOf(day1);
    expect(routes.map((r) => r.driverName).sort()).toEqual(['Anne', 'Bob']);
    for (const r of routes) expect(r.durationS).toBeLessThanOrEqual(3 * 3600);
    await allChecks(rules);
  });

  it('a weekly cap with one driver: the orders left out say whose hours stood in the way', async () => {
    t = await startPlanningApp();
    const d = await depot();
    const anne = await driver('Anne');
    const v1 = await van(d.id, 'Van 1');
    await shift(v1.id, day1, '08:00', '17:00', anne.id);
    await t.importOrders(orders('WL', 8, day1, { service_min: '25' }));
    const rules = { maxWeeklyHours: 2 };
    await setRules(rules);
    const p = await plan(day1, day1);
    expect(p.summary.unassigned).toBeGreaterThan(0);
    const left = await t.call('GET', `/plans/${p.id}/unassigned`);
    const items = left.body.items as { reason: string; message: string }[];
    expect(
      items.every((u) => u.reason === 'work_limit'),
      JSON.stringify(items),
    ).toBe(true);
    expect(items[0]!.message).toMatch(/^2 h a week: Anne already has [\d.]+ h in week \d+$/);
    const [route] = await routesOf(day1);
    expect(route.durationS).toBeLessThanOrEqual(2 * 3600);
    await allChecks(rules);

    // The dispatcher adding one by hand is told which rule it breaks, and for whom.
    const { rows } = await t.db.query<{ id: string }>(
      'SELECT order_id AS id FROM unassigned_orders WHERE plan_id = $1',
      [p.id],
    );
    const edit = await t.call('POST', '/dispatch/edits', {
      op: 'assign',
      orderId: rows[0]!.id,
      routeId: route.id,
      position: 0,
    });
    expect(edit.status).toBe(422);
    expect(edit.body.error.message).toMatch(/2 h a week: Anne would work [\d.]+ h in week \d+/);
    expect(edit.body.error.details.violations).toContainEqual(
      expect.objectContaining({ kind: 'weekly_hours', driver: 'Anne', max: 2 }),
    );
  });

  it('a reload that makes a 2-trip route feasible', async () => {
    t = await startPlanningApp();
    const d = await depot();
    const v = await van(d.id, 'Small van', { capacity: [100, 6, 60] });
    await shift(v.id, day1, '08:00', '17:00');
    // 4 × 45 kg: two fit in one trip of 100 kg.
    await t.importOrders(orders('RL', 4, day1, { demand_kg: '45' }));
    const one = await plan(day1, day1);
    expect(one.summary.assigned).toBe(2);
    const reasons = await t.call('GET', `/plans/${one.id}/unassigned`);
    expect(reasons.body.items.map((u: { reason: string }) => u.reason)).toEqual(['capacity', 'capacity']);

    const patched = await t.call('PATCH', `/vehicles/${v.id}`, { reloadMin: 15, maxTrips: 2 });
    expect(patched.status).toBe(200);
    const two = await plan(day1, day1);
    expect(two.summary.unassigned).toBe(0);
    const [route] = await routesOf(day1);
    const kinds = route.stops.map((s: { kind: string }) => s.kind);
    expect(kinds.filter((k: string) => k === 'reload')).toHaveLength(1);
    // Two orders on each trip, the reload between them, taking its 15 minutes at the depot.
    const at = kinds.indexOf('reload');
    expect(kinds.slice(0, at).filter((k: string) => k === 'delivery')).toHaveLength(2);
    const reload = route.stops[at];
    expect(Date.parse(reload.plannedDepartureAt) - Date.parse(reload.plannedArrivalAt)).toBeGreaterThanOrEqual(
      15 * 60_000 - 2000,
    );
    await allChecks({});

    // By hand: the reload moved to the start leaves the second trip over capacity, named as such.
    const ids = route.stops.map((s: { id: string }) => s.id);
    const reordered = [reload.id, ...ids.filter((id: string) => id !== reload.id)];
    const edit = await t.call('POST', '/dispatch/edits', { op: 'reorder', routeId: route.id, stopIds: reordered });
    expect(edit.status).toBe(422);
    expect(edit.body.error.message).toMatch(/over capacity on kg on trip 2: 180 for 100/);
    const moved = await t.call('POST', '/dispatch/edits', {
      op: 'move',
      stopId: reload.id,
      toRouteId: route.id,
      position: 0,
    });
    expect(moved.status).toBe(400);
  });

  it('a dock with 1 place staggering 3 vans', async () => {
    t = await startPlanningApp();
    const d = await depot({ docks: 1, loadingMin: 20 });
    const vans = [];
    for (const name of ['A', 'B', 'C']) {
      const v = await van(d.id, `Van ${name}`, { capacity: [100, 6, 60] });
      await shift(v.id, day1, '08:00', '17:00');
      vans.push(v);
    }
    // 90 kg each: one order per van, so all three leave.
    await t.importOrders(orders('DK', 3, day1, { demand_kg: '90' }));
    const p = await plan(day1, day1);
    expect(p.summary.unassigned).toBe(0);
    const routes = await routesOf(day1);
    expect(routes).toHaveLength(3);
    const leave = routes.map((r) => Date.parse(r.startAt)).sort((a, b) => a - b);
    const { rows } = await t.db.query<{ start_at: Date }>(
      'SELECT min(start_at) AS start_at FROM shifts WHERE org_id = $1',
      [t.org.id],
    );
    const eight = rows[0]!.start_at.getTime();
    // 08:00 + 20, + 40, + 60 min at the earliest: never two vans loading at once.
    expect(leave[0]).toBeGreaterThanOrEqual(eight + 20 * 60_000);
    for (let k = 1; k < 3; k++) expect(leave[k]! - leave[k - 1]!).toBeGreaterThanOrEqual(20 * 60_000 - 2000);
    await allChecks({});
    // An edit re-times the last van's route: it still waits for the dock the other two hold
    // until 08:40, and leaves at 09:00, not at its 08:00 shift start.
    const last = routes.find((r) => Date.parse(r.startAt) === leave[2])!;
    const stop = last.stops.find((s: { orderId: string | null }) => s.orderId);
    const edit = await t.call('POST', '/dispatch/edits', {
      op: 'move',
      stopId: stop.id,
      toRouteId: last.id,
      position: 0,
      dryRun: true,
    });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    const edited = edit.body.routes.find((r: { routeId: string }) => r.routeId === last.id);
    expect(Date.parse(edited.startAt)).toBeGreaterThanOrEqual(leave[1]! + 20 * 60_000);
  });

  it('a dock with 1 place staggers only the vans that go out', async () => {
    t = await startPlanningApp();
    const d = await depot({ docks: 1, loadingMin: 20 });
    // A and B start at 08:00 and would load first; only C, from 08:10, has the crane the order needs.
    for (const [name, start, skills] of [
      ['A', '08:00', []],
      ['B', '08:00', []],
      ['C', '08:10', ['crane']],
    ] as const) {
      const v = await van(d.id, `Van ${name}`, { skills });
      await shift(v.id, day1, start, '17:00');
    }
    await t.importOrders(orders('CR', 1, day1, { skills: 'crane' }));
    const p = await plan(day1, day1);
    expect(p.summary.unassigned).toBe(0);
    const [route, ...others] = await routesOf(day1);
    expect(others).toHaveLength(0);
    expect(route.vehicleName).toBe('Van C');
    const { rows } = await t.db.query<{ start_at: Date }>(
      'SELECT max(start_at) AS start_at FROM shifts WHERE org_id = $1',
      [t.org.id],
    );
    // A and B stay at home and load nothing: C loads from its start, 08:10, and leaves at 08:30
    // (staggered behind A and B it would wait for 09:00).
    expect(Date.parse(route.startAt)).toBe(rows[0]!.start_at.getTime() + 20 * 60_000);
    await allChecks({});
  });

  it('a dock with 1 place: a van planned later loads after a locked route has loaded', async () => {
    t = await startPlanningApp();
    const d = await depot({ docks: 1, loadingMin: 20 });
    for (const name of ['A', 'B']) {
      const v = await van(d.id, `Van ${name}`, { capacity: [100, 6, 60] });
      await shift(v.id, day1, '08:00', '17:00');
    }
    await t.importOrders(orders('LK', 1, day1, { demand_kg: '90' }));
    await plan(day1, day1);
    const [first] = await routesOf(day1);
    expect((await t.call('POST', `/routes/${first.id}/lock`, { locked: true })).status).toBe(200);
    // A second order that does not fit beside the first: the other van goes out too.
    await t.importOrders(orders('LK2', 1, day1, { demand_kg: '90' }));
    const p = await plan(day1, day1);
    expect(p.summary).toMatchObject({ keptRoutes: 1, unassigned: 0 });
    const second = (await routesOf(day1)).find((r) => r.id !== first.id)!;
    // The locked van loads until its departure: the other one loads after it, 20 min later.
    expect(Date.parse(second.startAt)).toBeGreaterThanOrEqual(Date.parse(first.startAt) + 20 * 60_000);
    await allChecks({});
  });

  it('a 4.5 h driving limit forcing a break', async () => {
    t = await startPlanningApp();
    const d = await depot();
    const v = await van(d.id, 'Long van');
    await shift(v.id, day1, '06:00', '18:00');
    // About 60 km as the crow flies: some 2.6 h of driving each way with the coordinate model.
    await t.importOrders([
      { ref: 'FAR-1', name: 'Far', address: 'Far away', lat: '45.1885', lon: '5.7245', date: day1 },
    ]);
    const rules = { maxDrivingHours: 4.5, drivingBreakMin: 45 };
    await setRules(rules);
    const p = await plan(day1, day1);
    expect(p.summary.unassigned).toBe(0);
    const [route] = await routesOf(day1);
    const kinds = route.stops.map((s: { kind: string }) => s.kind);
    // A driving break between the way out and the way back.
    const visit = kinds.indexOf('delivery');
    expect(kinds.slice(visit + 1)).toContain('break');
    await allChecks(rules);
  });

  it('no driving break on a route that drives less than the limit, though its shift is longer', async () => {
    t = await startPlanningApp();
    const d = await depot();
    const v = await van(d.id, 'City van');
    await shift(v.id, day1, '06:00', '18:00');
    await t.importOrders(orders('CITY', 6, day1));
    const rules = { maxDrivingHours: 4.5, drivingBreakMin: 45 };
    await setRules(rules);
    const p = await plan(day1, day1);
    expect(p.summary.unassigned).toBe(0);
    const [route] = await routesOf(day1);
    expect(route.stops.map((s: { kind: string }) => s.kind)).toEqual(Array(6).fill('delivery'));
    await allChecks(rules);
  });

  it('daily rest: a late evening order goes to the driver who does not start early the next day', async () => {
    t = await startPlanningApp();
    const d = await depot();
    const [anne, bob] = [await driver('Anne'), await driver('Bob')];
    const v1 = await van(d.id, 'Van 1');
    const v2 = await van(d.id, 'Van 2', { fixedCost: 500 });
    await shift(v1.id, day1, '08:00', '23:00', anne.id);
    await shift(v1.id, day2, '06:00', '15:00', anne.id);
    await shift(v2.id, day1, '08:00', '23:00', bob.id);
    await t.importOrders([
      ...orders('EVE', 1, day1, { tw1_start: '21:00', tw1_end: '22:00' }),
      ...orders('MORN', 1, day2, { tw1_start: '06:30', tw1_end: '08:00' }),
    ]);
    const rules = { minDailyRestHours: 11 };
    await setRules(rules);
    const p = await plan(day1, day2);
    expect(p.summary.unassigned).toBe(0);
    const [evening] = await routesOf(day1);
    const [morning] = await routesOf(day2);
    // Anne, back by 19:00 at the latest for her 06:00 start, cannot take it; Bob, dearer, does.
    expect(evening.driverName).toBe('Bob');
    expect(morning.driverName).toBe('Anne');
    await allChecks(rules);
  });
});
