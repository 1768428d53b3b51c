import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions
type Json = any;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  const csv = [
    'ref,name,address,lat,lon,date_from,date_to,tw_start,tw_end,phone',
    'L1,Boulangerie Dupont,1 rue Mercière Lyon,45.762,4.833,2026-04-01,2026-04-01,08:00,12:00,',
    'L2,Café du Rhône,2 quai Rhône Lyon,45.76,4.84,2026-04-02,2026-04-04,,,',
    'P1,Pâtisserie Paris,3 rue de Rivoli Paris,48.856,2.352,2026-04-03,2026-04-03,,,',
    'P2,Épicerie fine,4 rue Oberkampf Paris,48.865,2.375,2026-04-10,2026-04-10,,,',
  ].join('\n');
  const res = await t.api('/orders/import', { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
  expect(res.status).toBe(200);
});
afterAll(() => t.close());

const list = async (query: string) => {
  const res = await t.api(`/orders${query}`, { as: 'dispatcher' });
  expect(res.status).toBe(200);
  const body = (await res.json()) as Json;
  return { ...body, refs: body.items.map((o: { ref: string }) => o.ref) };
};
const idOf = async (ref: string) => (await list(`?q=${ref}`)).items[0].id as string;

describe('GET /api/orders', () => {
  it('lists the organisation’s orders with pagination', async () => {
    const page = await list('?limit=2&offset=1');
    expect(page).toMatchObject({ total: 4, limit: 2, offset: 1, refs: ['L2', 'P1'] });
    expect(page.items[0].location).toEqual({ type: 'Point', coordinates: [4.84, 45.76] });
  });
  it('filters by a day range overlapping the order’s dates', async () => {
    expect((await list('?from=2026-04-03&to=2026-04-03')).refs).toEqual(['L2', 'P1']);
    expect((await list('?from=2026-04-05')).refs).toEqual(['P2']);
  });
  it('filters by text, status and bounding box', async () => {
    expect((await list('?q=caf')).refs).toEqual(['L2']);
    expect((await list('?q=EPICERIE')).refs).toEqual(['P2']);
    expect((await list('?q=100%25')).refs).toEqual([]);
    expect((await list('?q=paris')).refs).toEqual(['P1', 'P2']);
    expect((await list('?bbox=4.7,45.7,4.9,45.8')).refs).toEqual(['L1', 'L2']);
    expect((await list('?status=planned')).refs).toEqual([]);
    expect((await list('?status=imported,planned')).total).toBe(4);
  });
  it('names a bad filter', async () => {
    const res = await t.api('/orders?bbox=1,2,3', { as: 'dispatcher' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json).error.message).toMatch(/bbox/);
  });
  it('does not show another organisation’s orders', async () => {
    const other = await startTestApp();
    try {
      expect(((await (await other.api('/orders')).json()) as Json).total).toBe(0);
      const res = await other.api(`/orders/${await idOf('L1')}`);
      expect(res.status).toBe(404);
    } finally {
      await other.close();
    }
  });
});

describe('PATCH /api/orders/:id', () => {
  it('changes an order, validated like an import row, and audits it', async () => {
    const id = await idOf('L1');
    const res = await t.api(`/orders/${id}`, {
      method: 'PATCH',
      body: JSON.stringify({
        phone: '06 12 34 56 78',
        timeWindows: [{ start: '9h', end: '11:30' }],
        demand: [5, 0.5, 1],
      }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()) as Json).toMatchObject({
      phone: '+33612345678',
      timeWindows: [{ start: '09:00', end: '11:30' }],
      demand: [5, 0.5, 1],
    });
    const ev = await t.db.query(
      "SELECT * FROM events WHERE entity = 'order' AND entity_id = $1 AND action = 'order.update'",
      [id],
    );
    expect(ev.rows).toHaveLength(1);
  });
  it('answers 422 naming the bad fields', async () => {
    const id = await idOf('L1');
    const res = await t.api(`/orders/${id}`, {
      method: 'PATCH',
      body: JSON.stringify({
        location: { type: 'Point', coordinates: [4.8, 123] },
        timeWindows: [{ start: '12:00', end: '08:00' }],
        phone: '12',
      }),
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as Json;
    expect(body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'location',
      'phone',
      'timeWindows',
    ]);
  });
  it('refuses to change a dispatched order with 409', async () => {
    const id = await idOf('L2');
    await t.db.query("UPDATE orders SET status = 'dispatched' WHERE id = $1", [id]);
    const res = await t.api(`/orders/${id}`, { method: 'PATCH', body: JSON.stringify({ notes: 'x' }) });
    expect(res.status).toBe(409);
  });
});

describe('DELETE /api/orders/:id', () => {
  it('cancels the order, keeps it and audits it', async () => {
    const id = await idOf('P2');
    const res = await t.api(`/orders/${id}`, { method: 'DELETE', as: 'dispatcher' });
    expect(res.status).toBe(200);
    expect((await res.json()) as Json).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String) });
    expect(((await (await t.api(`/orders/${id}`)).json()) as Json).status).toBe('cancelled');
    const ev = await t.db.query(
      "SELECT * FROM events WHERE entity = 'order' AND entity_id = $1 AND action = 'order.cancel'",
      [id],
    );
    expect(ev.rows).toHaveLength(1);
  });
  it('is forbidden to drivers', async () => {
    const res = await t.api(`/orders/${await idOf('P1')}`, { method: 'DELETE', as: 'driver' });
    expect(res.status).toBe(403);
  });
});
