import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestApp, type TestApp } from '../../test/harness.ts';
import { seedDriverDay } from '../../test/support/seeded-driver-day.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const order = (ref: string, extra: Record<string, unknown> = {}) => ({
  ref,
  name: `Client ${ref}`,
  address: '3 place Bellecour, Lyon',
  lat: 45.757,
  lon: 4.832,
  date: '2026-07-01',
  tw_start: '09:00',
  tw_end: '12:00',
  ...extra,
});

const post = async (orders: unknown[], lang = 'en') => {
  const res = await t.api('/orders', {
    method: 'POST',
    body: JSON.stringify({ orders }),
    headers: { 'accept-language': lang },
    as: 'dispatcher',
  });
  return { status: res.status, body: await readJson(res) };
};

describe('POST /api/orders', () => {
  it('creates orders, answers each with its id, and is idempotent: the same post again is unchanged', async () => {
    const orders = [order('API-1'), order('API-2', { skills: ['frigo'], demand_kg: 12 }), order('API-3')];
    const first = await post(orders);
    expect(first.status).toBe(200);
    expect(first.body.results.map((r: { ref: string; status: string }) => [r.ref, r.status])).toEqual([
      ['API-1', 'created'],
      ['API-2', 'created'],
      ['API-3', 'created'],
    ]);
    const id2 = first.body.results[1].id;
    const stored = await readJson(await t.api(`/orders/${id2}`));
    expect(stored).toMatchObject({
      ref: 'API-2',
      skills: ['frigo'],
      demand: [12, 0, 0],
      dateFrom: '2026-07-01',
      timeWindows: [{ start: '09:00', end: '12:00' }],
    });

    const again = await post(orders);
    expect(again.body.results).toEqual(first.body.results.map((r: object) => ({ ...r, status: 'unchanged' })));

    // One changed field: that order is updated, in place (same id), the others left alone.
    const third = await post([orders[0], { ...orders[1], notes: 'Sonner deux fois' }, orders[2]]);
    expect(third.body.results.map((r: { status: string }) => r.status)).toEqual(['unchanged', 'updated', 'unchanged']);
    expect(third.body.results[1].id).toBe(id2);
    expect(await readJson(await t.api(`/orders/${id2}`))).toMatchObject({ notes: 'Sonner deux fois' });
    const count = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM orders WHERE org_id = $1 AND ref LIKE 'API-%'`,
      [t.org.id],
    );
    expect(count.rows[0]!.n).toBe(3);
  });

  it('rejects a bad order by its field and creates the others', async () => {
    const { status, body } = await post([
      order('MIX-1'),
      order('MIX-2', { date: '2026-13-45', tw_end: '08:00' }),
      order('MIX-3'),
      { name: 'No ref', lat: 45.75, lon: 4.83, date: '2026-07-01' },
    ]);
    expect(status).toBe(200);
    const [a, b, c, d] = body.results;
    expect(a).toMatchObject({ ref: 'MIX-1', status: 'created', id: expect.any(String) });
    expect(c).toMatchObject({ ref: 'MIX-3', status: 'created', id: expect.any(String) });
    expect(b.status).toBe('rejected');
    expect(b.id).toBeUndefined();
    expect(b.errors.map((e: { field: string }) => e.field).sort()).toEqual(['date', 'tw_end']);
    expect(d).toMatchObject({ ref: '', status: 'rejected', errors: [{ field: 'ref' }] });
    const refs = await t.db.query<{ ref: string }>(
      `SELECT ref FROM orders WHERE org_id = $1 AND ref LIKE 'MIX-%' ORDER BY ref`,
      [t.org.id],
    );
    expect(refs.rows.map((r) => r.ref)).toEqual(['MIX-1', 'MIX-3']);
  });

  it('explains a bad field in French when asked in French', async () => {
    const { body } = await post([order('FR-1', { email: 'pas-un-email' })], 'fr');
    expect(body.results[0]).toMatchObject({ status: 'rejected', errors: [{ field: 'email' }] });
    expect(body.results[0].errors[0].message).not.toMatch(/email address/i);
    expect(body.results[0].errors[0].message).toMatch(/adresse|e-mail|courriel/i);
  });

  it('refuses 501 orders with a 400 naming the limit, and writes none', async () => {
    const orders = Array.from({ length: 501 }, (_, i) => order(`BIG-${i}`));
    const { status, body } = await post(orders);
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/orders: at most 500/);
    const count = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM orders WHERE org_id = $1 AND ref LIKE 'BIG-%'`,
      [t.org.id],
    );
    expect(count.rows[0]!.n).toBe(0);
    expect((await post(orders.slice(0, 500))).body.results).toHaveLength(500);
  });

  it('refuses to change a dispatched order, naming its ref, and keeps it as it was', async () => {
    const day = await seedDriverDay(t.db, t.org.id, { stops: 1 });
    const { rows } = await t.db.query<{ ref: string }>('SELECT ref FROM orders WHERE id = $1', [day.orderIds[0]]);
    const ref = rows[0]!.ref;
    const { body } = await post([order(ref, { notes: 'changed' })]);
    expect(body.results[0]).toMatchObject({ ref, status: 'rejected', errors: [{ field: 'ref' }] });
    expect(await readJson(await t.api(`/orders/${day.orderIds[0]}`))).toMatchObject({ notes: 'Code 1234' });
  });
});

