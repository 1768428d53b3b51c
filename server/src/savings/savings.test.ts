import {
  addDays,
  CreateDepotRequest,
  CreateDriverRequest,
  CreateShiftRequest,
  CreateVehicleRequest,
  type PlanComparison,
  todayIn,
} from '@tournee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../audit/audit.ts';
import * as drivers from '../fleet/driver-service.ts';
import * as fleet from '../fleet/service.ts';
import { type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';

// A known instance: a depot and six orders due north of it on one meridian, 0.01° apart, so
// every distance is R × Δlat × circuity by hand (a great circle along a meridian).
const SPEED_KMH = 36; // 10 m/s
const CIRCUITY = 1.5;
const R = 6371008.8;
const STEP_M = R * ((0.01 * Math.PI) / 180) * CIRCUITY; // one 0.01° step on the road
const DEPOT = { lon: 4.8, lat: 45.7 };
const SERVICE_S = 600;
const COSTS = { fixedCost: 50, costPerKm: 0.5, costPerHour: 20 };

describe('savings against the customer’s own routes', () => {
  let t: PlanningTestApp;
  const date = addDays(todayIn('Europe/Paris'), 9);
  // The customer's way: one postcode per driver. Odd stops are 69001 (Alice), even ones 69002 (Bob).
  const orders = [1, 2, 3, 4, 5, 6].map((k) => ({
    ref: `S-${k}`,
    name: `Stop ${k}`,
    postcode: k % 2 ? '69001' : '69002',
    lat: (DEPOT.lat + k * 0.01).toFixed(2),
    lon: String(DEPOT.lon),
    service_min: String(SERVICE_S / 60),
    demand_kg: '10',
  }));
  const csv = (rows: Record<string, string>[]) => {
    const header = Object.keys(rows[0]!);
    return [header.join(','), ...rows.map((r) => header.map((h) => r[h] ?? '').join(','))].join('\n');
  };
  const baselineCsv = csv(
    orders.map((o, i) => ({ ...o, driver: o.postcode === '69001' ? 'Alice' : 'Bob', seq: String(i + 1) })),
  );
  const upload = async (text: string, query = `date=${date}`, lang = 'en') => {
    const form = new FormData();
    form.append('file', new Blob([text], { type: 'text/csv' }), 'current-routes.csv');
    const res = await fetch(`${t.baseUrl}/api/baselines?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.org.users.dispatcher.token}`, 'accept-language': lang },
      body: form,
    });
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
    const body: any = await res.json();
    return { status: res.status, body };
  };

  beforeAll(async () => {
    t = await startPlanningApp({ TRAVEL_SPEED_KMH: String(SPEED_KMH), TRAVEL_CIRCUITY: String(CIRCUITY) });
    const actor = systemActor(t.org.id);
    const depot = await fleet.createDepot(
      t.db,
      actor,
      CreateDepotRequest.parse({ name: 'North', location: DEPOT, timeZone: 'Europe/Paris' }),
    );
    for (const name of ['Alice', 'Bob']) {
      const v = await fleet.createVehicle(
        t.db,
        actor,
        CreateVehicleRequest.parse({ name: `Van ${name}`, depotId: depot.id, capacity: [800, 6, 60], ...COSTS }),
      );
      await fleet.createShift(
        t.db,
        actor,
        CreateShiftRequest.parse({ vehicleId: v.id, localDate: date, start: '08:00', end: '17:00' }),
      );
      await drivers.createDriver(t.db, actor, CreateDriverRequest.parse({ name, defaultVehicleId: v.id }));
    }
  });
  afterAll(() => t?.close());

  it('evaluates "one postcode per driver" exactly as computed by hand', async () => {
    const r = await upload(baselineCsv);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    // Alice: depot → 1 → 3 → 5 → depot = 10 steps; Bob: depot → 2 → 4 → 6 → depot = 12 steps.
    const hand = (steps: number) => {
      const distanceM = steps * STEP_M;
      const drivingS = distanceM / (SPEED_KMH / 3.6);
      const durationS = drivingS + 3 * SERVICE_S;
      const cost = COSTS.fixedCost + (COSTS.costPerKm * distanceM) / 1000 + (COSTS.costPerHour * durationS) / 3600;
      return { distanceM, drivingS, durationS, cost };
    };
    const [alice, bob] = [hand(10), hand(12)];
    const byKey = Object.fromEntries(r.body.routes.map((x: { key: string }) => [x.key, x]));
    expect(byKey.Alice.refs).toEqual(['S-1', 'S-3', 'S-5']);
    expect(byKey.Alice.distanceM).toBeCloseTo(alice.distanceM, 3);
    expect(byKey.Alice.drivingS).toBeCloseTo(alice.drivingS, 3);
    expect(byKey.Alice.durationS).toBeCloseTo(alice.durationS, 3);
    expect(byKey.Bob.refs).toEqual(['S-2', 'S-4', 'S-6']);
    expect(byKey.Bob.distanceM).toBeCloseTo(bob.distanceM, 3);
    expect(byKey.Bob.cost).toBeCloseTo(bob.cost, 2);
    expect(r.body.totals).toMatchObject({ vehicles: 2, stops: 6, overtimeS: 0, lateStops: 0 });
    expect(r.body.totals.distanceM).toBeCloseTo(22 * STEP_M, 3);
    // Each route's cost is kept to the cent: the sum is within a cent per route.
    expect(Math.abs(r.body.totals.cost - (alice.cost + bob.cost))).toBeLessThanOrEqual(0.01);

    const list = await t.call('GET', `/baselines?date=${date}`);
    expect(list.body.map((b: { id: string }) => b.id)).toContain(r.body.id);
  });

  it('names the row and column of every problem in the file, and stores nothing', async () => {
    const rows = orders.map((o, i) => ({ ...o, driver: 'Alice', seq: String(i + 1) }));
    rows[1]!.driver = 'Zoé'; // row 3: no such driver
    rows[3]!.seq = 'second'; // row 5: not a number
    rows[4]!.lat = '95'; // row 6: not a latitude
    const before = (await t.call('GET', '/baselines')).body.length;
    const r = await upload(csv(rows));
    expect(r.status).toBe(422);
    const errors = r.body.error.details.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`);
    expect(errors).toEqual(expect.arrayContaining(['5:seq', '6:lat']));
    expect((await t.call('GET', '/baselines')).body.length).toBe(before);
    // Once the cells are right, the unknown driver is named too (routes are matched after the rows).
    rows[3]!.seq = '4';
    rows[4]!.lat = '45.75';
    const again = await upload(csv(rows));
    expect(again.status).toBe(422);
    expect(again.body.error.details.errors).toEqual([
      expect.objectContaining({ row: 3, column: 'driver', value: 'Zoé', message: 'no driver is named "Zoé"' }),
    ]);
    // A French dispatcher reads it in French.
    const fr = await upload(csv(rows), `date=${date}`, 'fr');
    expect(fr.body.error.details.errors[0].message).toBe('aucun chauffeur ne s’appelle « Zoé »');
  });

  it('refuses a JSON body that is not an array of rows, and an unknown baseline', async () => {
    const r = await t.call('POST', `/baselines?date=${date}`, { rows: [] });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].field).toBe('body');
    const unknown = await t.call('GET', '/baselines/00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
  });

  it('refuses a baseline without a day, naming the parameter', async () => {
    const r = await upload(baselineCsv, '');
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain('date');
  });

  it('finds the optimised plan never worse than the baseline, and prints the report', async () => {
    const baseline = (await upload(baselineCsv)).body;
    await t.importOrders(orders.map((o) => ({ ...o, date }) as Record<string, string>));
    const started = await t.call('POST', '/plans', { from: date, to: date, timeLimitS: 1 });
    const plan = await t.waitForPlan(started.body.planId);
    expect(plan.status, plan.error).toBe('done');

    const r = await t.call('GET', `/plans/${plan.id}/compare?baseline=${baseline.id}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const c = r.body as PlanComparison;
    expect(c.plan.stops).toBe(6);
    // The planner's objective: vehicles first, then distance (its cost is time-based here).
    expect(c.plan.vehicles).toBeLessThanOrEqual(c.baseline.vehicles);
    if (c.plan.vehicles === c.baseline.vehicles) expect(c.plan.distanceM).toBeLessThanOrEqual(c.baseline.distanceM);
    // One van up and back the meridian: 12 steps instead of 22.
    expect(c.plan.vehicles).toBe(1);
    expect(c.plan.distanceM).toBeCloseTo(12 * STEP_M, 3);
    const km = c.deltas.find((d) => d.figure === 'distanceM')!;
    expect(km.delta).toBeCloseTo(-10 * STEP_M, 3);
    expect(km.pct).toBe(Math.round((-10 / 22) * 1000) / 10);
    expect(c.deltas.find((d) => d.figure === 'vehicles')).toMatchObject({ baseline: 2, plan: 1, delta: -1, pct: -50 });

    const page = await fetch(`${t.baseUrl}/api/plans/${plan.id}/compare.html?baseline=${baseline.id}`, {
      headers: { authorization: `Bearer ${t.org.users.dispatcher.token}` },
    });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('−1 (−50.0 %)');
    expect(html).toContain('@media print');
    expect(html).not.toContain('<script');

    // Planned again: the first plan's routes are the second's now, and nothing is left to compare.
    const again = await t.call('POST', '/plans', { from: date, to: date, timeLimitS: 0.5 });
    expect((await t.waitForPlan(again.body.planId)).status).toBe('done');
    const stale = await t.call('GET', `/plans/${plan.id}/compare?baseline=${baseline.id}`);
    expect(stale.status).toBe(422);
    expect(stale.body.error.message).toContain(`no routes on ${date}`);
  });
});
