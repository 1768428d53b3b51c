import { addDays, todayIn } from '@tournee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneVanDay, type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';
import { whyNotLoaded } from './unplanned.ts';

describe('why a named order is not planned (unit)', () => {
  const range = { from: '2026-03-10', to: '2026-03-12' };
  const order = (status: string, dateFrom = '2026-03-10', dateTo = '2026-03-10', onOtherRoute = false) =>
    ({ id: 'o', status, dateFrom, dateTo, onOtherRoute }) as Parameters<typeof whyNotLoaded>[0];

  it('names held, cancelled and visited orders by their status', () => {
    expect(whyNotLoaded(order('on_hold'), range)).toBe('on_hold');
    expect(whyNotLoaded(order('cancelled'), range)).toBe('cancelled');
    expect(whyNotLoaded(order('failed'), range)).toBe('status:failed');
    expect(whyNotLoaded(order('delivered'), range)).toBe('status:delivered');
    expect(whyNotLoaded(order('skipped'), range)).toBe('status:skipped');
  });

  it('names an open order outside the range, or on a route the plan keeps', () => {
    expect(whyNotLoaded(order('imported', '2026-03-13', '2026-03-14'), range)).toBe('outside_range');
    expect(whyNotLoaded(order('imported', '2026-03-01', '2026-03-09'), range)).toBe('outside_range');
    expect(whyNotLoaded(order('dispatched', '2026-03-10', '2026-03-10', true), range)).toBe('on_other_route');
  });
});

describe('POST /api/plans {orderIds}: every named order it cannot plan is listed unassigned with a reason', () => {
  let t: PlanningTestApp;
  const day = addDays(todayIn('Europe/Paris'), 1);

  beforeAll(async () => {
    t = await startPlanningApp();
    await oneVanDay(t, day);
  });
  afterAll(async () => {
    await t.close();
  });

  const importOne = async (ref: string, dateFrom: string, dateTo = dateFrom) => {
    await t.importOrders([
      {
        ref,
        name: ref,
        address: '1 place Bellecour, Lyon',
        lat: '45.7578',
        lon: '4.8320',
        date_from: dateFrom,
        date_to: dateTo,
      },
    ]);
    const { rows } = await t.db.query<{ id: string }>('SELECT id FROM orders WHERE org_id = $1 AND ref = $2', [
      t.org.id,
      ref,
    ]);
    return rows[0]!.id;
  };

  it('lists a failed, a held, a cancelled order and one with no shift on its days, each with its reason', async () => {
    const ok = await importOne('UR-OK', day);
    const failed = await importOne('UR-FAILED', day);
    const held = await importOne('UR-HELD', day);
    const cancelled = await importOne('UR-CANCELLED', day);
    // Allowed only on the day after: the van works `day` only.
    const noShift = await importOne('UR-NOSHIFT', addDays(day, 1));
    const outside = await importOne('UR-LATER', addDays(day, 5));
    // A failed delivery, as the lifecycle leaves it (written here directly: no driver in this test).
    await t.db.query(`UPDATE orders SET status = 'failed' WHERE id = $1`, [failed]);
    expect((await t.call('POST', `/orders/${held}/hold`, { reason: 'customer away' })).status).toBe(200);
    expect((await t.call('DELETE', `/orders/${cancelled}`)).status).toBe(200);

    const p = await t.call('POST', '/plans', {
      from: day,
      to: addDays(day, 1),
      timeLimitS: 0.5,
      orderIds: [ok, failed, held, cancelled, noShift, outside],
    });
    expect(p.status).toBe(202);
    const done = await t.waitForPlan(p.body.planId);
    expect(done.status).toBe('done');
    expect(done.summary).toMatchObject({ assigned: 1, unassigned: 5 });
    const unassigned = (await t.call('GET', `/plans/${p.body.planId}/unassigned`)).body.items;
    expect(unassigned.map((u: { ref: string; reason: string }) => [u.ref, u.reason])).toEqual([
      ['UR-CANCELLED', 'cancelled'],
      ['UR-FAILED', 'status:failed'],
      ['UR-HELD', 'on_hold'],
      ['UR-LATER', 'outside_range'],
      ['UR-NOSHIFT', 'no_shift_on_allowed_days'],
    ]);
    for (const u of unassigned) expect(u.message).toMatch(/\w{3,}/);
    expect(unassigned.find((u: { ref: string }) => u.ref === 'UR-FAILED').message).toMatch(/reschedule/);
  });

  it('refuses a request naming an order that does not exist, naming the index', async () => {
    const ok = await importOne('UR-KNOWN', day);
    const res = await t.call('POST', '/plans', {
      from: day,
      to: day,
      orderIds: [ok, '00000000-0000-4000-8000-000000000000'],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/orderIds\[1\]: no order/);
  });
});