describe('GET /api/orders/:id actions', () => {
  it('allows editing and cancelling an imported order', async () => {
    const { body } = await post([order('ACT-1')]);
    const detail = await readJson(await t.api(`/orders/${body.results[0].id}`));
    expect(detail.actions).toEqual({ edit: { allowed: true }, cancel: { allowed: true } });
    expect(detail.stops).toEqual([]);
    expect(detail.rating).toBeNull();
  });

  it('refuses both on a dispatched order, with the reasons PATCH and DELETE give', async () => {
    const day = await seedDriverDay(t.db, t.org.id, { stops: 2 });
    const id = day.orderIds[1]!;
    const detail = await readJson(await t.api(`/orders/${id}`));
    expect(detail.actions.edit).toMatchObject({ allowed: false, code: 'status' });
    expect(detail.actions.cancel).toMatchObject({ allowed: false, code: 'status' });
    expect(detail.stops).toEqual([
      expect.objectContaining({ routeId: day.routeId, position: 2, routeStatus: 'published', status: 'pending' }),
    ]);
    const patch = await t.api(`/orders/${id}`, { method: 'PATCH', body: JSON.stringify({ notes: 'x' }) });
    expect(patch.status).toBe(409);
    expect((await readJson(patch)).error.message).toBe(detail.actions.edit.reason);
    const del = await t.api(`/orders/${id}`, { method: 'DELETE' });
    expect(del.status).toBe(409);
    expect((await readJson(del)).error.message).toBe(detail.actions.cancel.reason);
  });

  it('refuses cancelling a planned order on a locked route, naming the route, and allows it once unlocked', async () => {
    const day = await seedDriverDay(t.db, t.org.id, { stops: 1, status: 'planned' });
    const id = day.orderIds[0]!;
    await t.db.query(`UPDATE orders SET status = 'planned' WHERE id = $1`, [id]);
    await t.db.query('UPDATE routes SET locked = true WHERE id = $1', [day.routeId]);
    const detail = await readJson(await t.api(`/orders/${id}`));
    expect(detail.actions.edit).toEqual({ allowed: true });
    expect(detail.actions.cancel).toMatchObject({
      allowed: false,
      code: 'route_locked',
      route: { localDate: day.localDate, vehicleName: expect.stringMatching(/^Van of/) },
    });
    const del = await t.api(`/orders/${id}`, { method: 'DELETE' });
    expect(del.status).toBe(409);
    expect((await readJson(del)).error.message).toBe(detail.actions.cancel.reason);

    await t.db.query('UPDATE routes SET locked = false WHERE id = $1', [day.routeId]);
    expect((await readJson(await t.api(`/orders/${id}`))).actions.cancel).toEqual({ allowed: true });
    expect((await t.api(`/orders/${id}`, { method: 'DELETE' })).status).toBe(200);
    const cancelled = await readJson(await t.api(`/orders/${id}`));
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.actions.cancel).toMatchObject({ allowed: false, code: 'cancelled' });
    expect(cancelled.actions.edit).toMatchObject({ allowed: false, code: 'cancelled' });
  });

  it("shows the customer's rating", async () => {
    const { body } = await post([order('RATE-1')]);
    const id = body.results[0].id;
    await t.db.query(`INSERT INTO ratings (order_id, rating, comment) VALUES ($1, 4, 'Très aimable')`, [id]);
    const detail = await readJson(await t.api(`/orders/${id}`));
    expect(detail.rating).toMatchObject({ rating: 4, comment: 'Très aimable', at: expect.any(String) });
  });
});
