import { addDays, todayIn } from '@tournee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unassignedFigures } from './figures.ts';
import { oneVanDay, type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';

describe('unassignedFigures (unit)', () => {
  const fleet = [
    { name: 'Small', capacity: [500, 4], skills: [] },
    { name: 'Big', capacity: [800, 6], skills: ['hayon'] },
  ];
  it('gives the largest capacity per dimension with its vehicle, and the skills no vehicle has', () => {
    const f = unassignedFigures(
      { demand: [950], skills: ['frigo', 'hayon'], timeWindows: [], shiftHours: null },
      ['kg', 'm3'],
      fleet,
    );
    expect(f.demand).toEqual([950, 0]);
    expect(f.largest).toEqual([
      { capacity: 800, vehicle: 'Big' },
      { capacity: 6, vehicle: 'Big' },
    ]);
    expect(f.missingSkills).toEqual(['frigo']);
  });
  it('names no vehicle when the organisation has none', () => {
    const f = unassignedFigures({ demand: [1], skills: [], timeWindows: [], shiftHours: null }, ['kg'], []);
    expect(f.largest).toEqual([{ capacity: 0, vehicle: null }]);
  });
});

describe('GET /api/plans/:id/unassigned and /api/planning/unplanned: the reasons come with their figures', () => {
  let t: PlanningTestApp;
  const day = addDays(todayIn('Europe/Paris'), 1);
  const row = (ref: string, extra: Record<string, string>) => ({
    ref,
    name: ref,
    address: '1 place Bellecour, Lyon',
    lat: '45.7578',
    lon: '4.8320',
    date: day,
    ...extra,
  });

  beforeAll(async () => {
    t = await startPlanningApp();
    await oneVanDay(t, day); // one van: 800 kg, no skills, 08:00–17:00
    await t.importOrders([
      row('UF-OK', { demand_kg: '100' }),
      row('UF-HEAVY', { demand_kg: '950' }),
      row('UF-FRIGO', { skills: 'frigo' }),
      row('UF-EARLY', { tw1_start: '05:00', tw1_end: '06:00' }),
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers each left-out order with its demand, the largest van, missing skills and shift hours', async () => {
    const p = await t.call('POST', '/plans', { from: day, to: day, timeLimitS: 0.5 });
    expect(p.status).toBe(202);
    expect((await t.waitForPlan(p.body.planId)).status).toBe('done');
    const items = (await t.call('GET', `/plans/${p.body.planId}/unassigned`)).body.items as {
      ref: string;
      reason: string;
      figures: Record<string, unknown>;
    }[];
    const byRef = new Map(items.map((u) => [u.ref, u]));
    expect([...byRef.keys()].sort()).toEqual(['UF-EARLY', 'UF-FRIGO', 'UF-HEAVY']);
    expect(byRef.get('UF-HEAVY')!.reason).toBe('capacity');
    expect(byRef.get('UF-HEAVY')!.figures).toMatchObject({
      dimensions: ['kg', 'm3', 'parcels'],
      demand: [950, 0, 0],
      largest: [{ capacity: 800, vehicle: 'Van' }, expect.anything(), expect.anything()],
    });
    expect(byRef.get('UF-FRIGO')!.figures).toMatchObject({ skills: ['frigo'], missingSkills: ['frigo'] });
    expect(byRef.get('UF-EARLY')!.figures).toMatchObject({
      timeWindows: [{ start: '05:00', end: '06:00' }],
      shiftHours: { start: '08:00', end: '17:00' },
    });

    // The day's list says the same, for the planner's day view.
    const day1 = await t.call('GET', `/planning/unplanned?date=${day}`);
    expect(day1.status).toBe(200);
    const heavy = (day1.body.items as { ref: string; reason: string; figures: { demand: number[] } }[]).find(
      (u) => u.ref === 'UF-HEAVY',
    );
    expect(heavy).toMatchObject({ reason: 'capacity', figures: { demand: [950, 0, 0] } });
    expect(day1.body.items.map((u: { ref: string }) => u.ref)).not.toContain('UF-OK');
  });

  it('gives no reason for an order the latest plan placed and a dispatcher took off its route since', async () => {
    const routes = (await t.call('GET', `/routes?date=${day}`)).body.routes as {
      stops: { id: string; ref: string | null }[];
    }[];
    const ok = routes.flatMap((r) => r.stops).find((s) => s.ref === 'UF-OK')!;
    const edit = await t.call('POST', '/dispatch/edits', { op: 'unassign', stopId: ok.id, force: true });
    expect(edit.status).toBe(200);
    const items = (await t.call('GET', `/planning/unplanned?date=${day}`)).body.items as {
      ref: string;
      reason: string | null;
    }[];
    expect(items.find((u) => u.ref === 'UF-OK')).toMatchObject({ reason: null });
    expect(items.find((u) => u.ref === 'UF-HEAVY')).toMatchObject({ reason: 'capacity' });
  });

  it('refuses a day that is not a date, naming the parameter', async () => {
    const r = await t.call('GET', '/planning/unplanned?date=tomorrow');
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('date');
  });
});
